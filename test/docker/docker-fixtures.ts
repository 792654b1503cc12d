/**
 * Shared pieces of the docker tests: the skip reason when no engine answers,
 * and clients that talk to the containers for real.
 */
import { execa } from 'execa';
import pg from 'pg';
import { Redis } from 'ioredis';
import { engineUnavailableReason } from '../../src/runtime/docker/engine.ts';
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { envLabel, ownerLabel } from '../../src/runtime/docker/labels.ts';
import { currentOwner } from '../../src/host/process-owner.ts';
import type { Topology } from '../../src/topology/topology.ts';

export const noEngine = await engineUnavailableReason();
if (noEngine) console.warn(`docker tests skipped: ${noEngine}`);

/** Why the docker runtime cannot run `topology` (default the reference ATS) here (no engine, or an image missing), or undefined when it can. */
export async function dockerRuntimeUnavailable(what: string, topology?: Topology): Promise<string | undefined> {
  const reason = await dockerRuntime.preflight!(topology).then(
    () => undefined,
    (error: Error) => error.message,
  );
  if (reason) console.warn(`${what} skipped: ${reason}`);
  return reason;
}

export async function pgQuery(port: number, password: string, sql: string, timeoutMs = 2000): Promise<unknown[]> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'ats',
    password,
    database: 'ats',
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisPing(port: number, timeoutMs = 1000): Promise<string> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  client.on('error', () => {}); // connect() rejects with it
  try {
    await client.connect();
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Container ids carrying the environment's label, in any state (the CLI, independent of the code under test). */
export function containersOf(envId: string): Promise<string[]> {
  return containersLabelled(`${envLabel}=${envId}`);
}

/** Every container, of any environment, that this process started and still owns (an environment that never started has no id to look up). */
export function containersOwnedByThisProcess(): Promise<string[]> {
  return containersLabelled(`${ownerLabel}=${currentOwner()}`);
}

async function containersLabelled(label: string): Promise<string[]> {
  const { stdout } = await execa('docker', ['ps', '-aq', '--filter', `label=${label}`]);
  return stdout.split('\n').filter(Boolean);
}

export function testEnvId(name: string): string {
  return `test-${name}-${Date.now().toString(36)}`;
}
