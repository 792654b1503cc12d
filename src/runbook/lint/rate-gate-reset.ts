/**
 * Whether a command resets the rate gate's state in Redis, and how, in words
 * for a finding. A reset is a redis-cli (valkey-cli, keydb-cli) call that
 *   - flushes (FLUSHDB, FLUSHALL): the gate goes with every other key;
 *   - changes rate-gate keys (redis-changes.ts: DEL, UNLINK, EXPIRE …, SET,
 *     HSET, HDEL, ZREM…, RENAME, PERSIST, DECRBY …), named in its words or
 *     in the input its keys come from (`… --scan --pattern 'rategate:*' |
 *     xargs redis-cli del`, `-x`), spelled out, in variables, or by a glob
 *     broad enough to match them (rate-gate-keys.ts: `--pattern 'rate*'`);
 *   - runs a script that deletes them (EVAL with DEL/UNLINK/EXPIRE in it), or
 *     one it cannot read (EVALSHA, FCALL, --eval FILE) on rate-gate keys;
 *   - reads such commands from its input (a here-document, `echo … |`).
 * Case does not matter: Redis reads `del` as DEL.
 */
import { mayHold, type Variables } from '../shell/variables.ts';
import type { CommandSite } from '../shell/walk.ts';
import { namesRateGate } from './rate-gate-keys.ts';
import { changingCommandWord, deletingCommands, writingCommands } from './redis-changes.ts';
import { optionValue, type RedisCliCall, redisCliCall } from './redis-cli-call.ts';

const flushes = new Set(['FLUSHDB', 'FLUSHALL']);
const opaqueScripts = new Set(['EVALSHA', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);
const deletingScript = /\b(del|unlink|getdel|expire|pexpire|expireat|pexpireat|flushdb|flushall)\b/i;

/** Its keys come from its input (xargs appends them, -x reads the last one) and that input may name rate-gate keys. */
function keysFromInput(site: CommandSite, call: RedisCliCall, variables: Variables): boolean {
  const appended = site.wrappers.some((wrapper) => wrapper.nested?.argumentsFromInput) || optionValue(call, '-x', '-X') !== undefined;
  return appended && namesRateGate(site.input.join('\n'), variables);
}

function fromInput(site: CommandSite, variables: Variables): string | null {
  const input = site.input.join('\n');
  const verb = /\b(FLUSHDB|FLUSHALL)\b/i.exec(input)?.[1];
  if (verb) return `${verb.toUpperCase()} read from its input wipes every key, the rate gate's too`;
  const changing = changingCommandWord.exec(input)?.[1];
  return changing && namesRateGate(input, variables) ? `${changing.toUpperCase()} of rate-gate keys read from its input` : null;
}

function ofCommand(call: RedisCliCall, site: CommandSite, variables: Variables): string | null {
  const [first, ...rest] = call.command;
  const verb = first?.value.toUpperCase() ?? '';
  const gate = rest.some((word) => namesRateGate(word.value, variables));
  if (flushes.has(verb)) return `${verb} wipes every key, the rate gate's too`;
  if ((deletingCommands.has(verb) || writingCommands.has(verb)) && (gate || keysFromInput(site, call, variables)))
    return `${verb} of rate-gate keys${gate ? '' : ' read from its input'}`;
  if ((verb === 'EVAL' || verb === 'EVAL_RO') && gate && mayHold(rest[0]?.value ?? '', deletingScript, variables))
    return `${verb} of a script that deletes rate-gate keys`;
  if (opaqueScripts.has(verb) && gate) return `${verb} of a script it cannot see, on rate-gate keys`;
  return null;
}

/** How the command resets the rate gate, or null when it does not. */
export function rateGateReset(site: CommandSite, variables: Variables): string | null {
  const call = redisCliCall(site.command);
  if (!call) return null;
  const script = optionValue(call, '--eval');
  if (script !== undefined)
    return call.command.some((word) => namesRateGate(word.value, variables)) ? 'a Lua script (--eval) on rate-gate keys' : null;
  return call.command.length > 0 ? ofCommand(call, site, variables) : fromInput(site, variables);
}
