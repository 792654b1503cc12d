/** What the evidence records of a local environment's blue/green services: each colour's process and nginx's. */
import { execa } from 'execa';
import { nginxBin } from '../../host/binaries.ts';
import { colourName } from '../../topology/blue-green.ts';
import { colours, type ServiceInfo, type ServiceName } from '../runtime.ts';
import type { LocalBlueGreen } from './local-blue-green.ts';
import type { Pm2 } from './pm2.ts';

export async function describeColours(
  blueGreen: LocalBlueGreen,
  pm2: Pm2,
  nginxPort: number,
  versionOf: (name: ServiceName) => Promise<string>,
): Promise<Record<string, ServiceInfo>> {
  const colourEntries = await Promise.all(
    blueGreen.names.flatMap((name) =>
      colours.map(async (colour) => {
        const app = colourName(name, colour);
        const [pid, version] = await Promise.all([pm2.pid(app), versionOf(name)]);
        return [app, { port: blueGreen.colourPorts[name]![colour], pid, version }] as const;
      }),
    ),
  );
  const nginx: ServiceInfo = { port: nginxPort, pid: await blueGreen.nginx.pid(), version: await nginxVersion() };
  return { ...Object.fromEntries(colourEntries), nginx };
}

let version: Promise<string> | undefined;
/** `nginx -v` (it prints to stderr): `nginx version: nginx/1.22.1`. */
function nginxVersion(): Promise<string> {
  version ??= execa(nginxBin, ['-v'], { reject: false, timeout: 5_000 }).then(
    (r) => (String(r.stderr) || String(r.stdout)).trim() || 'unknown',
  );
  return version;
}
