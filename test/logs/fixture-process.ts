/**
 * A fixture service (fixtures/ats/<name>/main.ts) as a real process on a free
 * loopback port, ready once /healthz answers; disposing it stops it (SIGTERM,
 * then SIGKILL after 3 s). Its stdout and stderr are kept for failure messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '../../src/host/ports.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';
import { repoRoot } from '../../src/repo-root.ts';

export interface FixtureProcess extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const portVariable = { 'log-sink': 'LOG_SINK_PORT', 'log-shipper': 'LOG_SHIPPER_PORT' } as const;

export async function startFixture(name: keyof typeof portVariable, env: Record<string, string>, port?: number): Promise<FixtureProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [join(repoRoot, 'fixtures', 'ats', name, 'main.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env, [portVariable[name]]: String(listenPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${listenPort}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitForHttp(`${url}/healthz`, { what: `${name} (output: ${output})`, timeoutMs: 15_000 });
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return { url, port: listenPort, child, output: () => output, stop, [Symbol.asyncDispose]: () => stop() };
}

export { metricValue } from '../../src/probes/metric-sample.ts';
