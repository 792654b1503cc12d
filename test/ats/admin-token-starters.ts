import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { adminToken } from '../../fixtures/ats/order-gateway/admin-token.ts';

// One of several gateways starting together (a worker thread): for each round,
// it waits at a barrier until all are there, then reads or creates that round's
// token file; it posts what each round gave it (the token, or the error).
const { dir, rounds, starters, barrier } = workerData as { dir: string; rounds: number; starters: number; barrier: SharedArrayBuffer };
const arrived = new Int32Array(barrier);
const outcomes: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  if (Atomics.add(arrived, round, 1) + 1 === starters) Atomics.notify(arrived, round);
  for (let seen = Atomics.load(arrived, round); seen < starters; seen = Atomics.load(arrived, round)) Atomics.wait(arrived, round, seen);
  outcomes.push(await adminToken(join(dir, `token-${round}`)).catch((error: Error) => `error: ${error.message}`));
}
parentPort?.postMessage(outcomes);
