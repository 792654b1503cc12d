/**
 * Starts one container with host networking and firedrill's labels, and waits
 * until it is ready. On any failure the container is removed before the
 * original error is rethrown (testcontainers leaves a failed one behind).
 *
 *   requireImage ─> GenericContainer(host, labels, never pull).start() ─> wait for readiness ─> restart policy ─> Container
 */
import { GenericContainer, PullPolicy, type StartedTestContainer } from 'testcontainers';
import { Container } from './container.ts';
import type { ContainerSpec } from './container-spec.ts';
import { dockerClient } from './docker-client.ts';
import { requireImage } from './image.ts';
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
  let started: StartedTestContainer;
  try {
    started = await builder(spec, name).start();
  } catch (error) {
    await removeByName(name);
    throw new Error(`Container ${name} (${spec.image}) did not start: ${(error as Error).message}`, { cause: error });
  }
  const client = await dockerClient();
  const container = new Container(started, client.container.getById(started.getId()), {
    name,
    envId: spec.envId,
    role: spec.role,
    image,
    readiness: spec.readiness,
    startupTimeoutMs: spec.startupTimeoutMs ?? 30_000,
  });
  try {
    await container.waitUntilReady(signal);
    if (spec.restartPolicy) await container.setRestartPolicy(spec.restartPolicy);
  } catch (error) {
    await container.remove().catch(() => undefined); // never hide the original error
    throw error;
  }
  return container;
}

function builder(spec: ContainerSpec, name: string): GenericContainer {
  let container = new GenericContainer(spec.image)
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
