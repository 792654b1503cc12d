import { describe, expect, it } from 'vitest';
import { type NginxSite, nginxFiles } from '../../src/nginx/nginx-config.ts';
import { NginxConfigError } from '../../src/nginx/nginx-config-error.ts';
import { nginxLayout } from '../../src/nginx/nginx-layout.ts';

// nginx's config as text, from the ports an environment allocated; nginx itself reads it in
// test/blue-green/local-blue-green.integration.test.ts.
const layout = nginxLayout('/tmp/firedrill/env-x');
const gateway: NginxSite = { service: 'order-gateway', port: 4000, colours: { blue: 4001, green: 4002 } };

function problemsOf(sites: readonly NginxSite[]): readonly string[] {
  try {
    nginxFiles({ layout, sites });
  } catch (error) {
    expect(error).toBeInstanceOf(NginxConfigError);
    return (error as NginxConfigError).problems;
  }
  throw new Error('expected a NginxConfigError');
}

describe('nginxFiles', () => {
  const { files, links } = nginxFiles({ layout, sites: [gateway] });
  const main = files[0]!.content;

  it('writes nginx.conf, one upstream file per colour, and live.conf pointing at blue', () => {
    expect(files.map((f) => f.path)).toEqual([
      '/tmp/firedrill/env-x/nginx/nginx.conf',
      '/tmp/firedrill/env-x/nginx/upstreams/order-gateway/blue.conf',
      '/tmp/firedrill/env-x/nginx/upstreams/order-gateway/green.conf',
    ]);
    expect(links).toEqual([
      {
        path: '/tmp/firedrill/env-x/nginx/upstreams/order-gateway/live.conf',
        target: '/tmp/firedrill/env-x/nginx/upstreams/order-gateway/blue.conf',
      },
    ]);
  });

  it("each colour file is the same upstream with that colour's server", () => {
    expect(files[1]!.content).toContain('upstream order-gateway {\n    server 127.0.0.1:4001;\n}');
    expect(files[2]!.content).toContain('upstream order-gateway {\n    server 127.0.0.1:4002;\n}');
  });

  it("listens on the service's port on loopback, includes only live.conf, and proxies to the upstream", () => {
    expect(main).toContain('listen 127.0.0.1:4000;');
    expect(main).toContain('include /tmp/firedrill/env-x/nginx/upstreams/order-gateway/live.conf;');
    expect(main).not.toMatch(/(blue|green)\.conf;/);
    expect(main).toContain('proxy_pass http://order-gateway;');
  });

  it('names the colour of every answer, errors too, from the upstream address', () => {
    expect(main).toMatch(
      /map \$upstream_addr \$firedrill_colour \{\n\s+default "";\n\s+127\.0\.0\.1:4001 blue;\n\s+127\.0\.0\.1:4002 green;\n\s+\}/,
    );
    expect(main).toContain('add_header X-Colour $firedrill_colour always;');
  });

  it('keeps pid, temp paths and logs in the sandbox; the access log has time, status, upstream and colour', () => {
    expect(main).toContain('pid /tmp/firedrill/env-x/nginx/nginx.pid;');
    expect(main).toContain('error_log /tmp/firedrill/env-x/logs/nginx.error.log notice;');
    expect(main).toContain('access_log /tmp/firedrill/env-x/logs/nginx.access.log firedrill;');
    expect(main).toMatch(
      /log_format firedrill escape=json .*"time":"\$time_iso8601".*"status":\$status.*"upstream":"\$upstream_addr".*"colour":"\$firedrill_colour"/,
    );
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      expect(main).toContain(`${kind}_temp_path /tmp/firedrill/env-x/nginx/temp/${kind};`);
    const paths = main.match(/(?<=\s)\/[^\s;]+/g) ?? [];
    expect(paths.filter((path) => !path.startsWith('/tmp/firedrill/env-x/'))).toEqual([]);
  });

  it("sets the workers' user only when asked (nginx started as root)", () => {
    expect(main).not.toMatch(/^user /m);
    expect(nginxFiles({ layout, sites: [gateway], user: 'root' }).files[0]!.content).toMatch(/^user root;$/m);
  });

  it('fronts several services, each with its own upstream dir and server', () => {
    const risk: NginxSite = { service: 'risk', port: 5000, colours: { blue: 5001, green: 5002 } };
    const both = nginxFiles({ layout, sites: [gateway, risk] });
    expect(both.files).toHaveLength(5);
    expect(both.files[0]!.content).toContain('listen 127.0.0.1:5000;');
    expect(both.files[0]!.content).toContain('127.0.0.1:5002 green;');
    expect(both.links[1]!.path).toBe('/tmp/firedrill/env-x/nginx/upstreams/risk/live.conf');
  });
});

describe('nginxFiles refuses what nginx could not serve, naming what is wrong', () => {
  it('no upstream at all', () => {
    expect(problemsOf([])).toEqual(['expected at least one upstream (a blue/green service to front); got none']);
  });

  it('a colour without a port, or with one that is no port', () => {
    expect(problemsOf([{ ...gateway, colours: { blue: 4001 } }])).toEqual(['order-gateway green: expected a port (1-65535); got none']);
    expect(problemsOf([{ ...gateway, colours: { blue: 0, green: 70_000 } }])).toEqual([
      'order-gateway blue: expected a port (1-65535); got 0',
      'order-gateway green: expected a port (1-65535); got 70000',
    ]);
  });

  it("nginx on a colour's port, two colours on one port, two services sharing one: every collision at once", () => {
    const risk: NginxSite = { service: 'risk', port: 4002, colours: { blue: 5001, green: 5001 } };
    expect(problemsOf([{ ...gateway, colours: { blue: 4000, green: 4002 } }, risk])).toEqual([
      "order-gateway blue: port 4000 is also order-gateway (nginx)'s; nginx and each colour need a port of their own",
      "risk (nginx): port 4002 is also order-gateway green's; nginx and each colour need a port of their own",
      "risk green: port 5001 is also risk blue's; nginx and each colour need a port of their own",
    ]);
  });

  it('a service name that could not name a file and an upstream', () => {
    expect(problemsOf([{ ...gateway, service: '../etc' }])[0]).toBe(
      'sites[0].service: expected a kebab-case service name (it names files and the upstream); got "../etc"',
    );
  });

  it('the error message lists the problems', () => {
    expect(() => nginxFiles({ layout, sites: [] })).toThrow(
      /^Cannot write the nginx config \(1 problem\):\n {2}expected at least one upstream/,
    );
  });
});
