import { arch, availableParallelism, hostname, release, totalmem, type } from 'node:os';

/** The machine a run ran on, for the evidence: timings mean little without it. */
export interface HostInfo {
  readonly name: string;
  /** `Linux 6.1.102 x64`. */
  readonly os: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  readonly node: string;
}

export function hostInfo(): HostInfo {
  return {
    name: hostname(),
    os: `${type()} ${release()} ${arch()}`,
    cpus: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
  };
}
