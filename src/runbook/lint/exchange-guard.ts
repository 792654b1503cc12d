/**
 * Whether a guard asked the exchange whether it is blocking us. It must do
 * both:
 *   - ask: its condition sends a request to the exchange (curl or wget to a
 *     URL whose host names it: `$EXCHANGE_URL/…`, `https://api.exchange…`,
 *     or a variable holding one), or tests a variable set from one before
 *     the guard (`code=$(curl … "$EXCHANGE_URL/api/v1/ping")`). Our own
 *     gateway's `/ping`, `/healthz` or `/exchange/…` is not the exchange;
 *   - let the guarded code run only on a blocking answer, 418 (banned) or 429
 *     (throttled): `[ "$code" = 429 ]` or `grep -q 429` guarding it, `!= 429`
 *     guarding the else side (or what follows `if [ "$code" != 429 ]; then exit; fi`),
 *     a case arm `418|429)`.
 */
import { commandName } from '../shell/command-name.ts';
import { everyStatement, wordsOf } from '../shell/every-statement.ts';
import type { Guard } from '../shell/guards.ts';
import type { ShellWord, Statement } from '../shell/shell-model.ts';
import { referencedNames, type Variables } from '../shell/variables.ts';
import { commandSites } from '../shell/walk.ts';

const blockingCode = /\b(418|429)\b/;
/** A URL whose host (or the variable it starts with) names the exchange: `$EXCHANGE_URL/…`, `${EXCHANGE_URL}`, `https://api.exchange.example.com`. */
const exchangeUrl = /^(\$\{?\w*exchange|[a-z][\w+.-]*:\/\/[^/\s]*exchange|[\w.-]*exchange[\w.-]*(:\d+)?(\/|$))/i;
const requestText = /\b(curl|wget)\b[^;|&]*(\$\{?\w*exchange|:\/\/[^/\s]*exchange)/i;
const positiveOperators = new Set(['=', '==', '=~', '-eq']);
const negativeOperators = new Set(['!=', '-ne']);

/** For each mention of 418/429 in the statements: does the condition succeed when the code is a blocking one? */
function mentions(statements: readonly Statement[], flip = false): boolean[] {
  return statements.flatMap((statement): boolean[] => {
    switch (statement.kind) {
      case 'test':
        return statement.comparisons
          .filter((c) => blockingCode.test(c.left?.value ?? '') || blockingCode.test(c.right?.value ?? ''))
          .filter((c) => positiveOperators.has(c.operator) || negativeOperators.has(c.operator))
          .map((c) => (positiveOperators.has(c.operator) !== c.negated) !== flip);
      case 'command':
        return statement.args.some((arg) => blockingCode.test(arg.value)) ? [!flip] : [];
      case 'not':
        return mentions([statement.body], !flip);
      case 'and':
      case 'or':
        return mentions([statement.left, statement.right], flip);
      case 'pipeline':
        return mentions(statement.commands, flip);
      case 'group':
      case 'subshell':
        return mentions(statement.body, flip);
      default:
        return [];
    }
  });
}

/** The word is the exchange's URL, or a variable that may hold it. */
function isExchangeUrl(word: ShellWord, variables: Variables): boolean {
  if (exchangeUrl.test(word.value)) return true;
  return referencedNames(word.value).some((name) => (variables.get(name) ?? []).some((value) => exchangeUrl.test(value.value)));
}

function asksInStatements(statements: readonly Statement[], variables: Variables): boolean {
  return commandSites({ statements, problems: [] }).some(
    ({ command }) => ['curl', 'wget'].includes(commandName(command)) && command.args.some((arg) => isExchangeUrl(arg, variables)),
  );
}

/** The word's value came from a request to the exchange, directly or through variables set before `line`. */
function fromExchange(word: ShellWord, variables: Variables, line: number, depth = 0): boolean {
  if (requestText.test(word.value) || word.substitutions.some((script) => asksInStatements(script.statements, variables))) return true;
  if (depth > 4) return false;
  return word.variables.some((name) =>
    (variables.get(name) ?? []).some((value) => value.line <= line && fromExchange(value, variables, line, depth + 1)),
  );
}

function asks(condition: readonly Statement[], subject: ShellWord | undefined, variables: Variables, line: number): boolean {
  if (asksInStatements(condition, variables)) return true;
  const words = [...(subject ? [subject] : []), ...[...everyStatement({ statements: condition, problems: [] })].flatMap(wordsOf)];
  return words.some((word) => fromExchange(word, variables, line));
}

export function asksExchangeIfBlocking(guard: Guard, variables: Variables): boolean {
  if (guard.caseArm) {
    const { subject, patterns } = guard.caseArm;
    return patterns.some((pattern) => blockingCode.test(pattern.value)) && asks([], subject, variables, guard.line);
  }
  return mentions(guard.condition).includes(guard.holds) && asks(guard.condition, undefined, variables, guard.line);
}
