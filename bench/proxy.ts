// node bench/proxy.ts — the fault proxy's overhead, measured in one run:
//  1. idle RSS beside a bare `node` process (goal ≤ 1.5×)
//  2. two bursts of 1,000 concurrent connections: no errors, no listen-queue
//     overflow (the kernel's TcpExtListenOverflows, before/after), and RSS back
//     within 10 % of idle 5 s after each
//  3. added p50 latency per request/response round trip, no toxics (goal ≤ 0.1 ms)
//  4. throughput of a 1 GiB transfer: proxy vs direct (goal ≥ 50 %) and vs socat (goal ≥ 80 %)
//  5. proxy RSS stays bounded while a bandwidth toxic throttles fast writers
// Three processes, as in use: this one (the clients), an upstream process
// (echo and 1 GiB source servers: `node bench/proxy.ts upstream`) and the
// proxy (`firedrill proxy`, started as the runtimes start it, with a warm
// compile cache; or socat as the plain-relay baseline).
// PROXY_NODE_FLAGS="…" replaces the proxy's Node flags and PROXY_COMPILE_CACHE=off
// drops the compile cache, to compare.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Toxiproxy } from 'toxiproxy-node-client';
import { proxyNodeFlags, proxyProcess } from '../src/proxy/proxy-process.ts';
import { nodeCompileCache } from '../src/host/node-compile-cache.ts';

const gib = 1 << 30;

async function runUpstream(): Promise<void> {
  const echo = createServer((socket) => socket.pipe(socket).on('error', () => undefined));
  const source = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    const block = Buffer.alloc(256 * 1024, 1);
    let left = Number(process.argv[3] ?? gib);
    const pump = () => {
      while (left > 0) {
        left -= block.length;
        if (!socket.write(left >= 0 ? block : block.subarray(0, block.length + left))) return;
      }
      socket.end();
    };
    socket.on('drain', pump);
    pump();
  });
  // A deep backlog, so that a burst's overflows, if any, are the proxy's.
  const listen = (s: typeof echo) => new Promise<void>((resolve) => s.listen({ port: 0, host: '127.0.0.1', backlog: 65535 }, resolve));
  await Promise.all([echo, source].map(listen));
  const port = (s: typeof echo) => (s.address() as { port: number }).port;
  process.stdout.write(`${JSON.stringify({ echo: port(echo), source: port(source) })}\n`);
}

