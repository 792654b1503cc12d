/**
 * Starts one container with host networking and firedrill's labels, and waits
 * until it is ready. On any failure the container is removed before the
 * original error is rethrown (testcontainers leaves a failed one behind).
 * Or creates it without starting it (a disaster recovery's clean hosts, which
 * the runbook starts), from the same spec, labels and host config.
 *
 *   requireImage ─> GenericContainer(host, labels, never pull).start() ─> wait for readiness ─> restart policy ─> Container
 *   requireImage ─> the same builder's create options ─> engine create (restart policy set) ─> Container (created)
 */
import { GenericContainer, PullPolicy } from 'testcontainers';
import { Container } from './container.ts';
import type { ContainerSpec } from './container-spec.ts';
import { dockerClient } from './docker-client.ts';
import { type ImageInfo, requireImage } from './image.ts';
import { containerLabels } from './labels.ts';
import { currentOwner } from '../../host/process-owner.ts';
import { removeAtExitOf } from './reaper.ts';

export function containerName(envId: string, role: string): string {
  return `firedrill-${envId}-${role}`;
}

export async function startContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<Container> {
  const image = await requireImage(spec.image);
  signal?.throwIfAborted();
  const name = containerName(spec.envId, spec.role);
  removeAtExitOf(spec.envId);
  let id: string;
  try {
    id = (await builder(spec, name).start()).getId();
  } catch (error) {
    await removeByName(name);
    throw new Error(`Container ${name} (${spec.image}) did not start: ${(error as Error).message}`, { cause: error });
  }
  const container = await handle(id, name, spec, image);
  try {
    await container.waitUntilReady(signal);
    if (spec.restartPolicy) await container.setRestartPolicy(spec.restartPolicy);
  } catch (error) {
    await container.remove().catch(() => undefined); // never hide the original error
    throw error;
  }
  return container;
}

/**
 * Creates the container without starting it, its restart policy already set (no readiness wait precedes it).
 * `start()` on the handle (or `docker start` of its name) starts it; a failed create removes what was created.
 */
export async function createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<Container> {
  const image = await requireImage(spec.image);
  signal?.throwIfAborted();
  const name = containerName(spec.envId, spec.role);
  removeAtExitOf(spec.envId);
  try {
    return await handle(await builder(spec, name).create(spec), name, spec, image);
  } catch (error) {
    await removeByName(name);
    throw new Error(`Container ${name} (${spec.image}) could not be created: ${(error as Error).message}`, { cause: error });
  }
}

async function handle(id: string, name: string, spec: ContainerSpec, image: ImageInfo): Promise<Container> {
  const client = await dockerClient();
  return new Container(id, client.container.getById(id), {
    name,
    envId: spec.envId,
    role: spec.role,
    image,
    readiness: spec.readiness,
    startupTimeoutMs: spec.startupTimeoutMs ?? 30_000,
  });
}

/** testcontainers' builder, which can also create without starting (with what `start()` would create). */
class FiredrillContainer extends GenericContainer {
  /** The container's id. Only the spec's own settings: no testcontainers labels, no reaper session (there is none). */
  async create(spec: ContainerSpec): Promise<string> {
    const client = await dockerClient();
    const hostConfig = { ...this.hostConfig, NetworkMode: this.networkMode, RestartPolicy: { Name: spec.restartPolicy ?? 'no' } };
    return (await client.container.create({ ...this.createOpts, HostConfig: hostConfig })).id;
  }

  /** Anonymous volumes (a volume mount without a source) at `targets`. */
  withAnonymousVolumes(targets: readonly string[]): this {
    this.hostConfig.Mounts = targets.map((target) => ({ Type: 'volume', Source: '', Target: target }));
    return this;
  }
}

function builder(spec: ContainerSpec, name: string): FiredrillContainer {
  let container = new FiredrillContainer(spec.image)
    .withName(name)
    .withNetworkMode('host')
    .withLabels(containerLabels(spec.envId, spec.role, currentOwner()))
    .withPullPolicy(PullPolicy.neverPull())
    .withEnvironment({ ...spec.env })
    .withBindMounts((spec.binds ?? []).map((b) => ({ source: b.source, target: b.target, mode: b.mode })));
  if (spec.args) container = container.withCommand([...spec.args]);
  if (spec.entrypoint) container = container.withEntrypoint([...spec.entrypoint]);
  if (spec.user) container = container.withUser(spec.user);
  if (spec.workingDir) container = container.withWorkingDir(spec.workingDir);
  if (spec.volumes) container = container.withAnonymousVolumes(spec.volumes);
  return container;
}

/** After a failed start the container may exist without testcontainers handing back its id: remove it by name. */
async function removeByName(name: string): Promise<void> {
  const client = await dockerClient();
  await client.container
    .getById(name)
    .remove({ force: true, v: true })
    .catch(() => undefined); // absent (404), or the engine is gone: the original error matters more
}
