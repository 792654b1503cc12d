/**
 * nginx in front of blue/green services, as text: pure, so every rule is unit tested without starting nginx.
 *
 *   client ──> nginx 127.0.0.1:<service port> ──include live.conf──> upstream <service> { server 127.0.0.1:<colour port> }
 *
 * blue.conf and green.conf each define the same upstream, the service's name, with their colour's server; nginx.conf
 * includes only live.conf, a symlink to one of them, so switching is `ln -sfn` and a reload. Every answer carries
 * `X-Colour` (a `map` of `$upstream_addr` to the colour, `always`: errors too), and the access log records time,
 * status, upstream and colour of each request as JSON lines.
 */
import { join } from 'node:path';
import { type Colour, colours } from '../runtime/runtime.ts';
import { NginxConfigError } from './nginx-config-error.ts';
import { type NginxLayout, upstreamsDirOf } from './nginx-layout.ts';

export interface NginxSite {
  readonly service: string;
  /** Where nginx listens: the service's own port, so its URL variable and everything using it go through nginx. */
  readonly port: number;
  /** Each colour's port; both are required. */
  readonly colours: Readonly<Partial<Record<Colour, number>>>;
}

export interface NginxConfigInput {
  readonly layout: NginxLayout;
  readonly sites: readonly NginxSite[];
  /** The workers' user; give it when nginx starts as root (`root`: the sandbox is private to its owner). */
  readonly user?: string;
}

export interface NginxFiles {
  readonly files: readonly { readonly path: string; readonly content: string }[];
  /** Each service's live.conf and what it points at first: its blue.conf. */
  readonly links: readonly { readonly path: string; readonly target: string }[];
}

export const colourHeader = 'X-Colour';
const host = '127.0.0.1';
const serviceName = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Throws a NginxConfigError listing every problem of `input` at once. */
export function nginxFiles(input: NginxConfigInput): NginxFiles {
  const problems = nginxProblems(input.sites);
  if (problems.length > 0) throw new NginxConfigError(problems);
  const sites = input.sites.map((site) => ({ ...site, dir: upstreamsDirOf(input.layout, site.service) }));
  return {
    files: [
      { path: input.layout.confFile, content: mainConfig(input) },
      ...sites.flatMap((site) => colours.map((colour) => ({ path: join(site.dir, `${colour}.conf`), content: upstream(site, colour) }))),
    ],
    links: sites.map((site) => ({ path: join(site.dir, 'live.conf'), target: join(site.dir, 'blue.conf') })),
  };
}

function nginxProblems(sites: readonly NginxSite[]): string[] {
  if (sites.length === 0) return ['expected at least one upstream (a blue/green service to front); got none'];
  const problems: string[] = [];
  const owners = new Map<number, string>();
  const claim = (port: number | undefined, what: string) => {
    if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65_535) {
      problems.push(`${what}: expected a port (1-65535); got ${port === undefined ? 'none' : port}`);
      return;
    }
    const owner = owners.get(port);
    if (owner) problems.push(`${what}: port ${port} is also ${owner}'s; nginx and each colour need a port of their own`);
    else owners.set(port, what);
  };
  sites.forEach((site, index) => {
    if (!serviceName.test(site.service))
      problems.push(`sites[${index}].service: expected a kebab-case service name (it names files and the upstream); got "${site.service}"`);
    claim(site.port, `${site.service} (nginx)`);
    for (const colour of colours) claim(site.colours[colour], `${site.service} ${colour}`);
  });
  return problems;
}

function mainConfig({ layout, sites, user }: NginxConfigInput): string {
  const temp = (kind: string) => `${kind}_temp_path ${join(layout.tempDir, kind)};`;
  const colourOf = sites.flatMap((site) => colours.map((colour) => `        ${host}:${site.colours[colour]} ${colour};`));
  // No `daemon` line: nginx's default (on) daemonizes the local one, and the docker one runs in the foreground with
  // -g 'daemon off;', which nginx refuses next to a daemon line here ("daemon" directive is duplicate).
  return `# Written by firedrill: this environment's nginx, everything in its sandbox.
# Switch a service's colour: ln -sfn <its dir>/green.conf <its dir>/live.conf && nginx -c ${layout.confFile} -t && nginx -c ${layout.confFile} -s reload
${user ? `user ${user};\n` : ''}worker_processes 1;
pid ${layout.pidFile};
error_log ${layout.errorLog} notice;

events {
    worker_connections 1024;
}

http {
    ${temp('client_body')}
    ${temp('proxy')}
    ${temp('fastcgi')}
    ${temp('uwsgi')}
    ${temp('scgi')}

    map $upstream_addr $firedrill_colour {
        default "";
${colourOf.join('\n')}
    }
    log_format firedrill escape=json '{"time":"$time_iso8601","status":$status,"upstream":"$upstream_addr","colour":"$firedrill_colour","request":"$request","seconds":$request_time}';
    access_log ${layout.accessLog} firedrill;
${sites.map((site) => server(layout, site)).join('')}}
`;
}

function server(layout: NginxLayout, site: NginxSite): string {
  return `
    # ${site.service}: the live colour is whichever live.conf points at.
    include ${join(upstreamsDirOf(layout, site.service), 'live.conf')};
    server {
        listen ${host}:${site.port};
        # One request per connection: a reload then never closes a connection a client is about to reuse.
        keepalive_timeout 0;
        location / {
            proxy_pass http://${site.service};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_connect_timeout 2s;
            add_header ${colourHeader} $firedrill_colour always;
        }
    }
`;
}

function upstream(site: NginxSite, colour: Colour): string {
  return `# ${site.service}, ${colour}: live when live.conf points here.
upstream ${site.service} {
    server ${host}:${site.colours[colour]};
}
`;
}
