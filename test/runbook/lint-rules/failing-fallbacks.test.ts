import { describe, expect, it } from 'vitest';
import { inBlock } from './findings.ts';

const rule = 'health-check-fail-fast';
const strict = 'set -euo pipefail';
const check = (...lines: string[]) => inBlock(rule, [strict, ...lines].join('\n'));

describe('health-check-fail-fast trusts a fallback function only when the block shows it stops the step', () => {
  it('flags a function that only prints, naming it and its line', () => {
    expect(check('warn() { echo "WARN $*" >&2; }', 'curl -fsS http://127.0.0.1:8080/healthz || warn "gateway down"')).toEqual([
      '6 curl\'s failure is swallowed by `warn "gateway down"`, and `warn` (line 5) does not end by exiting non-zero: end the fallback with `exit 1`, or a down service passes the check',
    ]);
    for (const body of ['printf "%s\\n" "$*"; true', 'logger -t ats "$*"; return 0', 'echo "$*"; exit 0', 'echo "$*" || exit 1'])
      expect(check(`warn() { ${body}; }`, 'curl -fsS "$ATS_URL/healthz" || warn down'), body).toEqual([
        expect.stringContaining('and `warn` (line 5) does not end by exiting non-zero'),
      ]);
  });

  it('flags a function the block does not define: it may only print', () => {
    for (const fallback of ['warn "gateway down"', 'notify_oncall gateway', 'systemctl restart ats-gateway', '{ log "gateway down"; }'])
      expect(check(`curl -fsS "$ATS_URL/healthz" || ${fallback}`), fallback).toEqual([
        expect.stringMatching(
          /^5 curl's failure is swallowed by `.*`, and `\w+` is no function of this block that stops it \(a command, or one defined elsewhere, may only print\): end/,
        ),
      ]);
  });

  // A block that sources its helpers (`. "$ATS_OPS_DIR/lib.sh"`) calls them by the shell's idiom for stopping.
  it('trusts a function it cannot see when its name says it stops the script, and checks its body when it can', () => {
    for (const fallback of ['die "gateway down"', 'fail gateway', 'fatal "down"', 'abort', 'error_exit "down"'])
      expect(check('. "$ATS_OPS_DIR/lib.sh"', `curl -fsS "$ATS_URL/healthz" || ${fallback}`), fallback).toEqual([]);
    expect(check('die() { echo "$*" >&2; }', 'curl -fsS "$ATS_URL/healthz" || die down')).toEqual([
      expect.stringContaining('and `die` (line 5) does not end by exiting non-zero'),
    ]);
  });

  it('follows one function into another, and a wget alike', () => {
    expect(check('say() { echo "$*"; }', 'warn() { say "$*" >&2; }', 'wget -qO- "$ATS_URL/healthz" || warn down')[0]).toMatch(
      /^7 wget's failure is swallowed by `warn down`, and `warn` \(line 6\) does not end by exiting non-zero/,
    );
  });

  it('passes a function that ends by exiting or returning non-zero, however it gets there', () => {
    for (const definition of [
      'die() { echo "$*" >&2; exit 1; }',
      'die() { echo "$*" >&2; return 1; }',
      'die() { printf "%s\\n" "$*" >&2; false; }',
      'function die { echo "$*" >&2; exit 2; }',
      'die() { echo "$*" >&2; exit; }',
      'die() { echo "$*" >&2; exit "$2"; }',
      'fail() { echo "$*" >&2; exit 1; }\ndie() { fail "$@"; }',
      'die() { echo "$*" >&2 && exit 1; }',
    ])
      expect(check(definition, 'curl -fsS "$ATS_URL/healthz" || die "gateway down"'), definition).toEqual([]);
  });

  it('passes a fallback that fails by itself, or asks again', () => {
    for (const fallback of [
      '{ warn "gateway down"; exit 1; }',
      'exit 1',
      'return 1',
      'false',
      '[ -n "$ready" ]',
      'curl -fsS "$ATS_URL/healthz"',
    ])
      expect(check('warn() { echo "$*" >&2; }', `curl -fsS "$ATS_URL/healthz" || ${fallback}`), fallback).toEqual([]);
  });
});
