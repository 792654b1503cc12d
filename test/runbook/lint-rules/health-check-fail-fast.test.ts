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
