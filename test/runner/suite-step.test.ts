import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock/clock.ts';
import type { ProbeContext } from '../../src/probes/probe.ts';
import { progressLine } from '../../src/reporters/progress.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { parseRunbook, readRunbook } from '../../src/runbook/parse.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import { stepById } from '../../src/runbook/step-by-id.ts';
import { remediate } from '../../src/runner/phases/remediate.ts';
import type { ScenarioRun } from '../../src/runner/scenario-run.ts';
import { createTimeline } from '../../src/runner/timeline.ts';
import type { Scenario } from '../../src/scenario/scenario.ts';
import type { OrderFlow } from '../../src/workload/order-flow.ts';
import { InMemoryWorkload } from '../support/in-memory-workload.ts';

// A runbook step bound to a probe suite (`suite=post-rollback-smoke`): parsed
// and checked by name, and run in place of its Kubernetes command by the
// remediation phase, which says so in the transcript. The suite passing on a
// real environment: test/ats/bad-builds-and-smoke.integration.test.ts.
const runbookText = (suite: string, marker = '/tmp/never', timeout = '60s') =>
  `# Ops\n\n## Post-rollback check\n\nThe chart's tests.\n\n\`\`\`bash {id=rollback.smoke suite=${suite} timeout=${timeout}}\ntouch ${marker}\nhelm test ats -n trading\n\`\`\`\n`;

describe('a step bound to a probe suite', () => {
  it('is parsed with its suite', () => {
    expect(stepById(parseRunbook(runbookText('post-rollback-smoke'), 'ops.md'), 'rollback.smoke')).toMatchObject({
      suite: 'post-rollback-smoke',
      line: 7,
    });
  });

  it('naming an unknown suite is a runbook error at its line, listing the known suites', () => {
    expect(() => parseRunbook(runbookText('post-rollback-smok'), 'ops.md')).toThrow(
      new RunbookError('ops.md', [
        {
          line: 7,
          message:
            'step "rollback.smoke": suite "post-rollback-smok" is not a firedrill probe suite; known: post-rollback-smoke, clean-hosts',
        },
      ]),
    );
  });

  it('is in the fixture runbook as the post-rollback check, with helm test as its command', async () => {
    const step = stepById(await readRunbook('fixtures/runbook/RUNBOOK.md'), 'rollback.smoke');
    expect(step).toMatchObject({ suite: 'post-rollback-smoke', section: 'post-rollback-check', code: 'helm test ats -n trading\n' });
  });

  describe('in the remediation phase', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suite-step-'));
    afterAll(() => rm(dir, { recursive: true, force: true }));
    const marker = join(dir, 'command-ran');
    const [scenario] = bindToRunbook(
      [{ id: 'rollback', remediation: [{ id: 'rollback.smoke' }], recovery: [] } as unknown as Scenario],
      parseRunbook(runbookText('post-rollback-smoke', marker), 'ops.md'),
      'local',
    );
    // A system that refuses every order, an environment without Prometheus or logs: every part fails, the first is named.
    const refusing = new InMemoryWorkload(async () => ({ outcome: 'refused', status: 400, reason: 'invalid timeInForce: Required' }));
    const env = { id: 'e1', runtime: 'local', variables: () => ({}), secrets: () => [] };
    const run: ScenarioRun = {
      scenario: scenario!,
      probes: {
        env,
        orderFlow: { workload: refusing } as unknown as OrderFlow,
        signal: new AbortController().signal,
      } as unknown as ProbeContext,
      clock: systemClock,
      timeline: createTimeline(systemClock),
      signal: new AbortController().signal,
      workDir: dir,
    };

    it("holds the suite to the step's timeout: parts not reached are not run, and the step timed out", async () => {
      const [slow] = bindToRunbook(
        [{ id: 'rollback', remediation: [{ id: 'rollback.smoke' }], recovery: [] } as unknown as Scenario],
        parseRunbook(runbookText('post-rollback-smoke', marker, '1s'), 'ops.md'),
        'local',
      );
      // A system that never answers, but lets go when asked to.
      const hanging = new InMemoryWorkload(
        (_order, _n, s) => new Promise((_resolve, reject) => s.addEventListener('abort', () => reject(s.reason as Error), { once: true })),
      );
      const outcome = await remediate({
        ...run,
        scenario: slow!,
        probes: { ...run.probes, orderFlow: { workload: hanging } as unknown as OrderFlow },
      });
      expect(outcome.transcripts[0]).toMatchObject({ timedOut: true, exitCode: 1 });
      expect(outcome.transcripts[0]!.suite!.parts.map((part) => part.detail.startsWith('not run'))).toEqual([false, true, true, true]);
      expect(outcome.failure).toMatch(/^runbook step "rollback.smoke" timed out after 1\d{3} ms/);
    });

    it('runs the suite in place of the command, records that it did and each part, and fails naming the first part that failed', async () => {
      const outcome = await remediate(run);
      await expect(access(marker), 'the command itself must not run').rejects.toThrow(/ENOENT/);
      const [transcript] = outcome.transcripts;
      expect(transcript).toMatchObject({
        stepId: 'rollback.smoke',
        command: `touch ${marker}\nhelm test ats -n trading`,
        exitCode: 1,
        suite: {
          suite: 'post-rollback-smoke',
          ok: false,
          inPlaceOf: 'the local runtime has no Kubernetes: firedrill ran probe suite "post-rollback-smoke" in place of the command',
        },
      });
      expect(transcript!.suite!.parts.map((part) => [part.name, part.ok])).toEqual([
        ['order filled', false],
        ['order cancelled', false],
        ['metrics scraped', false],
        ['logs arrive', false],
      ]);
      expect(transcript!.stdout).toMatch(/^the local runtime has no Kubernetes: .*: touch .*\nhelm test ats -n trading\nFAIL order filled/);
      expect(outcome.failure).toMatch(
        /^runbook step "rollback.smoke" \(the local runtime has no Kubernetes: .*\): probe suite "post-rollback-smoke" failed at part "order filled": order smoke-\S+ refused \(400: invalid timeInForce: Required\)$/,
      );
      const started = run.timeline.events.find((event) => event.kind === 'step.started')!;
      expect(
        progressLine(started)
          ?.trim()
          .replace(/^\+[\d.]+s\s+/, ''),
      ).toBe('runbook step rollback.smoke: Post-rollback check (probe suite post-rollback-smoke in place of its command)');
    });
  });
});
