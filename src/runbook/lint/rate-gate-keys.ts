/**
 * Whether text names the rate gate's Redis keys, `rategate:{exchange}:bucket`,
 * `…:blocked_until` and `…:strikes` (fixtures/ats/order-gateway/rate-gate.ts):
 * spelled out (`rategate:mock:bucket`, `rate_gate`, `$RATE_GATE_KEY`, a
 * variable that may hold one), or as a SCAN/KEYS glob broad enough to match
 * them (`--pattern 'rate*'`, `KEYS '*:strikes'`, `*`).
 */
import { mayHold, referencedNames, type Variables } from '../shell/variables.ts';

export const rateGateKey = /rate[-_:]?gate/i;
const gateKeys = ['bucket', 'blocked_until', 'strikes'].map((suffix) => `rategate:mock:${suffix}`);
/** A glob given to `--scan --pattern`, `KEYS` or `SCAN … MATCH`: group 2. */
const globArgument = /(?:--pattern|\bKEYS|\bMATCH)\s+(["']?)([^\s"']+)\1/gi;

/** Redis' glob (`*`, `?`, `[…]`, `\` escapes) as a regular expression. */
function globPattern(glob: string): RegExp {
  const source = glob.replace(/\\(.)|([*?])|(\[[^\]]*\])|([.+^${}()|\]\\])/g, (_, escaped, wildcard, set, special) => {
    if (escaped !== undefined) return `\\${escaped}`;
    if (wildcard !== undefined) return wildcard === '*' ? '.*' : '.';
    if (set !== undefined) return set.replace(/^\[\^/, '[^');
    return `\\${special}`;
  });
  return new RegExp(`^${source}$`);
}

/** The globs the text gives, a variable's among them (`--pattern "$pattern"`). */
function globsIn(text: string, variables: Variables): string[] {
  return [...text.matchAll(globArgument)].flatMap(([, , glob]) => [
    glob!,
    ...referencedNames(glob!).flatMap((name) => (variables.get(name) ?? []).map((word) => word.value)),
  ]);
}

export function namesRateGate(text: string, variables: Variables): boolean {
  if (mayHold(text, rateGateKey, variables)) return true;
  const globs = globsIn(text, variables).filter((glob) => !glob.includes('$'));
  return globs.some((glob) => gateKeys.some((key) => globPattern(glob).test(key)));
}
