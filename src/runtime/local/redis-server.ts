/**
 * Redis for one environment: a daemonized redis-server with its config,
 * pidfile and log inside the sandbox. A runbook step restarts it the way an
 * operator would, with `redis-server "$REDIS_CONF"`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { waitUntil } from '../../clock/wait-until.ts';
import { pingRedis } from '../redis-ping.ts';
import { envTagVariable, isAlive } from '../../host/tagged-processes.ts';
import { redisServerBin } from '../../host/binaries.ts';

export interface RedisServer {
  readonly port: number;
  readonly configFile: string;
  /** What lives on Redis's host: its dir (the RDB), config, pid file and log. */
  readonly files: readonly string[];
  pid(): Promise<number | undefined>;
  start(): Promise<void>;
  /** After its files were removed (Environment.loseEverything): the same config written again, Redis started empty. */
  recreate(): Promise<void>;
}

export async function createRedis(envDir: string, envId: string, port: number): Promise<RedisServer> {
  const dir = join(envDir, 'redis');
  const configFile = join(envDir, 'redis.conf');
  const pidFile = join(envDir, 'redis.pid');
  const logFile = join(envDir, 'redis.log');
  const server: RedisServer = {
    port,
    configFile,
    files: [dir, configFile, pidFile, logFile],
    async pid() {
      const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
      return pid > 0 && isAlive(pid) ? pid : undefined;
    },
    async start() {
      if (await server.pid()) return;
      await execa(redisServerBin, [configFile], { env: { ...process.env, [envTagVariable]: envId }, cwd: dir, stdin: 'ignore' });
      await waitForPing(port);
    },
    async recreate() {
      await mkdir(dir);
      await writeFile(configFile, redisConfig(port, dir, pidFile, logFile));
      await server.start();
    },
  };
  await server.recreate();
  return server;
}

function redisConfig(port: number, dir: string, pidFile: string, logFile: string): string {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    'daemonize yes',
    `pidfile ${pidFile}`,
    `logfile ${logFile}`,
    `dir ${dir}`,
    'save ""',
    'appendonly no',
    '',
  ].join('\n');
}

export async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  await waitUntil(async () => (await pingRedis(port)) === 'PONG', {
    what: `Redis on port ${port} answering PING`,
    timeoutMs,
    intervalMs: 50,
  });
}
