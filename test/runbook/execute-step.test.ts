import { describe, expect, it } from 'vitest';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import type { RunbookStep } from '../../src/runbook/step.ts';

// Real bash; the variables and the secret are all a step sees.
const execution = {
  variables: { PATH: process.env.PATH ?? '', PGPASSWORD: 'hunter2-secret', REDIS_PORT: '6379' },
  secrets: ['hunter2-secret'],
  cwd: '/tmp',
};
const run = (step: Partial<RunbookStep>) => executeStep({ id: 'x.step', title: 'x', run: 'true', ...step }, execution);

describe('executeStep', () => {
  it('keeps its behaviour: variables, set -euo pipefail, redacted transcript, no expectation when none is declared', async () => {
    const transcript = await run({ run: 'echo "port $REDIS_PORT password $PGPASSWORD"\nfalse | true\necho never' });
    expect(transcript).toMatchObject({ stepId: 'x.step', exitCode: 1, timedOut: false, stdout: 'port 6379 password [REDACTED]' });
    expect(transcript.expectation).toBeUndefined();
    expect((await run({ run: 'echo "$UNSET_VARIABLE"' })).stderr).toMatch(/unbound variable/);
  });

  it('a met expectation says what was met', async () => {
    const transcript = await run({
      run: 'echo "redis answering on port $REDIS_PORT"',
      expect: { exitCode: 0, output: /answering on port \d+/ },
    });
    expect(transcript.expectation).toEqual({
      ok: true,
      detail: 'runbook step "x.step" met its expectation: exit status 0, stdout matched /answering on port \\d+/',
    });
  });

  it('a step may expect a non-zero exit status', async () => {
    expect((await run({ run: 'exit 3', expect: { exitCode: 3 } })).expectation?.ok).toBe(true);
  });

  it('unmet expectations name the step, expected and actual, with secrets redacted', async () => {
    const transcript = await run({ run: 'echo "login with $PGPASSWORD"; exit 2', expect: { exitCode: 0, output: /PONG/ } });
    expect(transcript.expectation).toEqual({
      ok: false,
      detail:
        'runbook step "x.step" expected exit status 0 but it exited 2; expected stdout to match /PONG/; last line: "login with [REDACTED]"',
    });
  });

  it('a step expecting only an output that fails says how it exited and its last line of stderr, redacted', async () => {
    const transcript = await run({
      run: 'echo "restore.sh: FAILED: checksum mismatch, as $PGPASSWORD" >&2; exit 1',
      expect: { output: /^restore complete: /m },
    });
    expect(transcript.expectation?.detail).toBe(
      'runbook step "x.step" expected stdout to match /^restore complete: /m; last line: ""; it exited 1: restore.sh: FAILED: checksum mismatch, as [REDACTED]',
    );
  });

  it('a timeout does not meet an exit-status expectation', async () => {
    const transcript = await run({ run: 'sleep 5', timeoutMs: 200, expect: { exitCode: 0 } });
    expect(transcript.timedOut).toBe(true);
    expect(transcript.expectation).toEqual({ ok: false, detail: 'runbook step "x.step" expected exit status 0 but it timed out' });
  });

  it('the output pattern is matched on the whole stdout, not the kept tail', async () => {
    const transcript = await run({ run: 'echo MARKER; head -c 20000 /dev/zero | tr "\\0" "x"; echo', expect: { output: /^MARKER$/m } });
    expect(transcript.stdout).not.toContain('MARKER');
    expect(transcript.expectation?.ok).toBe(true);
  });

  it('runs a step read from a runbook, with the expectations its info string declares', async () => {
    const runbook = parseRunbook(
      '# R\n\n## Ping\n\n```bash {id=ping.local expect-exit=0 expect-output="^pong \\\\d+$" timeout=5s}\necho "pong $REDIS_PORT"\n```\n',
      'r.md',
    );
    const step = toRunbookStep(runbook, stepById(runbook, 'ping.local'));
    expect(step).toMatchObject({ id: 'ping.local', title: 'Ping', run: 'echo "pong $REDIS_PORT"', timeoutMs: 5000 });
    expect((await executeStep(step, execution)).expectation).toEqual({
      ok: true,
      detail: 'runbook step "ping.local" met its expectation: exit status 0, stdout matched /^pong \\d+$/m',
    });
  });
});
