import { readFile, writeFile } from 'node:fs/promises';
import { ecosystemFileIn } from '../probes/pm2-ecosystem.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { type Fault, once } from './fault.ts';

/**
 * Local runtime. A release renames `service`'s PM2 app in the ecosystem file
 * (`order-gateway` → `ats-order-gateway`): only the file changes, nothing
 * running does until someone applies it. PM2 keys apps by name, so applying
 * it the wrong way (`pm2 start <ecosystem>`) starts the new name next to the
 * old one. `currentName`: the app's name in the file now, when a release
 * renamed it already. Revert puts the file back as it was (what runs is the
 * runbook's).
 */
export function renamePm2App(service: ServiceName, newName: string, currentName: string = service): Fault {
  const description = `rename ${service}'s PM2 app${currentName === service ? '' : ` ${currentName}`} to ${newName} in the ecosystem file`;
  return {
    kind: 'pm2.ecosystem-change',
    description,
    uses: { services: [service] },
    async inject(env) {
      const sandbox = env.variables().FIREDRILL_SANDBOX;
      if (env.runtime !== 'local' || !sandbox) throw new Error(`Fault "${description}": PM2 runs the services only on the local runtime`);
      const file = ecosystemFileIn(sandbox);
      const original = await readFile(file, 'utf8');
      const ecosystem = JSON.parse(original) as { apps: { name: string }[] };
      const app = ecosystem.apps.find((candidate) => candidate.name === currentName);
      if (!app)
        throw new Error(
          `Fault "${description}": ${file} has no app named ${currentName}; it has ${ecosystem.apps.map((a) => a.name).join(', ')}`,
        );
      app.name = newName;
      // It holds the services' environment, database password included: owner only, as PM2's runtime writes it.
      await writeFile(file, JSON.stringify(ecosystem, null, 2), { mode: 0o600 });
      return { description: `${description} (${file})`, revert: once(() => writeFile(file, original, { mode: 0o600 })) };
    },
  };
}
