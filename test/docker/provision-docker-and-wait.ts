// Provisions a docker environment, prints what it started as one JSON line,
// then waits to be killed: the crash half of the docker reaper test.
import { dockerRuntime } from '../../src/runtime/docker/docker-runtime.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';

const env = await dockerRuntime.provision(new AbortController().signal);
const info = await env.describe();
const hostPids = await findTaggedProcesses(info); // the fault proxy: a tagged host process
process.stdout.write(`${JSON.stringify({ id: info.id, dir: info.dir, hostPids })}\n`);
setInterval(() => {}, 1 << 30);
