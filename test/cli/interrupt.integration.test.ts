import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('firedrill run, interrupted', () => {
  // SIGTERM lands on a blue/green environment with the release live: nginx and both colours must go too.
  it.each([
    ['SIGINT', 'redis-outage', 'steady state holds'],
    ['SIGTERM', 'healthy-swap', 'fault injected'],
  ] as const)(
    'on %s during %s reverts, tears down, writes evidence and exits 128+signo',
    { timeout: 120_000 },
    async (signal, scenario, interruptAt) => {
      const reportDir = await testTempDir('interrupt');
      const child = spawn(process.execPath, ['src/cli/main.ts', 'run', scenario, '--report-dir', reportDir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const sandbox = await new Promise<{ id: string; dir: string }>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = output.match(/environment (\S+) ready in (\S+)/);
          if (match && output.includes(interruptAt)) resolve({ id: match[1]!, dir: match[2]! });
        });
        child.once('exit', () => reject(new Error(`exited before the fault: ${output}`)));
      });
      child.kill(signal);
      const [code] = await once(child, 'exit');
      expect(code, output).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(await findTaggedProcesses(sandbox)).toEqual([]);
      expect(await exists(sandbox.dir)).toBe(false);
      const evidence = JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'));
      expect(evidence.scenarios[0]).toMatchObject({
        id: scenario,
        verdict: 'errored',
        reason: expect.stringContaining(`interrupted by ${signal}`),
      });
    },
  );
});
