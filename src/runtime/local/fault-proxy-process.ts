/**
 * The environment's fault proxy: `firedrill proxy` as its own daemon process
 * (detached, so a Ctrl-C reaches only the harness, which reverts faults before
 * tearing down), tagged like every other process of the sandbox.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../repo-root.ts';
import { waitForHttp } from '../wait-for-http.ts';
import { envTagVariable } from './tagged-processes.ts';

export async function startFaultProxy(envDir: string, envId: string, port: number): Promise<string> {
  const log = openSync(join(envDir, 'fault-proxy.log'), 'a');
  const child = spawn(process.execPath, [join(repoRoot, 'src', 'cli', 'main.ts'), 'proxy', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: envDir,
    env: { ...process.env, [envTagVariable]: envId },
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  closeSync(log); // the child holds its own copy
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/version`, {
    what: `fault proxy (pid ${child.pid}, log ${join(envDir, 'fault-proxy.log')})`,
    timeoutMs: 15_000,
  });
  return url;
}
