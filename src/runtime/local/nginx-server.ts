/**
 * The environment's nginx (Debian's), in front of its blue/green services: daemonized from the sandbox's nginx dir,
 * which tags it and its workers (their cwd: nginx rewrites its title over the environ area, erasing the env tag), so
 * teardown and the reaper find them like every other process of the sandbox. Its config, pid file, temp paths and
 * logs are all in the sandbox (src/nginx/nginx-layout.ts); runbook steps drive it with `nginx -c "$NGINX_CONF" …`.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { waitUntil } from '../../clock/wait-until.ts';
import { nginxBin } from '../../host/binaries.ts';
import type { Sandbox } from '../../host/sandbox.ts';
import { envTagVariable, isAlive, terminate } from '../../host/tagged-processes.ts';
import { type NginxSite, nginxFiles } from '../../nginx/nginx-config.ts';
import { whyNginxFailed } from '../../nginx/nginx-failure.ts';
import { type NginxLayout, nginxLayout } from '../../nginx/nginx-layout.ts';
import { writeNginxConfig } from '../../nginx/write-nginx-config.ts';

export interface NginxServer {
  readonly layout: NginxLayout;
  /** The master process, or undefined when nginx is not running. */
  pid(): Promise<number | undefined>;
  /** `nginx -t`, then `-s reload`; resolves once only workers of the new config accept connections. Throws naming nginx's line on failure. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export async function startNginx(sandbox: Sandbox, sites: readonly NginxSite[]): Promise<NginxServer> {
  const layout = nginxLayout(sandbox.dir);
  const files = nginxFiles({ layout, sites, ...(process.getuid?.() === 0 ? { user: 'root' } : {}) });
  await mkdir(dirname(layout.errorLog), { recursive: true });
  await writeNginxConfig(layout, files);
  const nginx = (what: string, ...args: string[]) => runNginx(sandbox, layout, what, args);
  const pid = async () => {
    const value = Number((await readFile(layout.pidFile, 'utf8').catch(() => '')).trim());
    return value > 0 && isAlive(value) ? value : undefined;
  };
  await nginx('start', '-e', layout.errorLog);
  await waitUntil(pid, { what: `nginx's pid file ${layout.pidFile}`, timeoutMs: 5_000, intervalMs: 20 });
  return {
    layout,
    pid,
    async reload() {
      const master = await pid();
      if (!master) throw new Error(`nginx is not running (no live pid in ${layout.pidFile}): nothing to reload`);
      await nginx('test its config', '-t');
      const before = new Set(workersOf(master));
      await nginx('reload', '-s', 'reload');
      // Reloaded once a new worker runs and every old one has stopped accepting (it closes its listening sockets
      // as it retitles itself "worker process is shutting down"): from then on, every new connection gets the new config.
      await waitUntil(async () => workersOf(master).some((worker) => !before.has(worker)) && [...before].every(notAccepting), {
        what: `nginx (pid ${master}) replacing its workers with ones of the new config (see ${layout.errorLog})`,
        timeoutMs: 5_000,
        intervalMs: 10,
      });
    },
    async stop() {
      const master = await pid();
      if (master) await terminate([master, ...workersOf(master)], 5_000);
    },
  };
}

/** Runs nginx with the environment's config from its dir; throws naming the line that says why it failed. */
async function runNginx(sandbox: Sandbox, layout: NginxLayout, what: string, args: readonly string[]): Promise<void> {
  const logSizeBefore = await stat(layout.errorLog).then(
    (s) => s.size,
    () => 0,
  );
  const result = await execa(nginxBin, ['-c', layout.confFile, ...args], {
    cwd: layout.dir,
    env: { [envTagVariable]: sandbox.id },
    stdin: 'ignore',
    reject: false,
    timeout: 15_000,
  });
  if (result.exitCode === 0) return;
  const log = await readFile(layout.errorLog).catch(() => Buffer.alloc(0));
  const why = whyNginxFailed(log.subarray(logSizeBefore).toString('utf8'), String(result.stderr ?? ''));
  throw new Error(
    `nginx did not ${what}: ${why} (${result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`}; ` +
      `config ${layout.confFile}, error log ${layout.errorLog})`,
  );
}

function notAccepting(worker: number): boolean {
  try {
    return readFileSync(`/proc/${worker}/cmdline`, 'utf8').includes('shutting down');
  } catch {
    return true; // exited
  }
}

/** The master's children (its workers, old and new during a reload). */
function workersOf(master: number): number[] {
  try {
    return readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // gone
  }
}
