/**
 * The unit project's guard: a unit test starts no server. Loaded as a vitest
 * setup file in every unit test worker, and by NODE_OPTIONS in every Node
 * process those tests spawn (the CLI, run as a child), it makes child_process
 * refuse the programs that are servers or need the bootstrap — PostgreSQL,
 * Redis, PM2, Prometheus, Alertmanager, Docker, nginx, socat — and Node
 * running a reference service or the fault proxy as a process. In-process
 * sockets (the fault proxy's toxics, a stub HTTP server) are allowed.
 *
 * A refused test belongs in the integration project: *.integration.test.ts.
 * Not covered: a server started by a bash script the test runs.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const serverPrograms = new Set([
  'postgres',
  'pg_ctl',
  'pg_ctlcluster',
  'initdb',
  'setpriv',
  'redis-server',
  'redis-cli',
  'pm2',
  'prometheus',
  'prometheus-alertmanager',
  'promtool',
  'amtool',
  'docker',
  'dockerd',
  'nginx',
  'socat',
  'unshare',
]);

export const refusalPrefix = 'unit tests start no server';

/** Why spawning this is refused in the unit project, or undefined when it is allowed. */
export function serverRefusal(command: string, args: readonly string[] = []): string | undefined {
  const program = basename(command.trim().split(/\s+/)[0] ?? '');
  const words = [command, ...args].join(' ');
  if (serverPrograms.has(program)) return `${refusalPrefix}: refused to run "${program}"`;
  if (/\bnode\b/.test(program) || command === process.execPath) {
    if (/fixtures\/ats\/[^ ]+\/main\.ts/.test(words)) return `${refusalPrefix}: refused to start a reference service (${words})`;
    if (/src\/cli\/main\.ts proxy\b/.test(words)) return `${refusalPrefix}: refused to start the fault proxy as a process`;
  }
  return undefined;
}

function guarded<F extends (...args: never[]) => unknown>(original: F): F {
  return function (this: unknown, ...args: Parameters<F>) {
    const [command, rest] = args as unknown as [string, unknown];
    const refusal = serverRefusal(String(command), Array.isArray(rest) ? rest.map(String) : []);
    if (refusal) throw new Error(`${refusal}. Move this test to a *.integration.test.ts file.`);
    return original.apply(this, args);
  } as F;
}

const patched = Symbol.for('firedrill.no-servers');
const target = childProcess as typeof childProcess & { [patched]?: true };
if (!target[patched]) {
  target[patched] = true;
  childProcess.spawn = guarded(childProcess.spawn);
  childProcess.spawnSync = guarded(childProcess.spawnSync);
  childProcess.execFile = guarded(childProcess.execFile);
  childProcess.execFileSync = guarded(childProcess.execFileSync);
  childProcess.exec = guarded(childProcess.exec);
  childProcess.execSync = guarded(childProcess.execSync);
  const fork = childProcess.fork;
  childProcess.fork = ((modulePath: string | URL, ...rest: unknown[]) => {
    const args = Array.isArray(rest[0]) ? rest[0].map(String) : [];
    const refusal = serverRefusal(process.execPath, [String(modulePath), ...args]);
    if (refusal) throw new Error(`${refusal}. Move this test to a *.integration.test.ts file.`);
    return (fork as (...a: unknown[]) => childProcess.ChildProcess)(modulePath, ...rest);
  }) as typeof childProcess.fork;
  syncBuiltinESMExports();
  const self = new URL(import.meta.url).pathname;
  if (!process.env.NODE_OPTIONS?.includes(self)) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${self}`.trim();
}
