import { describe, expect, it } from 'vitest';
import { fence, findings, inBlock } from './findings.ts';

const rule = 'health-check-fail-fast';
const strict = 'set -euo pipefail';
const missing = 'without `set -euo pipefail`: add it as the first line, or a failing command is ignored';
const noFail = 'curl without -f in a health check: an HTTP 500 would pass; use `curl -sSf`';

describe('health-check-fail-fast recognises a health check by what it does, wherever it sits', () => {
  it('a block that curls /healthz or waits for /readyz, in any section', () => {
    expect(findings(rule, `# R\n\n## Latency\n\n${fence('bash', 'curl -s "$ATS_URL/healthz"')}`)).toEqual([
      `5 health check (it asks /healthz on line 6) ${missing}`,
      `6 ${noFail}`,
    ]);
    expect(inBlock(rule, 'pm2 reload order-gateway\nuntil curl -sf -o /dev/null "$ATS_URL/readyz"; do sleep 0.2; done')).toEqual([
      `3 health check (it asks /readyz on line 5) ${missing}`,
    ]);
  });

  it('wget, an assignment, a pipeline, and through ssh', () => {
    for (const code of [
      'wget -qO- "$RISK_URL/health"',
      'ready=$(curl -sSf "$ATS_URL/readyz")',
      'curl -sSf "$ATS_URL/ready" | jq -e .ready',
      "ssh app-1 'curl -sSf http://127.0.0.1:8080/livez'",
    ])
      expect(inBlock(rule, code), code).toEqual([
        expect.stringMatching(/^3 health check \(it asks \/\w+ on line 4\) without `set -euo pipefail`/),
      ]);
  });

  it('a block the paragraph before it calls the health check, a step id health…, a Health check section', () => {
    expect(findings(rule, `# R\n\n## Redis\n\nRun the health check for Redis:\n\n${fence('bash', 'redis-cli -p 1 ping')}`)).toEqual([
      `7 health check ${missing}`,
    ]);
    expect(findings(rule, `# R\n\n${fence('bash {id=health.redis}', 'redis-cli -p 1 ping')}`)).toEqual([`3 health check ${missing}`]);
    expect(findings(rule, `# R\n\n## Health-check\n\n### Redis\n\n${fence('sh', 'redis-cli -p 1 ping')}`)).toEqual([
      `7 health check ${missing}`,
    ]);
  });

  it('not a block that only shows a readiness answer, names no health endpoint, or is not shell', () => {
    expect(
      findings(
        rule,
        `# R\n\n## Postgres\n\nWhat the gateway sees (the health check names it):\n\nSee:\n\n${fence('bash', 'pg_isready -h "$PGHOST"', 'echo "gateway view: $(curl -s "$ATS_URL/readyz")"', 'curl -s "$ATS_URL/rate-gate"')}${fence('', 'curl -s "$ATS_URL/healthz"')}${fence('text', 'curl -s http://x/healthz')}`,
      ),
    ).toEqual([]);
    expect(findings(rule, `# R\n\n## Health check\n\n${fence('', 'all ATS services healthy')}`)).toEqual([]);
  });
});

describe('health-check-fail-fast wants strict mode first, however it is spelled', () => {
  it('passes set -euo pipefail and its other spellings, after definitions and literal assignments', () => {
    for (const set of [
      'set -euo pipefail',
      'set -e -u -o pipefail',
      'set -eu -o pipefail',
      'set -o errexit -o nounset -o pipefail',
      'set -Eeuxo pipefail',
      'set -e\nset -u\nset -o pipefail',
    ])
      expect(inBlock(rule, `${set}\ncurl -sSf "$ATS_URL/healthz"`), set).toEqual([]);
    expect(inBlock(rule, `die() { echo "$*"; exit 1; }\nattempts=3\n${strict}\ncurl -sSf "$ATS_URL/healthz" || die down`)).toEqual([]);
  });

  it('names a strict mode that leaves something out, and one that comes too late', () => {
    expect(inBlock(rule, 'set -eu\ncurl -sSf "$ATS_URL/healthz"')).toEqual([
      '4 health check (it asks /healthz on line 5) turns on strict mode without -o pipefail: write `set -euo pipefail` as its first line, or a failing command is ignored',
    ]);
    expect(inBlock(rule, 'set -o pipefail\ncurl -sSf "$ATS_URL/healthz"')[0]).toMatch(/^4 .* without -e, -u: write/);
    expect(inBlock(rule, `source /etc/ats/ops.env\n${strict}\ncurl -sSf "$ATS_URL/healthz"`)).toEqual([
      '5 health check (it asks /healthz on line 6): `set` comes after its first command (line 4); move `set -euo pipefail` to the first line, or a failure before it is ignored',
    ]);
    expect(inBlock(rule, `code=$(curl -sSf "$ATS_URL/healthz")\n${strict}`)[0]).toMatch(
      /^5 .*`set` comes after its first command \(line 4\)/,
    );
  });
});

