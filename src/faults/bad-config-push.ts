import { readFile, rm, writeFile } from 'node:fs/promises';
import { fillTemplate } from '../config/placeholders.ts';
import type { Environment, ServiceName } from '../runtime/runtime.ts';
import { serviceNamed } from '../topology/topology.ts';
import { type Fault, once } from './fault.ts';

export interface BadConfigPush {
  /** The service's variable naming the settings file it reads at start, in its config's env: `GATEWAY_OVERRIDES_FILE`. */
  readonly fileVariable: string;
  /** The lines pushed, appended to what the file held: `RATE_LIMIT_PER_SEC=50/s`. */
  readonly lines: readonly string[];
  /** Sent to the running process so its supervisor starts it on the new settings; default SIGTERM (a restart). */
  readonly signal?: NodeJS.Signals;
}

/**
 * A bad config push, as a config management tool makes one: the settings file
 * `service` reads at start gets `lines`, the version it replaces is kept
 * beside it as `<file>.last-good` (what the runbook restores), and the running
 * process is signalled, so its supervisor restarts it into a service that
 * cannot start: a crash loop. Revert puts both files back as they were and
 * starts the service again if it is down.
 */
export function badConfigPush(service: ServiceName, push: BadConfigPush): Fault {
  const description = `bad config push to ${service} (${push.lines.join(', ')}), then ${push.signal ?? 'SIGTERM'}`;
  return {
    kind: 'config.bad-push',
    description,
    uses: { services: [service] },
    async inject(env) {
      const file = settingsFile(env, service, push.fileVariable, description);
      const handle = env.service(service);
      const pid = await handle.pid();
      if (pid === undefined) throw new Error(`Fault "${description}": ${service} is not running, so nothing would start on the push`);
      const lastGood = `${file}.last-good`;
      const [before, lastGoodBefore] = await Promise.all([readIfPresent(file), readIfPresent(lastGood)]);
      const restore = once(async () => {
        await Promise.all([putBack(file, before), putBack(lastGood, lastGoodBefore)]);
        await handle.ensureRunning();
      });
      await writeFile(lastGood, before ?? '');
      await writeFile(file, `${before ?? ''}# pushed by firedrill (${description})\n${push.lines.join('\n')}\n`);
      await handle.kill(push.signal ?? 'SIGTERM').catch(async (error: unknown) => {
        await restore();
        throw error;
      });
      return { description: `${description} (${file}; pid ${pid} signalled; the last good version in ${lastGood})`, revert: restore };
    },
  };
}

/** The file the service's config names in `variable` (its env, or its runtime's), the sandbox filled in. */
function settingsFile(env: Environment, service: ServiceName, variable: string, description: string): string {
  const config = serviceNamed(env.topology, service);
  const template = config[env.runtime]?.env[variable] ?? config.env[variable];
  if (template === undefined) {
    const known = Object.keys({ ...config.env, ...config[env.runtime]?.env }).join(', ') || 'none';
    throw new Error(
      `Fault "${description}": ${service}'s config sets no ${variable}, so there is no settings file to push to; it sets ${known}`,
    );
  }
  const sandbox = env.variables().FIREDRILL_SANDBOX;
  if (!sandbox) throw new Error(`Fault "${description}": the environment names no sandbox (FIREDRILL_SANDBOX) to find ${variable} in`);
  return fillTemplate(template, { sandbox });
}

async function readIfPresent(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

async function putBack(file: string, text: string | undefined): Promise<void> {
  if (text === undefined) await rm(file, { force: true });
  else await writeFile(file, text);
}
