// How to start the fault proxy as its own process (`firedrill proxy`), lean:
// the runtimes start it this way, and bench/proxy.ts measures it this way.
//
// Measured on Node 24, step by step and with bench/proxy.ts (RSS; a bare `node` idles at ~42 MiB):
//   node src/cli/main.ts proxy, as it was           ~101 MiB idle, +16–25 MiB kept per burst
//   + a warm compile cache (NODE_COMPILE_CACHE)      ~66 MiB: Node no longer loads its
//                                                   TypeScript stripper (amaro, ~35 MiB)
//   + node:http without undici (proxy-server.ts)     ~57 MiB
//   + the flags below and the idle collector        ~57 MiB, and back to it after a burst
import { join } from 'node:path';
import { repoRoot } from '../repo-root.ts';

/**
 * Node and V8 flags for a process that runs only the fault proxy:
 * - `--expose-gc` lets the idle collector give back what a burst took (idle-collector.ts);
 * - `--single-threaded` runs V8's GC and compilation on the main thread: its helper
 *   threads each kept a malloc arena of freed memory (+6 MiB after a burst);
 * - `--max-opt=2` stops at Maglev: TurboFan's code pages and zones stayed resident
 *   after a burst (+5 MiB).
 * Neither cost measurable CPU per GiB forwarded (the proxy's work is in libuv and
 * the kernel). `--max-semi-space-size=1` was tried and dropped: the collector
 * already shrinks the young generation, and the extra scavenges made each GiB
 * forwarded cost up to half as much CPU again.
 */
export const proxyNodeFlags: readonly string[] = ['--expose-gc', '--single-threaded', '--max-opt=2'];

export interface ProxyProcessOptions {
  readonly host?: string;
  readonly port: number;
  /**
   * NODE_COMPILE_CACHE for the process: with it warm, Node runs the proxy's
   * TypeScript without loading its type stripper. Shared across runs.
   */
  readonly compileCacheDir?: string;
  /** Default proxyNodeFlags; the benchmark compares others. */
  readonly nodeFlags?: readonly string[];
}

/** The command, its arguments and the environment additions that start `firedrill proxy`. */
export function proxyProcess(options: ProxyProcessOptions): { command: string; args: string[]; env: Record<string, string> } {
  const main = join(repoRoot, 'src', 'cli', 'main.ts');
  const args = [
    ...(options.nodeFlags ?? proxyNodeFlags),
    main,
    'proxy',
    '--host',
    options.host ?? '127.0.0.1',
    '--port',
    String(options.port),
  ];
  const env: Record<string, string> = options.compileCacheDir ? { NODE_COMPILE_CACHE: options.compileCacheDir } : {};
  return { command: process.execPath, args, env };
}
