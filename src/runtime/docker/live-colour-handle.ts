/**
 * `environment.service(S)` for a blue/green service S on docker: the URL is nginx's (S's own port), and every
 * process operation acts on the container of the colour live at the time of the call, through the same handle a
 * plain service's container gets (`handleOf`). ensureRunning also waits until that colour answers its readiness
 * path: a deployed colour's container counts as started before it is ready.
 */
import type { ServiceHandle, ServiceName } from '../runtime.ts';
import type { Container } from './container.ts';
import type { DockerBlueGreen } from './docker-blue-green.ts';

const readyAgainTimeoutMs = 20_000;

export function liveColourHandle(
  name: ServiceName,
  port: number,
  url: string,
  colours: DockerBlueGreen,
  handleOf: (container: Container) => ServiceHandle,
): ServiceHandle {
  const live = async () => {
    const colour = await colours.live();
    const container = await colours.liveContainer();
    if (!container) throw new Error(`${name}: its live colour, ${colour}, has no container (deploy it first)`);
    return { colour, handle: handleOf(container) };
  };
  return {
    name,
    port,
    url,
    pid: async () => ((await colours.liveContainer()) ? (await live()).handle.pid() : undefined),
    kill: async (signal) => (await live()).handle.kill(signal),
    async ensureRunning() {
      const { colour, handle } = await live();
      await handle.ensureRunning();
      await colours.waitReady(colour, readyAgainTimeoutMs, AbortSignal.timeout(readyAgainTimeoutMs + 1_000));
    },
    pause: async () => (await live()).handle.pause(),
    resume: async (pid) => (await live()).handle.resume(pid),
    supervision: async () => (await live()).handle.supervision(),
  };
}
