import { describe, expect, it } from 'vitest';
import { inBlock } from './findings.ts';

const rule = 'health-check-fail-fast';
const strict = 'set -euo pipefail';
const check = (...lines: string[]) => inBlock(rule, [strict, ...lines].join('\n'));
const url = 'http://127.0.0.1:8080/healthz';

describe('health-check-fail-fast flags a check whose failure leads nowhere', () => {
  it('an if with no else, or an else that does not stop the step', () => {
    expect(check(`if curl -fsS ${url}; then echo ok; fi`, 'echo done')).toEqual([
      '5 curl\'s failure leads nowhere: the `if` on line 5 has no `else` that stops the step; add `else echo "…" >&2; exit 1`, or a down service passes the check',
    ]);
    expect(check(`if curl -fsS ${url}; then\n  echo ok\nelse\n  echo down >&2\nfi`)).toEqual([
      "5 curl's failure leads nowhere: the `else` of the `if` on line 5 ends with `echo down`, which always succeeds; end it with `exit 1`, or a down service passes the check",
    ]);
    expect(check(`if out=$(curl -fsS ${url}) && [ -n "$out" ]; then echo ok; fi`)[0]).toMatch(
      /^5 curl's failure leads nowhere: the `if` on line 5 has no `else`/,
    );
    expect(check(`if [ -n "$ATS_URL" ]; then echo x; elif wget -qO- ${url}; then echo ok; fi`)[0]).toMatch(
      /^5 wget's failure leads nowhere: the `elif` on line 5 has no `else`/,
    );
  });

  it('an if ! whose branch does not stop the step, a function that only prints among them', () => {
    expect(check(`if ! curl -fsS ${url}; then echo "down"; fi`)).toEqual([
      '5 curl\'s failure leads nowhere: the branch the `if` on line 5 takes on it ends with `echo "down"`, which always succeeds; end it with `exit 1`, or a down service passes the check',
    ]);
    expect(check('warn() { echo "$*" >&2; }', `if ! curl -fsS ${url}; then\n  warn down\nfi`)[0]).toMatch(
      /^6 curl's failure leads nowhere: the branch the `if` on line 6 takes on it ends with `warn down`, and `warn` \(line 5\) does not end by exiting non-zero/,
    );
    expect(check(`if ! curl -fsS ${url} ||\n  ! curl -fsS "$ATS_URL/readyz"; then echo down; fi`).map((f) => f.split(' ')[0])).toEqual([
      '5',
      '6',
    ]);
  });

  it('a request on the left of && run as a statement: set -e ignores its failure', () => {
    expect(check(`curl -fsS ${url} && echo ok`, 'echo next')).toEqual([
      "5 curl's failure is ignored by `set -e` on the left of `&& echo ok`: end the request with `|| exit 1` and run the rest after it, or a down service passes the check",
    ]);
    expect(check(`for i in 1 2; do curl -fsS ${url} && echo "ok $i"; done`)[0]).toMatch(/^5 curl's failure is ignored by `set -e`/);
    expect(check(`check() {\n  curl -fsS ${url} && echo ok\n}`, 'check', 'echo next')[0]).toMatch(/^6 curl's failure is ignored/);
  });
});

describe('health-check-fail-fast passes a check whose failing path stops the step', () => {
  it('if ! … exit 1, else exit 1, || exit 1, and a function that exits', () => {
    for (const code of [
      `if ! curl -fsS ${url}; then echo down >&2; exit 1; fi`,
      `if curl -fsS ${url}; then echo ok; else echo down >&2; exit 1; fi`,
      `if curl -fsS ${url}; then echo ok; elif curl -fsS "$ATS_URL/readyz"; then echo ready; else exit 1; fi`,
      `curl -fsS ${url} || exit 1`,
      `die() { echo "$*" >&2; exit 1; }\nif ! curl -fsS ${url}; then die down; fi`,
      `if ! curl -fsS ${url}; then return 1; fi`,
      `curl -fsS ${url} && echo ok || exit 1`,
      `[ -n "$ATS_URL" ] && curl -fsS ${url}\necho next`,
      `until curl -fsS ${url}; do sleep 1; done`,
    ])
      expect(check(code), code).toEqual([]);
  });

  it('a && list that is the last statement: its status is the step’s', () => expect(check(`curl -fsS ${url} && echo ok`)).toEqual([]));
});
