/**
 * The environment's nginx as a container (firedrill/nginx:1, Debian's nginx), in front of its blue/green services.
 * nginx is the container's main process (`nginx -g 'daemon off;' -c <conf>`), with host networking: it listens on
 * each service's own loopback port. The sandbox's nginx dir is bind-mounted at the same path as on the host, so the
 * absolute paths of nginx.conf and the target of each live.conf symlink resolve alike on both sides: the harness
 * and the runbook flip live.conf on the host (`ln -sfn`), and nginx inside reads it at the reload. nginx.conf is
 * also mounted over /etc/nginx/nginx.conf, so the runbook's `docker exec "$NGINX_CONTAINER" nginx -t` and
 * `nginx -s reload` (no -c) act on this config and its pid file, which is in the sandbox.
 *
 *   write config (host) ─> container (nginx dir rw, logs dir rw, conf → /etc/nginx) ─> ready: each site answers through it
 *
 * No restart policy, as the local nginx has no supervisor: an nginx that dies stays down, for a probe to see.
 * A start that fails names nginx's line from its error log (the container, and its log, are removed).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sandbox } from '../../host/sandbox.ts';
import { type NginxSite, nginxFiles } from '../../nginx/nginx-config.ts';
import { type NginxLayout, nginxLayout } from '../../nginx/nginx-layout.ts';
import { testAndReload } from '../../nginx/nginx-reload.ts';
import { errorLogMark, type NginxCommand, runNginx, whyNginxFailedSince } from '../../nginx/run-nginx.ts';
import { writeNginxConfig } from '../../nginx/write-nginx-config.ts';
import { loopback } from '../../topology/service-env.ts';
import { answersOk } from '../wait-for-http.ts';
import type { Container } from './container.ts';
import { dockerBin } from './docker-bin.ts';
import { defaultImages } from './image.ts';
import { Ready } from './readiness.ts';
import { containerName, startContainer } from './start-container.ts';

export interface NginxContainer {
  readonly container: Container;
  readonly layout: NginxLayout;
  /** `nginx -t`, then `nginx -s reload` (docker exec); resolves once only workers of the new config accept. Throws naming nginx's line. */
  reload(): Promise<void>;
}

/** Where nginx must answer 200 once up: each site's readiness path, through nginx to its live colour. */
export interface NginxSiteCheck extends NginxSite {
  readonly readinessPath: string;
}

export async function startNginxContainer(
  sandbox: Sandbox,
  sites: readonly NginxSiteCheck[],
  signal: AbortSignal,
): Promise<NginxContainer> {
  const layout = nginxLayout(sandbox.dir);
  // The container runs as root, and nginx's workers write its temp dirs in the sandbox (owner only).
  const files = nginxFiles({ layout, sites, user: 'root' });
  await mkdir(dirname(layout.errorLog), { recursive: true });
  await writeNginxConfig(layout, files);
  const container = await startNginx(sandbox, layout, sites, signal);
  const exec: NginxCommand = { command: [dockerBin, 'exec', container.name, 'nginx'], where: `container ${container.name}` };
  return {
    container,
    layout,
    async reload() {
      const master = await container.pid();
      if (!master) throw new Error(`nginx's container ${container.name} is not running: nothing to reload`);
      await testAndReload(master, layout, (what, args) => runNginx(layout, exec, what, args));
    },
  };
}

async function startNginx(
  sandbox: Sandbox,
  layout: NginxLayout,
  sites: readonly NginxSiteCheck[],
  signal: AbortSignal,
): Promise<Container> {
  const mark = await errorLogMark(layout);
  const checks = sites.map((site) => `http://${loopback}:${site.port}${site.readinessPath}`);
  try {
    return await startContainer(
      {
        envId: sandbox.id,
        role: 'nginx',
        image: defaultImages.nginx,
        args: ['-c', layout.confFile, '-e', layout.errorLog],
        binds: [
          { source: layout.dir, target: layout.dir, mode: 'rw' },
          { source: dirname(layout.errorLog), target: dirname(layout.errorLog), mode: 'rw' },
          { source: layout.confFile, target: '/etc/nginx/nginx.conf', mode: 'ro' },
        ],
        readiness: Ready.all(...checks.map((url) => Ready.when(`nginx answering ${url}`, () => answersOk(url)))),
        startupTimeoutMs: 15_000,
      },
      signal,
    );
  } catch (error) {
    // The container is gone with its log; nginx's error log, in the sandbox, says why when nginx itself gave up.
    const why = await whyNginxFailedSince(layout, mark, '');
    if (signal.aborted || !why || !/\[(emerg|alert|crit)\]/.test(why)) throw error;
    throw new Error(`nginx did not start: ${why} (container ${containerName(sandbox.id, 'nginx')}, error log ${layout.errorLog})`, {
      cause: error,
    });
  }
}
