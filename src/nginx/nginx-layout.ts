/**
 * Where an environment's nginx keeps everything, all inside the sandbox (nothing under /etc, /var or /run), so the
 * runbook's `nginx -c "$NGINX_CONF" -t` and `-s reload` act on this nginx and no other:
 *
 *   {sandbox}/nginx/nginx.conf                 includes each service's live.conf
 *   {sandbox}/nginx/upstreams/<service>/       blue.conf, green.conf (an upstream block each), live.conf → one of them
 *   {sandbox}/nginx/nginx.pid, temp/…          pid file and nginx's temp paths
 *   {sandbox}/logs/nginx.error.log, nginx.access.log
 */
import { join } from 'node:path';
import { logsDirIn } from '../topology/service-dirs.ts';

export interface NginxLayout {
  readonly dir: string;
  readonly confFile: string;
  readonly pidFile: string;
  readonly tempDir: string;
  readonly errorLog: string;
  readonly accessLog: string;
}

export function nginxLayout(sandboxDir: string): NginxLayout {
  const dir = join(sandboxDir, 'nginx');
  return {
    dir,
    confFile: join(dir, 'nginx.conf'),
    pidFile: join(dir, 'nginx.pid'),
    tempDir: join(dir, 'temp'),
    errorLog: join(logsDirIn(sandboxDir), 'nginx.error.log'),
    accessLog: join(logsDirIn(sandboxDir), 'nginx.access.log'),
  };
}

/** The directory of one service's colour files: what its upstreams variable (NGINX_UPSTREAMS) names. */
export const upstreamsDirOf = (layout: Pick<NginxLayout, 'dir'>, service: string) => join(layout.dir, 'upstreams', service);
