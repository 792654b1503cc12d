/**
 * The environment's fault proxy: `firedrill proxy` as its own daemon process
 * (detached, so a Ctrl-C reaches only the harness, which reverts faults before
 * tearing down), tagged like every other process of the sandbox, started lean
 * (src/proxy/proxy-process.ts) with the host's compile cache.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { proxyProcess } from '../proxy/proxy-process.ts';
import { nodeCompileCache } from './node-compile-cache.ts';
import { waitForHttp } from '../runtime/wait-for-http.ts';
import { envTagVariable } from './tagged-processes.ts';

export async function startFaultProxy(envDir: string, envId: string, port: number): Promise<string> {
  const { command, args, env } = proxyProcess({ port, compileCacheDir: await nodeCompileCache('local') });
  const log = openSync(join(envDir, 'fault-proxy.log'), 'a');
  const child = spawn(command, args, {
    cwd: envDir,
    env: { ...process.env, ...env, [envTagVariable]: envId },
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
