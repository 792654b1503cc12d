import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slowestCommands, traceTimings, tracedScript } from '../../src/dr/script-trace.ts';
import { commandRunner } from '../../src/dr/timed-command.ts';

describe('traceTimings', () => {
  it('gives each command the time until the next line, the innermost of a substitution included', () => {
    const trace = [
      '+ 100.000000 pg_basebackup --pgdata=x',
      '++ 105.000000 blake3_of x',
      '+++ 105.010000 b3sum --no-names',
      '+ 107.010000 echo done',
    ].join('\n');
    expect(traceTimings(trace, 107.5)).toEqual([
      { id: 'pg_basebackup --pgdata=x', durationMs: 5000 },
      { id: 'blake3_of x', durationMs: expect.closeTo(10, 6) },
      { id: 'b3sum --no-names', durationMs: expect.closeTo(2000, 6) },
      { id: 'echo done', durationMs: expect.closeTo(490, 6) },
    ]);
    expect(traceTimings('not a trace line\n+ 1.5 a')).toEqual([{ id: 'a', durationMs: 0 }]);
  });

  it('slowestCommands keeps the longest first, cut to a width', () => {
    const timings = [
      { id: 'a', durationMs: 1 },
      { id: 'b'.repeat(20), durationMs: 3 },
      { id: 'c', durationMs: 2 },
    ];
    expect(slowestCommands(timings, 2, 10)).toEqual([
      { id: `${'b'.repeat(9)}…`, durationMs: 3 },
      { id: 'c', durationMs: 2 },
    ]);
  });
});

describe('tracedScript', () => {
  it('runs a script with its arguments and $0, its stderr untouched, the trace in its own file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trace-'));
    try {
      const script = join(dir, 'demo.sh');
      await writeFile(script, 'set -euo pipefail\necho "$(basename "$0") $1 $2" >&2\nsleep 0.2\necho out\n');
      const result = await execa('bash', ['-c', tracedScript, script, join(dir, 'trace'), 'one', 'two']);
      expect([result.stdout, result.stderr]).toEqual(['out', 'demo.sh one two']);
      const sleep = traceTimings(await readFile(join(dir, 'trace'), 'utf8')).find((t) => t.id === 'sleep 0.2');
      expect(sleep?.durationMs).toBeGreaterThanOrEqual(190);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  // bash -c with a socket on stdin (Node's default) sources ~/.bashrc as if sshd ran it: the drill's runner must
  // not give it one, or the machine's rc file (pyenv's init, here) is timed as part of every operator's script.
  it("run by the drill's command runner, reads no ~/.bashrc", async () => {
    const home = await mkdtemp(join(tmpdir(), 'home-'));
    try {
      await writeFile(join(home, '.bashrc'), `touch ${join(home, 'bashrc-was-read')}\nexport FROM_BASHRC=yes\n`);
      const script = join(home, 'demo.sh');
      await writeFile(script, 'echo "FROM_BASHRC=$FROM_BASHRC"\n');
      const run = commandRunner({ HOME: home, PATH: process.env.PATH!, FIREDRILL_SANDBOX: home });
      const result = await run('bash', ['-c', tracedScript, script, join(home, 'trace')]);
      expect(result.stdout).toBe('FROM_BASHRC=');
      await expect(readFile(join(home, 'bashrc-was-read'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(home, { recursive: true });
    }
  });
});

describe('commandRunner', () => {
  // Ctrl-C during a drill's restore of minutes must not wait for it: the command is ended and the call rejects.
  it('ends the command running once its signal aborts, and rejects', async () => {
    const interrupt = new AbortController();
    const run = commandRunner({ PATH: process.env.PATH!, FIREDRILL_SANDBOX: tmpdir() }, interrupt.signal);
    const sleeping = run('sleep', ['30']);
    setTimeout(() => interrupt.abort(new Error('interrupted by SIGINT')), 100);
    // Waiting the 30 s out would fail the test by its timeout.
    await expect(sleeping).rejects.toThrow(/interrupted by SIGINT/);
  }, 10_000);
});
