import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertRuleOverrideError, deriveAlertRules, durationMs } from '../../src/runtime/alert-rule-overrides.ts';
import { defaultAlertRulesDir } from '../../src/monitoring/alert-rules.ts';

const reason = 'the production for: 15m cannot be waited for in a drill';

describe('deriveAlertRules', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-overrides-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('copies the real rules with only the overridden `for` changed, and says where, from what, to what and why', async () => {
    const target = join(dir, 'derived');
    const applied = await deriveAlertRules(defaultAlertRulesDir, [{ alert: 'SharpeRatioLow', for: '3s', reason }], target);
    const source = join(defaultAlertRulesDir, 'ats-alerts.yml');
    expect(applied).toEqual([{ alert: 'SharpeRatioLow', source, line: expect.any(Number), from: '15m', to: '3s', reason }]);
    const original = (await readFile(source, 'utf8')).split('\n');
    const derived = (await readFile(join(target, 'ats-alerts.yml'), 'utf8')).split('\n');
    expect(derived).toHaveLength(original.length);
    const changed = derived.flatMap((line, i) => (line === original[i] ? [] : [{ line: i + 1, from: original[i], to: line }]));
    expect(changed).toEqual([{ line: applied[0]!.line, from: '        for: 15m', to: '        for: 3s' }]);
    // A container's Prometheus (another user) reads them through a bind mount.
    expect((await stat(target)).mode & 0o777).toBe(0o755);
    expect((await stat(join(target, 'ats-alerts.yml'))).mode & 0o777).toBe(0o644);
  });

  it('carries a mutated expression over: only `for` is the drill’s', async () => {
    const rules = join(dir, 'rules');
    const text = (await readFile(join(defaultAlertRulesDir, 'ats-alerts.yml'), 'utf8')).replace(
      'expr: risk_sharpe_ratio < 0 and risk_drawdown_ratio > 0.05',
      'expr: risk_sharpe_ratio < 0',
    );
    await mkdir(rules);
    await writeFile(join(rules, 'ats-alerts.yml'), text);
    await deriveAlertRules(rules, [{ alert: 'SharpeRatioLow', for: '3s', reason }], join(dir, 'derived'));
    const derived = await readFile(join(dir, 'derived', 'ats-alerts.yml'), 'utf8');
    expect(derived).toBe(text.replace(/(alert: SharpeRatioLow[\s\S]*?for: )15m/, '$13s'));
    expect(derived).toContain('expr: risk_sharpe_ratio < 0\n');
  });

  it('refuses, listing every problem at once: an unknown alert, a `for` not shortened, a rule without `for`; writes nothing', async () => {
    const rules = join(dir, 'rules');
    await mkdir(rules);
    await writeFile(
      join(rules, 'a.yml'),
      'groups:\n  - name: g\n    rules:\n      - alert: Slow\n        expr: up == 0\n        for: 1m\n      - alert: NoFor\n        expr: up == 0\n',
    );
    const target = join(dir, 'derived');
    const overrides = [
      { alert: 'Slow', for: '2m', reason },
      { alert: 'NoFor', for: '1s', reason },
      { alert: 'Missing', for: '1s', reason },
    ];
    const error = await deriveAlertRules(rules, overrides, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlertRuleOverrideError);
    expect((error as AlertRuleOverrideError).problems).toEqual([
      `${join(rules, 'a.yml')}:6: Slow has \`for: 1m\`; an override may only shorten it, not set 2m`,
      `${join(rules, 'a.yml')}:7: NoFor has no \`for\` to shorten`,
      'no alerting rule named Missing; the rules define: Slow, NoFor',
    ]);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });
});

describe('durationMs', () => {
  it('reads Prometheus durations, and nothing else', () => {
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('3s')).toBe(3_000);
    expect(durationMs('500ms')).toBe(500);
    expect(durationMs('1m30s500ms')).toBe(90_500);
    for (const bad of ['', '3', '3 s', 's', '1.5m', '30s1m']) expect(durationMs(bad), bad).toBeNaN();
  });
});
