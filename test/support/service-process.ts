/**
 * A service as a real process of its own, whatever runs it (node, python3, …),
 * on a loopback port (free, unless given) in `portVariable`; ready once `readyPath`
 * answers 200. Disposing it stops it (SIGTERM, then SIGKILL after 3 s); its
 * output is kept for failure messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../../src/host/ports.ts';
import { waitForHttp } from '../../src/runtime/wait-for-http.ts';

export interface ServiceProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly portVariable: string;
  readonly readyPath: string;
  /** Default: a free one. */
  readonly port?: number;
}

export interface ServiceProcess extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  /** Sends `signal` and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env, [options.portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    return child.exitCode;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}${options.readyPath}`, { what: options.name, timeoutMs: 15_000 });
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${(error as Error).message}\n${options.name}'s output:\n${output}`, { cause: error });
  }
  return { url, port, child, output: () => output, stop, [Symbol.asyncDispose]: async () => void (await stop()) };
}