describe('health-check-fail-fast wants every curl in a health check to fail on an HTTP error', () => {
  it('passes -f in any cluster, --fail and --fail-with-body', () => {
    for (const curl of [
      'curl -f x/healthz',
      'curl -sSf x/healthz',
      'curl -fsS x/healthz',
      'curl -sSfo /dev/null x/healthz',
      'curl --fail -s x/healthz',
      'curl -sS --fail-with-body x/readyz',
    ])
      expect(inBlock(rule, `${strict}\n${curl}`), curl).toEqual([]);
  });

  it('flags a curl without it, -f taken as another option’s value, and one inside a pipeline or substitution', () => {
    for (const curl of [
      'curl -s x/healthz',
      'curl --fail-early -s x/healthz',
      'curl -wf x/healthz',
      'curl -sSo -f x/healthz',
      'curl -s x/healthz | grep -q ok',
      'echo "$(curl -s x/healthz)"',
    ])
      expect(inBlock(rule, `${strict}\n${curl}`, 'bash {id=health.api}'), curl).toEqual([`5 ${noFail}`]);
  });
});

describe('health-check-fail-fast recognises health endpoints however they are spelled', () => {
  it('Prometheus’ /-/healthy and /-/ready, /_health, and a URL held in a variable', () => {
    for (const code of ['curl -s "$PROMETHEUS_URL/-/healthy"', 'curl -s "$PROMETHEUS_URL/-/ready"', 'curl -s "$ATS_URL/_health"'])
      expect(inBlock(rule, `${strict}\n${code}`), code).toEqual([`5 ${noFail}`]);
    expect(inBlock(rule, `${strict}\nurl="$ATS_URL/healthz"\ncurl -s "$url"`)).toEqual([`6 ${noFail}`]);
  });

  it('not /status, /metrics or a variable that holds neither', () =>
    expect(inBlock(rule, `${strict}\nurl="$ATS_URL/metrics"\ncurl -s "$url"\ncurl -s "$ATS_URL/status"`)).toEqual([]));
});

