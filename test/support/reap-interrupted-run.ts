/**
 * Started detached by reap-on-interrupt.ts when `npm test` is interrupted:
 *
 *   node test/support/reap-interrupted-run.ts PID:START-TIME...
 *
 * Gives the interrupted run's vitest workers 5 s to end, SIGKILLs those still running (vitest, their parent, has
 * exited: nothing would collect what they do), then removes the sandboxes and containers whose owner has ended —
 * the environments the interrupted files left, never another run's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ownerIsAlive } from '../../src/host/process-owner.ts';
import { reapOrphans } from '../../src/host/sandbox.ts';
import { killAllNow } from '../../src/host/process-tree.ts';
import { reapOrphanContainers } from '../../src/runtime/docker/reaper.ts';

const GRACE_MS = 5_000;

const workers = process.argv.slice(2);
const running = () => workers.filter(ownerIsAlive);
for (const deadline = performance.now() + GRACE_MS; performance.now() < deadline && running().length > 0; ) await sleep(200);
await killAllNow(running().map((owner) => Number(owner.split(':')[0])));
await reapOrphans();
// Where there is no Docker engine there are no containers to remove.
await reapOrphanContainers().catch(() => undefined);
