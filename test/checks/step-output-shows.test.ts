import { describe, expect, it } from 'vitest';
import { stepOutputShows } from '../../src/checks/step-output-shows.ts';
import type { StepTranscript } from '../../src/runbook/step.ts';
import type { CheckContext } from '../../src/scenario/scenario.ts';
import { stepTranscript } from '../support/step-transcript.ts';

const transcript = (stdout: string, extra: Partial<StepTranscript> = {}) =>
  stepTranscript('redis.latency-check', stdout, { durationMs: 3, ...extra });
const context = (transcripts: StepTranscript[]) => ({ transcripts }) as unknown as CheckContext;
const check = stepOutputShows('redis.latency-check', [
  { what: 'the PING time from the Redis host', pattern: /PING from the Redis host: \d+ ms/ },
  { what: "the gateway's view of Redis", pattern: /gateway view: \{.*"redis":\{/ },
]);

describe('stepOutputShows', () => {
  it('holds when the step printed every reading', async () => {
    const out = 'PONG\nPING from the Redis host: 38 ms\ngateway view: {"ready":false,"checks":{"redis":{"ok":false}}}';
    expect(await check.run(context([transcript(out)]))).toEqual({
      ok: true,
      detail: 'runbook step "redis.latency-check" shows the PING time from the Redis host and the gateway\'s view of Redis',
    });
  });

  it('fails a step that ran and showed nothing (a no-op), naming the step and what is missing', async () => {
    expect(await check.run(context([transcript('')]))).toEqual({
      ok: false,
      detail:
        'runbook step "redis.latency-check" ran (exit 0) but its output does not show the PING time from the Redis host ' +
        '(/PING from the Redis host: \\d+ ms/) nor the gateway\'s view of Redis (/gateway view: \\{.*"redis":\\{/); it printed: (nothing)',
    });
  });

  it('fails a step that did not run, or was skipped', async () => {
    expect((await check.run(context([]))).detail).toBe('runbook step "redis.latency-check" did not run, so it showed nothing');
    expect((await check.run(context([transcript('', { skipped: 'skipped: x' })]))).ok).toBe(false);
  });
});
