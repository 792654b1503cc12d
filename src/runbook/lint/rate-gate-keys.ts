/**
 * Whether text names the rate gate's Redis keys, `rategate:{exchange}:bucket`,
 * `…:blocked_until` and `…:strikes` (fixtures/ats/order-gateway/rate-gate.ts):
 * spelled out (`rategate:mock:bucket`, `rate_gate`, `$RATE_GATE_KEY`, a
 * variable that may hold one), or as a SCAN/KEYS glob broad enough to match
 * them (`--pattern 'rate*'`, `KEYS '*:strikes'`, `*`). A glob is judged
 * against the shape of the key space, whatever the exchange is called
 * (`*:binance:*`, `r*:kraken:strikes`), not against the reference system's
 * `mock`; a variable inside a glob (`"*:$EXCHANGE:*"`) may be any name.
 */
import { mayHold, referencedNames, type Variables } from '../shell/variables.ts';
import { globsOverlap } from './glob-overlap.ts';

export const rateGateKey = /rate[-_:]?gate/i;
/** Every gate key, for any exchange name. */
const keySpace = ['bucket', 'blocked_until', 'strikes'].map((suffix) => `rategate:?*:${suffix}`);
/** A glob given to `--scan --pattern`, `KEYS` or `SCAN … MATCH`: group 2. */
const globArgument = /(?:--pattern|\bKEYS|\bMATCH)\s+(["']?)([^\s"']+)\1/gi;

/** The globs the text gives, a variable's among them (`--pattern "$pattern"`). */
function globsIn(text: string, variables: Variables): string[] {
  return [...text.matchAll(globArgument)].flatMap(([, , glob]) => [
    glob!,
    ...referencedNames(glob!).flatMap((name) => (variables.get(name) ?? []).map((word) => word.value)),
  ]);
}

/**
 * A variable inside a glob may hold any name (`*:$EXCHANGE:*` is `*:*:*`), where the glob has a name of its own
 * beside it or the key space's shape (two colons); one with neither (`$pattern`, `${PREFIX}*`, `$PREFIX:*`) is judged
 * only by the values the block gives its variables (globsIn).
 */
function withVariablesAsAny(glob: string): string {
  if (!glob.includes('$')) return glob;
  const judged = glob.replace(/\$\{[^}]*\}|\$\w+/g, '*');
  return /[a-z0-9]/i.test(judged) || (judged.match(/:/g) ?? []).length >= 2 ? judged : '';
}

export function namesRateGate(text: string, variables: Variables): boolean {
  if (mayHold(text, rateGateKey, variables)) return true;
  return globsIn(text, variables).some((glob) => keySpace.some((keys) => globsOverlap(withVariablesAsAny(glob), keys)));
}
