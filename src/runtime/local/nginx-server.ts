/**
 * The environment's nginx (Debian's), in front of its blue/green services: daemonized from the sandbox's nginx dir,
 * which tags it and its workers (their cwd: nginx rewrites its title over the environ area, erasing the env tag), so
 * teardown and the reaper find them like every other process of the sandbox. Its config, pid file, temp paths and
 * logs are all in the sandbox (src/nginx/nginx-layout.ts); runbook steps drive it with `nginx -c "$NGINX_CONF" …`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { waitUntil } from '../../clock/wait-until.ts';
import { nginxBin } from '../../host/binaries.ts';
import type { Sandbox } from '../../host/sandbox.ts';
import { envTagVariable, isAlive, terminate } from '../../host/tagged-processes.ts';
import { type NginxSite, nginxFiles } from '../../nginx/nginx-config.ts';
import { type NginxLayout, nginxLayout } from '../../nginx/nginx-layout.ts';
import { testAndReload, workersOf } from '../../nginx/nginx-reload.ts';
import { type NginxCommand, runNginx } from '../../nginx/run-nginx.ts';
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
  const command: NginxCommand = {
    command: [nginxBin, '-c', layout.confFile],
    cwd: layout.dir,
    env: { [envTagVariable]: sandbox.id },
    where: `config ${layout.confFile}`,
  };
  const nginx = (what: string, ...args: string[]) => runNginx(layout, command, what, args);
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
      await testAndReload(master, layout, (what, args) => nginx(what, ...args));
    },
    async stop() {
      const master = await pid();
      if (master) await terminate([master, ...workersOf(master)], 5_000);
    },
  };
}
