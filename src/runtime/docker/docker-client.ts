/**
 * The one way into the engine: testcontainers' container-runtime client
 * (dockerode underneath), configured for this machine before first use.
 *
 * Why testcontainers: DESIGN names it, it finds the engine the way users'
 * tools do (DOCKER_HOST, ~/.testcontainers.properties, the socket), and its
 * builder and dockerode handles cover create/start/inspect/pause/kill without
 * spawning a process per call. What it does not fit is worked around here and
 * in start-container.ts: Ryuk (its reaper image cannot be pulled; firedrill
 * reaps by label instead), host networking (no mapped ports, no port waits),
 * pulls (never), and listing stopped containers (the reaper uses the CLI).
 */
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { DockerEngineUnavailable } from './docker-errors.ts';

// Ryuk would be pulled and needs a bridge network; host mode needs the host
// named, or testcontainers looks for the missing `bridge` network.
process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';

export async function dockerClient(): Promise<ContainerRuntimeClient> {
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    throw new DockerEngineUnavailable(error);
  }
}
