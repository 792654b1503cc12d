/**
 * The system's services run under a real PM2, as the runbook assumes, with a
 * private PM2_HOME per environment. PM2's daemon is detached and outlives us:
 * teardown must `pm2 kill` with the same PM2_HOME (and the tag sweep catches
 * anything left).
 */
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { logsDirIn } from '../../topology/service-dirs.ts';
import { envTagVariable, isAlive } from '../../host/tagged-processes.ts';
import type { Supervision } from '../runtime.ts';
import { supervisionFromJlist } from './pm2-jlist.ts';

const pm2Bin = join(dirname(createRequire(import.meta.url).resolve('pm2/package.json')), 'bin', 'pm2');

export interface Pm2App {
  name: string;
  /** A file, or with interpreter 'none' a command found on PATH. */
  script: string;
  args: readonly string[];
  /** The program that runs `script` (`node`'s path), or 'none' to run it as it is. */
  interpreter: string;
  cwd: string;
  env: Record<string, string>;
  /** PM2's namespace (`pm2 reload <namespace>` acts on its running apps); default PM2's `default`. */
  namespace?: string;
}

export interface Pm2 {
  readonly home: string;
  /** Writes the ecosystem file with every app and starts them, or only the ones named. */
  start(apps: readonly Pm2App[], only?: readonly string[]): Promise<void>;
  startOne(name: string): Promise<void>;
  /** Rewrites one app of the ecosystem file (a new env) and starts it afresh, deleting the running one first. */
  replace(app: Pm2App): Promise<void>;
  /** Deletes one app from PM2 (stopped, and out of `pm2 reload <namespace>`'s reach); idempotent. */
  remove(name: string): Promise<void>;
  pid(name: string): Promise<number | undefined>;
  /** What PM2 records of app `name` (`pm2 jlist`); throws naming it when PM2 has no such app. */
  supervision(name: string): Promise<Supervision>;
  kill(): Promise<void>;
  /**
   * After PM2's home and the ecosystem file were removed (Environment.loseEverything): the file written again with
   * the apps last written, and the daemon started (`pm2 ping`) with no app, for a runbook step's `pm2 start <file>`.
   */
  standBy(): Promise<void>;
  /** The apps of the ecosystem file as last written. */
  appNames(): readonly string[];
  /** PM2's daemon (God), or undefined when it does not run. */
  daemonPid(): Promise<number | undefined>;
  /** The ecosystem file (`$FIREDRILL_SANDBOX/ecosystem.json`). */
  readonly ecosystemFile: string;
}

export function createPm2(envDir: string, envId: string): Pm2 {
  const home = join(envDir, 'pm2');
  const ecosystemFile = join(envDir, 'ecosystem.json');
  const env = { ...process.env, PM2_HOME: home, [envTagVariable]: envId };
  const run = (...args: string[]) => execa(process.execPath, [pm2Bin, ...args], { env, cwd: envDir, stdin: 'ignore' });
  let written: readonly Pm2App[] = [];
  const write = async (apps: readonly Pm2App[]) => {
    // It holds the services' environment, database password included: owner only.
    await writeFile(ecosystemFile, JSON.stringify({ apps: apps.map((app) => pm2AppConfig(app, envDir, envId)) }, null, 2), {
      mode: 0o600,
    });
    await chmod(ecosystemFile, 0o600);
    written = apps;
  };
  const remove = async (name: string) => {
    const result = await run('delete', name).catch((error: Error & { stderr?: string }) => error);
    if (result instanceof Error && !/not found/i.test(`${result.stderr ?? ''} ${result.message}`)) throw result;
  };
  return {
    home,
    ecosystemFile,
    async standBy() {
      await write(written);
      await run('ping');
    },
    async start(apps, only) {
      await write(apps);
      await run('start', ecosystemFile, ...(only ? ['--only', only.join(',')] : []));
    },
    async startOne(name) {
      const started = await run('start', ecosystemFile, '--only', name).catch((error: Error) => error);
      if (!(started instanceof Error)) return;
      // In a restart storm PM2 can hold the app between two attempts: `start` then restarts it ("Process with pid …
      // already exists"), and PM2 7's CLI may crash listing the processes after (API.speedList reading pm2_env of
      // undefined; seen in a clean-clone CI run). The app is PM2's either way, and the caller's readiness wait decides.
      if (!supervisionFromJlist((await run('jlist')).stdout, name)) throw started;
    },
    async replace(app) {
      await write(written.map((existing) => (existing.name === app.name ? app : existing)));
      await remove(app.name);
      await run('start', ecosystemFile, '--only', app.name);
    },
    remove,
    appNames: () => written.map((app) => app.name),
    async daemonPid() {
      const pid = Number(await readFile(join(home, 'pm2.pid'), 'utf8').catch(() => ''));
      return pid > 0 && isAlive(pid) ? pid : undefined;
    },
    async pid(name) {
      const dir = join(home, 'pids');
      // `<name>-<pm_id>.pid`; an app deleted and started again gets a new id, and its old file may linger.
      const files = (await readdir(dir).catch(() => [] as string[])).filter((entry) => isPidFileOf(entry, name));
      for (const file of files) {
        const pid = Number(await readFile(join(dir, file), 'utf8').catch(() => ''));
        if (pid > 0 && isAlive(pid)) return pid;
      }
      return undefined;
    },
    async supervision(name) {
      const seen = supervisionFromJlist((await run('jlist')).stdout, name);
      if (!seen) throw new Error(`PM2 (PM2_HOME ${home}) has no app named ${name}`);
      return seen;
    },
    async kill() {
      await run('kill').catch(() => undefined); // the tag sweep after it is the real guarantee
    },
  };
}

const isPidFileOf = (file: string, name: string) => file.startsWith(`${name}-`) && /^\d+\.pid$/.test(file.slice(name.length + 1));

function pm2AppConfig(app: Pm2App, envDir: string, envId: string) {
  return {
    name: app.name,
    ...(app.namespace ? { namespace: app.namespace } : {}),
    script: app.script,
    args: [...app.args],
    interpreter: app.interpreter,
    exec_mode: 'fork',
    instances: 1,
    cwd: app.cwd,
    autorestart: true,
    restart_delay: 250,
    // Off, what PM2 otherwise adds to every service it starts: its APM agent (@pm2/io, for the PM2.io dashboard) and
    // source-map support for each module loaded. Nothing here reads either; without them an environment took
    // 0.1-0.3 CPU-s less to provision and as much less in 15 s idle (alternating runs, four each).
    pmx: false,
    disable_source_map_support: true,
    // Without merge_logs PM2 appends the app id (`order-gateway-1.log`); the log shipper and the runbook expect `<name>.log`.
    merge_logs: true,
    out_file: join(logsDirIn(envDir), `${app.name}.log`),
    error_file: join(logsDirIn(envDir), `${app.name}.err.log`),
    env: { ...app.env, [envTagVariable]: envId },
  };
}
