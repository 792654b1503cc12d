// Provisions a local environment, prints what it started as one JSON line, then
// waits to be killed: the crash half of the reaper test.
import { localRuntime } from '../../src/index.ts';

const env = await localRuntime.provision(new AbortController().signal);
const info = await env.describe();
const monitors = info.monitoring ? [info.monitoring.prometheus.pid, info.monitoring.alertmanager.pid] : [];
const pids = [...Object.values(info.services).map((s) => s.pid), ...monitors];
process.stdout.write(`${JSON.stringify({ id: info.id, dir: info.dir, pids })}\n`);
setInterval(() => {}, 1 << 30);
