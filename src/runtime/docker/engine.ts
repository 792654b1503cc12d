/**
 * Checks that a Docker engine answers, before anything is provisioned.
 * No engine → DockerEngineUnavailable, which says how to start one.
 */
import { dockerClient } from './docker-client.ts';
import { DockerEngineUnavailable } from './docker-errors.ts';

export interface EngineInfo {
  readonly serverVersion: string;
  readonly operatingSystem: string;
}

export async function checkEngine(): Promise<EngineInfo> {
  const client = await dockerClient();
  // The client is cached once found: ask the engine again, it may have stopped since.
  await client.container.list().catch((error: unknown) => {
    throw new DockerEngineUnavailable(error);
  });
  const info = client.info.containerRuntime;
  return { serverVersion: String(info.serverVersion), operatingSystem: info.operatingSystem };
}

/** For tests that skip without an engine: undefined when one answers, else why not. */
export async function engineUnavailableReason(): Promise<string | undefined> {
  return checkEngine().then(
    () => undefined,
    (error: Error) => error.message,
  );
}