describe('health-check-fail-fast wants a failing request to fail the check', () => {
  const swallowed = (fallback: string) =>
    `5 curl's failure is swallowed by \`${fallback}\`, which always succeeds: end the fallback with \`exit 1\`, or a down service passes the check`;

  it('flags a fallback that always succeeds: || true, || echo, || :, a group of them', () => {
    for (const fallback of ['|| true', '|| echo "gateway down"', '|| :', '|| { echo "gateway down" >&2; true; }'])
      expect(inBlock(rule, `${strict}\ncurl -sSf "$ATS_URL/healthz" ${fallback}`), fallback).toEqual([swallowed(fallback.slice(3))]);
    expect(inBlock(rule, `${strict}\nwget -qO- "$ATS_URL/healthz" || printf 'down\\n'`)[0]).toMatch(/^5 wget's failure is swallowed/);
  });

  it('passes a fallback that exits or fails', () => {
    for (const fallback of [
      '|| exit 1',
      '|| { echo "gateway down" >&2; exit 1; }',
      '|| unhealthy "gateway"',
      '|| [ -n "$ready" ] || unhealthy "gateway"',
      '|| false',
    ])
      expect(
        inBlock(rule, `${strict}\nunhealthy() { echo "UNHEALTHY $*" >&2; exit 1; }\ncurl -sSf "$ATS_URL/healthz" ${fallback}`),
        fallback,
      ).toEqual([]);
  });

  it('flags a request run in the background that nothing waits for', () => {
    expect(inBlock(rule, `${strict}\ncurl -sSf "$ATS_URL/healthz" &`)).toEqual([
      '5 curl runs in the background (&) and nothing waits for it: a down service passes the check; run it in the foreground, or `wait` for it',
    ]);
    expect(inBlock(rule, `${strict}\ncurl -sSf "$ATS_URL/healthz" & pid=$!\nwait "$pid"`)).toEqual([]);
  });

  it('flags a request in the background however it is run: through a wrapper, in a group, twice on a line', () => {
    const background = (line: number) =>
      `${line} curl runs in the background (&) and nothing waits for it: a down service passes the check; run it in the foreground, or \`wait\` for it`;
    for (const [code, line] of [
      ['timeout 5 curl -sSf "$ATS_URL/healthz" &', 5],
      ['sudo -u ats curl -sSf "$ATS_URL/healthz" > /dev/null 2>&1 &', 5],
      ['{ curl -sSf "$ATS_URL/healthz"\n} &', 5],
      ['curl -sSf "$ATS_URL/healthz"; curl -sSf "$ATS_URL/healthz" &', 5],
    ] as const)
      expect(inBlock(rule, `${strict}\n${code}`), code).toContain(background(line));
  });

  it('passes requests in the foreground next to a job in the background', () =>
    expect(inBlock(rule, `${strict}\nsleep 30 &\ncurl -sSf "$ATS_URL/healthz"\necho "a & b" && curl -sSf "$ATS_URL/readyz"`)).toEqual([]));

  it('flags -f undone by a later --no-fail', () =>
    expect(inBlock(rule, `${strict}\ncurl -sSf --no-fail "$ATS_URL/healthz"`)).toEqual([`5 ${noFail}`]));

  it('flags strict mode turned off after it is on, and not turned back on', () => {
    expect(inBlock(rule, `${strict}\nset +e\ncurl -sSf "$ATS_URL/healthz"`)).toEqual([
      '5 health check (it asks /healthz on line 6) turns strict mode off (set +e) and not back on: a failing command after it is ignored; drop it, or turn it back on right after the command it is for',
    ]);
    expect(inBlock(rule, `${strict}\nset +o pipefail\ncurl -sSf "$ATS_URL/healthz" | head -1`)[0]).toMatch(
      /^5 .*turns strict mode off \(set \+o pipefail\)/,
    );
    expect(inBlock(rule, `${strict}\nset +e\nout=$(curl -sS "$ATS_URL/healthz"); rc=$?\nset -e\n[ "$rc" = 0 ]`)).toEqual([`6 ${noFail}`]);
  });
});

describe('health-check-fail-fast passes a check that tests the answer itself', () => {
  it('the status code written by -w and compared', () => {
    const code = `code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$ATS_URL/healthz")`;
    for (const test of [
      '[ "$code" = 200 ] || exit 1',
      'test "$code" -eq 200',
      'if [[ $code != 200 ]]; then exit 1; fi',
      'case "$code" in 200) ;; *) exit 1 ;; esac',
    ])
      expect(inBlock(rule, `${strict}\n${code}\n${test}`), test).toEqual([]);
  });

  it('the body checked by jq -e', () =>
    expect(inBlock(rule, `${strict}\ncurl -s "$ATS_URL/healthz" | jq -e '.status == "ok"' > /dev/null`)).toEqual([]));

  it('but not a status code that nothing tests, nor a body grep', () => {
    expect(inBlock(rule, `${strict}\ncode=$(curl -s -o /dev/null -w '%{http_code}' "$ATS_URL/healthz")\necho "$code"`)).toEqual([
      `5 ${noFail}`,
    ]);
    expect(inBlock(rule, `${strict}\ncurl -s "$ATS_URL/healthz" | grep -q ok`)).toEqual([`5 ${noFail}`]);
  });
});
