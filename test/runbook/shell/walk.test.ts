import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/runbook/shell/parse-shell.ts';
import { mayHold, possibleValues, variablesOf } from '../../../src/runbook/shell/variables.ts';
import { type CommandSite, commandSites } from '../../../src/runbook/shell/walk.ts';

const sites = (source: string) => commandSites(parseShell(source, 1));
const guardsOf = (site: CommandSite) =>
  site.guards.map(
    (g) =>
      `${g.holds ? '+' : '-'}${g.caseArm ? `case ${g.caseArm.patterns.map((p) => p.value).join('|')}` : g.condition.map((c) => c.text).join('; ')}`,
  );
/** The site of the command whose text starts with `start`. */
const site = (all: CommandSite[], start: string) => {
  const found = all.find((s) => s.command.text.startsWith(start));
  if (!found) throw new Error(`no command starting "${start}" in ${all.map((s) => s.command.text).join(' / ')}`);
  return found;
};

describe('guards', () => {
  it('puts a then-branch, an elif, an else, && and || under their conditions', () => {
    const all = sites('if [ "$c" = 418 ]; then a; elif [ "$c" = 429 ]; then b; else c; fi\nd && e || f');
    expect(guardsOf(site(all, 'a'))).toEqual(['+[ "$c" = 418 ]']);
    expect(guardsOf(site(all, 'b'))).toEqual(['-[ "$c" = 418 ]', '+[ "$c" = 429 ]']);
    expect(guardsOf(site(all, 'c'))).toEqual(['-[ "$c" = 418 ]', '-[ "$c" = 429 ]']);
    expect(guardsOf(site(all, 'e'))).toEqual(['+d']);
    expect(guardsOf(site(all, 'f'))).toEqual(['-d && e']);
    expect([site(all, 'd').inCondition, site(all, 'a').inCondition]).toEqual([true, false]);
  });

  it('guards the rest of a list after a statement that exits on one outcome, a function that exits too', () => {
    const all = sites('die() { echo "$*"; exit 1; }\n[ "$c" = 429 ] || exit 0\na\nif [ "$d" != 1 ]; then die no; fi\nb\n(exit 1)\nc');
    expect(guardsOf(site(all, 'a'))).toEqual(['+[ "$c" = 429 ]']);
    expect(guardsOf(site(all, 'b'))).toEqual(['+[ "$c" = 429 ]', '-[ "$d" != 1 ]']);
    expect(guardsOf(site(all, 'c'))).toEqual(['+[ "$c" = 429 ]', '-[ "$d" != 1 ]']);
  });

  it('guards case arms and loop bodies', () => {
    const all = sites('case "$code" in 418|429) a ;; esac\nwhile curl -sf x; do b; done\nuntil c; do d; done');
    expect(guardsOf(site(all, 'a'))).toEqual(['+case 418|429']);
    expect(guardsOf(site(all, 'b'))).toEqual(['+curl -sf x']);
    expect(guardsOf(site(all, 'd'))).toEqual(['-c']);
  });

  it('walks a function where it is called, with the caller’s guards, and one never called where it is defined', () => {
    const all = sites('reset() { redis-cli del k; }\nunused() { pm2 restart all; }\nif blocked; then reset; fi');
    expect(all.filter((s) => s.command.text.startsWith('redis-cli')).map(guardsOf)).toEqual([['+blocked']]);
    expect(guardsOf(site(all, 'pm2'))).toEqual([]);
  });

  it('walks a recursive function once per call', () => {
    expect(sites('f() { f; }\nf').map((s) => s.command.text)).toEqual(['f', 'f']);
  });
});

describe('input, wrappers and arguments', () => {
  it('gives each command of a pipeline what the earlier ones print, and a loop what it reads', () => {
    const all = sites(
      'redis-cli --scan --pattern "$P" | xargs redis-cli del\nwhile read -r k; do e "$k"; done < <(ls)\nredis-cli <<< "DEL x"',
    );
    const del = all.filter((s) => s.command.text === 'redis-cli del')[0]!;
    expect([del.input, del.wrappers.map((w) => w.name?.value)]).toEqual([['redis-cli --scan --pattern "$P"'], ['xargs']]);
    expect(site(all, 'e ').input).toEqual(['<(ls)']);
    expect(site(all, 'redis-cli <<<').input).toEqual(['DEL x']);
  });

  it('runs the commands of nested strings inside their wrapper, under the outer guards', () => {
    const all = sites('[ "$c" = 429 ] && ssh host \'bash -c "redis-cli flushall"\'');
    const flush = site(all, 'redis-cli flushall');
    expect([flush.wrappers.map((w) => w.name?.value), guardsOf(flush)]).toEqual([['ssh', 'bash'], ['+[ "$c" = 429 ]']]);
  });

  it('tells a command whose output only becomes an argument from one whose status counts', () => {
    const all = sites('echo "view: $(curl -s "$U/readyz")"\nready=$(curl -sf "$U/readyz")\n[ "$(curl -s "$U/healthz")" = ok ]');
    expect(all.filter((s) => s.command.name?.value === 'curl').map((s) => [s.inArgument, s.inCondition])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });
});

describe('variables', () => {
  const variables = (source: string) => {
    const script = parseShell(source, 1);
    return variablesOf(script, commandSites(script));
  };

  it('knows what assignments, for lists and reads may put in a variable, at any depth', () => {
    const vars = variables(
      'pattern=\'rategate:*\'\nkey="$pattern"\nfor app in order-gateway risk; do :; done\nredis-cli --scan --pattern x | while read -r k; do :; done\nexport T=all',
    );
    expect(mayHold('$key', /rategate/, vars)).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell, not a template
    expect(mayHold('${k}', /--scan/, vars)).toBe(true);
    expect(mayHold('$other', /rategate/, vars)).toBe(false);
    expect(possibleValues({ ...word('$app'), literal: false }, vars)).toEqual(['order-gateway', 'risk']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell, not a template
    expect(possibleValues({ ...word('"${T}"'), value: '${T}', literal: false }, vars)).toEqual(['all']);
    expect(possibleValues({ ...word('$UNSET'), literal: false }, vars)).toEqual([undefined]);
    expect(possibleValues(word('risk'), vars)).toEqual(['risk']);
  });

  it('does not loop on variables that refer to each other', () => {
    const vars = variables('a="$b"\nb="$a"');
    expect(mayHold('$a', /x/, vars)).toBe(false);
    expect(possibleValues({ ...word('$a'), literal: false }, vars)).toEqual([undefined]);
  });
});

function word(value: string) {
  return { text: value, value, literal: true, line: 1, variables: [], substitutions: [] };
}
