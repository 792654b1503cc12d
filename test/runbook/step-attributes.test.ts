import { describe, expect, it } from 'vitest';
import { parseFenceInfo } from '../../src/runbook/fence-info.ts';
import { parseDurationMs } from '../../src/runbook/duration.ts';
import { stepOptions } from '../../src/runbook/step-attributes.ts';

describe('parseFenceInfo', () => {
  it('reads the language and the attributes, bare or quoted with escapes', () => {
    expect(parseFenceInfo('  bash   {id=redis.restart timeout=20s  title="say \\"hi\\" \\\\ bye"}  ')).toEqual({
      ok: true,
      info: { lang: 'bash', attributes: { id: 'redis.restart', timeout: '20s', title: 'say "hi" \\ bye' } },
    });
  });

  it('takes the first word as the language, with or without braces', () => {
    expect(parseFenceInfo('bash script')).toEqual({ ok: true, info: { lang: 'bash', attributes: {} } });
    expect(parseFenceInfo('bash  script {id=a.b}')).toEqual({ ok: true, info: { lang: 'bash', attributes: { id: 'a.b' } } });
    expect(parseFenceInfo('{id=a.b}')).toEqual({ ok: true, info: { lang: '', attributes: { id: 'a.b' } } });
    expect(parseFenceInfo('')).toEqual({ ok: true, info: { lang: '', attributes: {} } });
    expect(parseFenceInfo('bash {}')).toEqual({ ok: true, info: { lang: 'bash', attributes: {} } });
    expect(parseFenceInfo('bash { id=a.b }')).toEqual({ ok: true, info: { lang: 'bash', attributes: { id: 'a.b' } } });
  });

  it('refuses braces that do not close at the end, attributes that are not key=value, and a key given twice', () => {
    expect(parseFenceInfo('bash {id=a.b')).toEqual({
      ok: false,
      error: 'info string "bash {id=a.b" opens "{" without a closing "}" at its end',
    });
    expect(parseFenceInfo('bash {id=a.b} x')).toEqual({
      ok: false,
      error: 'info string "bash {id=a.b} x" opens "{" without a closing "}" at its end',
    });
    expect(parseFenceInfo('bash }{id=a.b')).toMatchObject({ ok: false, error: expect.stringContaining('without a closing "}"') });
    expect(parseFenceInfo('bash {id=a.b oops}')).toEqual({
      ok: false,
      error: 'info string "bash {id=a.b oops}": expected key=value at "oops"',
    });
    expect(parseFenceInfo('bash {id=a.b id=c.d}')).toEqual({
      ok: false,
      error: 'info string "bash {id=a.b id=c.d}": attribute "id" is given twice',
    });
  });
});

describe('stepOptions', () => {
  it('reads every attribute a step may have', () => {
    expect(
      stepOptions('bash', {
        id: 'redis.check',
        runtime: 'docker',
        title: 'Check',
        timeout: '20s',
        'expect-exit': '3',
        'expect-output': '^ok$',
      }),
    ).toEqual({ runtime: 'docker', title: 'Check', timeoutMs: 20_000, expect: { exitCode: 3, output: /^ok$/m } });
    expect(stepOptions('sh', { id: 'redis.check' })).toEqual({});
  });

  it('keeps only the expectations given', () => {
    expect(stepOptions('bash', { id: 'a.b', 'expect-exit': '0' })).toStrictEqual({ expect: { exitCode: 0 } });
    expect(stepOptions('bash', { id: 'a.b', 'expect-output': 'ok' })).toStrictEqual({ expect: { output: /ok/m } });
  });

  it('takes exit statuses 0 to 255 written as digits, nothing else', () => {
    for (const ok of ['0', '7', '255'])
      expect(stepOptions('bash', { id: 'a.b', 'expect-exit': ok }), ok).toEqual({ expect: { exitCode: Number(ok) } });
    for (const bad of ['256', '1000', 'x1', '1x', '-1', '']) {
      expect(stepOptions('bash', { id: 'a.b', 'expect-exit': bad }), bad).toEqual([
        `step "a.b": expect-exit "${bad}" is not an exit status 0-255`,
      ]);
    }
  });

  it('names an expect-output that is not a regular expression', () => {
    expect(stepOptions('bash', { id: 'a.b', 'expect-output': '(' })).toEqual([
      expect.stringMatching(/^step "a\.b": expect-output is not a valid regular expression: .*/),
    ]);
  });

  it('names a missing id and a block that is not bash', () => {
    expect(stepOptions('', { timeout: '1s' })).toEqual([
      'step id "" is not valid: use lowercase words joined by dots, e.g. redis.restart',
      'step "" is a "plain" block; steps run under bash: use ```bash {id=}',
    ]);
  });
});

describe('parseDurationMs', () => {
  it('reads a number with its unit', () => {
    expect(['500ms', '20s', ' 20s ', '1.5s', '2m', '2min', '1h'].map(parseDurationMs)).toEqual([
      500, 20_000, 20_000, 1500, 120_000, 120_000, 3_600_000,
    ]);
    expect(parseDurationMs('0.25s')).toBe(250);
  });

  it('refuses a bare number: 20 is neither 20 ms nor 20 s until it says which', () => {
    for (const bare of ['20', '500', '1.5', ' 20 ']) expect(parseDurationMs(bare), bare).toBeUndefined();
  });

  it('refuses a duration that rounds to no milliseconds: a step would take it as no timeout at all', () => {
    expect(parseDurationMs('0.4ms')).toBeUndefined();
    expect(parseDurationMs('0.5ms')).toBe(1);
  });

  it('refuses anything else, and zero', () => {
    for (const bad of ['soon', 's', '20 s', 'x20s', '20sx', '20d', '1.s', '1.x', '0', '0s', ''])
      expect(parseDurationMs(bad), bad).toBeUndefined();
  });
});

describe('a step timeout', () => {
  const timeout = (text: string) => stepOptions('bash', { id: 'a.b', timeout: text });

  it('without a unit is refused, saying what to write', () => {
    expect(timeout('20')).toEqual([
      'step "a.b": timeout "20" has no unit; write timeout=20s for seconds (a bare number used to be read as milliseconds)',
    ]);
    expect(timeout('0.4')).toEqual([
      'step "a.b": timeout "0.4" has no unit; write timeout=0.4s for seconds (a bare number used to be read as milliseconds)',
    ]);
  });

  it('under 1 s is refused: no step runs that fast', () => {
    for (const short of ['500ms', '999ms', '0.5s'])
      expect(timeout(short), short).toEqual([
        `step "a.b": timeout "${short}" is under 1 s, shorter than any step can run; write the time the step needs, at least timeout=1s`,
      ]);
  });

  it('of 1 s or more is taken', () => {
    expect(timeout('1s')).toEqual({ timeoutMs: 1000 });
    expect(timeout('1000ms')).toEqual({ timeoutMs: 1000 });
    expect(timeout('2m')).toEqual({ timeoutMs: 120_000 });
  });

  it('that is not a duration keeps its message', () => {
    expect(timeout('soon')).toEqual(['step "a.b": timeout "soon" is not a duration like 20s or 2m']);
  });
});