async function runBench(): Promise<void> {
  const upstream = await launch(process.execPath, ['bench/proxy.ts', 'upstream'], /^\{.*\}$/m);
  const ports = JSON.parse(upstream.line) as { echo: number; source: number };
  const firedrill = await launchProxy();
  const url = /listening on (\S+)/.exec(firedrill.line)![1]!;
  const toxiproxy = new Toxiproxy(url);
  const proxied = async (name: string, port: number) =>
    portOf((await toxiproxy.createProxy({ name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` })).listen);
  const echoViaProxy = await proxied('echo', ports.echo);
  const sourceViaProxy = await proxied('source', ports.source);
  const socatPort = await freePort();
  const socat = await launch('socat', [`TCP-LISTEN:${socatPort},bind=127.0.0.1,reuseaddr,fork`, `TCP:127.0.0.1:${ports.source}`]);
  await waitForPort(socatPort);
  const results: string[] = [];
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)']);
  const children = [socat.child, firedrill.child, upstream.child, bare];
  process.once('exit', () => {
    for (const child of children) child.kill('SIGTERM');
  });
  const goal = (ok: boolean) => (ok ? 'met' : 'MISSED');
  try {
    progress('idle memory');
    await sleep(2000);
    const bareMiB = rssMiB(bare.pid!);
    const idleMiB = rssMiB(firedrill.child.pid!);
    results.push(
      `idle RSS: proxy ${idleMiB.toFixed(1)} MiB, bare node ${bareMiB.toFixed(1)} MiB: ${(idleMiB / bareMiB).toFixed(2)}× (goal ≤ 1.5×: ${goal(idleMiB <= 1.5 * bareMiB)})`,
    );

    for (const round of [1, 2]) {
      progress(`burst ${round} of 1000 connections`);
      const burst = await connectionBurst(echoViaProxy, 1000);
      const peakMiB = rssMiB(firedrill.child.pid!);
      await sleep(5000);
      const afterMiB = rssMiB(firedrill.child.pid!);
      results.push(
        `burst ${round}: 1000 concurrent connections: ${burst.ok} echoed, ${burst.errors} errors in ${burst.ms.toFixed(0)} ms (goal 0 errors: ${goal(burst.errors === 0)}); slowest connect ${burst.slowestConnectMs.toFixed(0)} ms; listen-queue overflows ${burst.overflows} (goal 0: ${goal(burst.overflows === 0)})`,
        `  RSS ${idleMiB.toFixed(1)} → peak ${peakMiB.toFixed(1)} → ${afterMiB.toFixed(1)} MiB 5 s later (goal ≤ idle + 10 % = ${(1.1 * idleMiB).toFixed(1)}: ${goal(afterMiB <= 1.1 * idleMiB)})`,
      );
    }

    progress('round trips');
    const direct = await p50RoundTripMs(ports.echo);
    const viaProxy = await p50RoundTripMs(echoViaProxy);
    const added = viaProxy - direct;
    results.push(
      `round trip p50: direct ${direct.toFixed(3)} ms, via proxy ${viaProxy.toFixed(3)} ms, added ${added.toFixed(3)} ms (goal ≤ 0.100 ms: ${goal(added <= 0.1)})`,
    );

    progress('1 GiB transfers');
    const directRate = await bestRate(ports.source);
    const cpuBeforeMs = cpuMs(firedrill.child.pid!);
    const proxyRate = await bestRate(sourceViaProxy);
    const cpuPerGiBMs = (cpuMs(firedrill.child.pid!) - cpuBeforeMs) / 2; // bestRate runs two transfers
    const socatRate = await bestRate(socatPort);
    const vsDirect = proxyRate / directRate;
    const vsSocat = proxyRate / socatRate;
    results.push(
      `1 GiB transfer: direct ${mbps(directRate)}, via proxy ${mbps(proxyRate)}, via socat ${mbps(socatRate)}; the proxy's CPU ${cpuPerGiBMs.toFixed(0)} ms per GiB (steadier than the rates when other jobs load the machine)`,
    );
    results.push(
      `  proxy/direct ${(vsDirect * 100).toFixed(0)} % (goal ≥ 50 %: ${goal(vsDirect >= 0.5)}); proxy/socat ${(vsSocat * 100).toFixed(0)} % (goal ≥ 80 %: ${goal(vsSocat >= 0.8)})`,
    );

    progress('memory under a bandwidth toxic');
    const memory = await throttledMemory(toxiproxy, firedrill.child.pid!);
    results.push(
      `bandwidth toxic (100 KB/s) on 10 fast writers for 5 s: proxy RSS ${memory.beforeMiB.toFixed(0)} → max ${memory.maxMiB.toFixed(0)} MiB (+${(memory.maxMiB - memory.beforeMiB).toFixed(0)} MiB; goal ≤ +64 MiB: ${goal(memory.maxMiB - memory.beforeMiB <= 64)}), ${memory.receivedKB.toFixed(0)} KB delivered (10 × 100 KB/s × 5 s = 5000 KB)`,
    );
    results.push(`RSS at the end: ${rssMiB(firedrill.child.pid!).toFixed(1)} MiB`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\nfault proxy (node ${process.version}, ${cpus().length} cores, load average ${load}, somaxconn ${somaxconn()}, ${new Date().toISOString()}):\n  proxy: node ${firedrill.describe}\n  ${results.join('\n  ')}`,
  );
}

async function p50RoundTripMs(port: number, count = 5000): Promise<number> {
  const socket = await open(port);
  const samples: number[] = [];
  for (let i = 0; i < count + 500; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write('x'.repeat(64));
    });
    if (i >= 500) samples.push(performance.now() - started);
  }
  socket.destroy();
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** Bytes per second of a 1 GiB download; the better of two runs. */
async function bestRate(port: number): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < 2; run++) {
    const socket = await open(port);
    const started = performance.now();
    let bytes = 0;
    socket.on('data', (data: Buffer) => (bytes += data.length));
    await new Promise((resolve) => socket.once('close', resolve));
    if (bytes !== gib) throw new Error(`transfer on port ${port} delivered ${bytes} of ${gib} bytes`);
    rates.push(bytes / ((performance.now() - started) / 1000));
  }
  return Math.max(...rates);
}

interface Burst {
  ok: number;
  errors: number;
  ms: number;
  slowestConnectMs: number;
  /** The kernel's count of connections dropped for a full accept queue (system-wide, so another burst on the machine would show too). */
  overflows: number;
}

/** `count` connections opened at once, each echoing once, then all closed. */
async function connectionBurst(port: number, count: number): Promise<Burst> {
  const overflowsBefore = listenOverflows();
  const started = performance.now();
  let slowestConnectMs = 0;
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const socket = await open(port);
      slowestConnectMs = Math.max(slowestConnectMs, performance.now() - started);
      await new Promise<void>((resolve, reject) => {
        socket.once('data', () => resolve());
        socket.once('error', reject);
        socket.write('hello');
      });
      return socket;
    }),
  );
  const ms = performance.now() - started;
  for (const outcome of outcomes) if (outcome.status === 'fulfilled') outcome.value.destroy();
  const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
  return { ok, errors: count - ok, ms, slowestConnectMs, overflows: listenOverflows() - overflowsBefore };
}

/** TcpExt ListenOverflows from /proc/net/netstat (what `nstat -az TcpExtListenOverflows` shows). */
function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
  const names = lines[header]!.split(' ');
  const values = lines[header + 1]!.split(' ');
  return Number(values[names.indexOf('ListenOverflows')]);
}

function somaxconn(): string {
  return readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim();
}

/** `firedrill proxy` as the runtimes start it, after one start that warms the compile cache. */
async function launchProxy(): Promise<{ child: ChildProcess; line: string; describe: string }> {
  const nodeFlags = process.env.PROXY_NODE_FLAGS?.split(' ').filter(Boolean) ?? proxyNodeFlags;
  const compileCacheDir = process.env.PROXY_COMPILE_CACHE === 'off' ? undefined : await nodeCompileCache('local');
  const { command, args, env } = proxyProcess({ port: 0, compileCacheDir, nodeFlags });
  const options = { env: { ...process.env, ...env } };
  if (compileCacheDir) {
    const warmUp = await launch(command, args, /listening on (\S+)/, options);
    await new Promise((resolve) => warmUp.child.once('exit', resolve).kill('SIGTERM'));
  }
  const started = await launch(command, args, /listening on (\S+)/, options);
  const describe = `${nodeFlags.join(' ') || '(no flags)'}, ${compileCacheDir ? 'compile cache warm' : 'no compile cache'}`;
  return { ...started, describe };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function throttledMemory(toxiproxy: Toxiproxy, proxyPid: number) {
  const throttled = await launch(process.execPath, ['bench/proxy.ts', 'upstream', String(64 * gib)], /^\{.*\}$/m);
  const port = (JSON.parse(throttled.line) as { source: number }).source;
  const proxy = await toxiproxy.createProxy({ name: 'throttled', listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` });
  await proxy.addToxic({ name: 'choke', type: 'bandwidth', stream: 'downstream', toxicity: 1, attributes: { rate: 100 } });
  const beforeMiB = rssMiB(proxyPid);
  let received = 0;
  const sockets = await Promise.all(Array.from({ length: 10 }, () => open(portOf(proxy.listen))));
  for (const socket of sockets) socket.on('data', (data: Buffer) => (received += data.length));
  let maxMiB = beforeMiB;
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    maxMiB = Math.max(maxMiB, rssMiB(proxyPid));
  }
  for (const socket of sockets) socket.destroy();
  throttled.child.kill('SIGTERM');
  return { beforeMiB, maxMiB, receivedKB: received / 1000 };
}

/** User + system CPU time of a process so far (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

const progress = (step: string) => process.stderr.write(`… ${step}\n`);
const mbps = (bytesPerSecond: number) => `${(bytesPerSecond / 1e6).toFixed(0)} MB/s`;
const portOf = (listen: string) => Number(listen.slice(listen.lastIndexOf(':') + 1));

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function launch(
  command: string,
  args: string[],
  ready?: RegExp,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options });
  if (!ready) return { child, line: '' };
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const match = ready.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready`)));
  });
  return { child, line };
}

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await open(port).then(
      (socket) => {
        socket.destroy();
        return true;
      },
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

if (process.argv[2] === 'upstream') await runUpstream();
else await runBench();
