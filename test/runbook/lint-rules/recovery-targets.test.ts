import { describe, expect, it } from 'vitest';
import { durationsInText } from '../../../src/runbook/lint/durations.ts';
import { fence, findings } from './findings.ts';

const rollback = (prose: string, steps = '') =>
  findings('recovery-targets', `# R\n\n## Disaster recovery\n\nTarget: 30 minutes.\n\n## Rollback\n\n${prose}\n\n${steps}`);

describe('recovery-targets', () => {
  it('accepts the 30-second target however it is spelled', () => {
    for (const prose of [
      'Target: rollback complete in under thirty seconds.',
      'Target: rollback within 30000 ms.',
      'Target: rollback within 30 000 ms.',
      'Target: rollback within 30,000 ms.',
      'Target: rollback in under half a minute.',
      'Target (mm:ss): rollback in 00:30.',
      'Target: a 30-second rollback.',
    ])
      expect(rollback(prose), prose).toEqual([]);
  });

  it('reads a clock figure only where the text says which fields it has: 09:30 may be a time of day', () => {
    expect(durationsInText('rollback in 00:30, by 09:30 UTC')).toEqual([]);
    expect(durationsInText('Target (hh:mm): 00:30')).toEqual([30 * 60_000]);
    expect(durationsInText('tens of seconds, in forty-five minutes')).toEqual([45 * 60_000]);
  });

  it("does not take a step's timeout for the target: code states none", () => {
    expect(
      rollback('Roll back with the step below.', fence('bash {id=deploy.rollback timeout=30s}', 'ln -sfn blue.conf live.conf')),
    ).toEqual(['7 section "Rollback" does not state the rollback target: write "Target: 30 seconds"']);
    expect(rollback('Roll back with `timeout 30s nginx -s reload`.')).toHaveLength(1);
  });

  it('flags a target stated differently in another sentence, naming the line that agrees', () => {
    const dr =
      '# R\n\n## Disaster recovery\n\nTarget: restored within 45 minutes (RTO 45 minutes; RPO one hour).\n\nRehearsed quarterly: the 30-minute target is met or the runbook is fixed.\n\n## Rollback\n\nUnder 30 s.\n';
    expect(findings('recovery-targets', dr)).toEqual([
      '5 "45 minutes" is stated as the disaster recovery target, but the target is 30 minutes (as line 7 says): state one target, 30 minutes, everywhere',
    ]);
  });

  it('does not take the recovery point (RPO) for a target, nor a time outside a sentence naming one', () => {
    const dr =
      '# R\n\n## Disaster recovery\n\nTarget: restored within half an hour (RTO 30 minutes; RPO one hour).\n\n- RTO: 30 minutes\n- RPO: 1 hour\n\nThe dump takes 4 hours.\n\n## Rollback\n\nUnder 30 s.\n';
    expect(findings('recovery-targets', dr)).toEqual([]);
  });

  it('reads numbers in words past ninety-nine: hundreds, thousands, and a figure scaled by a word', () => {
    for (const prose of [
      'Target: rollback within thirty thousand milliseconds.',
      'Target: rollback within 30 thousand ms.',
      'Target: rollback within a thirty-second window.',
    ])
      expect(rollback(prose), prose).toEqual([]);
    for (const stated of [
      'one hundred and twenty seconds',
      'two hundred fifty seconds',
      'a hundred seconds',
      'one thousand five hundred ms',
      '1.5 thousand seconds',
      'twelve hundred seconds',
    ])
      expect(rollback(`Target: rollback within ${stated}.`), stated).toEqual([
        `9 "${stated}" is stated as the rollback target, but the target is 30 seconds: state one target, 30 seconds, everywhere`,
      ]);
  });

  it('reads the value of a number in words as the whole phrase', () => {
    expect(durationsInText('one hundred and twenty seconds, a hundred ms, two thousand, five hundred ms')).toEqual([120_000, 100, 2500]);
    expect(durationsInText('once a day, a hundred and one nights, hundred seconds')).toEqual([]);
  });
});
