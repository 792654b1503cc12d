import { describe, expect, it } from 'vitest';
import { everyStatement } from '../../../src/runbook/shell/every-statement.ts';
import { parseShell } from '../../../src/runbook/shell/parse-shell.ts';
import type { ShellScript, SimpleCommand, Statement } from '../../../src/runbook/shell/shell-model.ts';

/** Scripts start on runbook line 10 here, as a block's code would. */
const parse = (source: string) => parseShell(source, 10);
const only = (source: string): Statement => {
  const script = parse(source);
  expect(script.problems).toEqual([]);
  expect(script.statements).toHaveLength(1);
  return script.statements[0]!;
};
const command = (source: string) => only(source) as SimpleCommand;
const commands = (script: ShellScript) =>
  [...everyStatement(script)]
    .filter((s): s is SimpleCommand => s.kind === 'command')
    .map((c) => [c.line, c.name?.value ?? null, ...c.args.map((a) => a.value)]);

describe('words', () => {
  it('removes quotes and escapes as bash does, and says which words are known before the script runs', () => {
    const echo = command(`echo plain 'single $X' "double \\"q\\" $PORT" a\\ b $'tab\\there' "$(date)" ~/x`);
    expect(echo.args.map((a) => [a.value, a.literal])).toEqual([
      ['plain', true],
      ['single $X', true],
      ['double "q" $PORT', false],
      ['a b', true],
      ['tab\there', true],
      ['$(date)', false],
      ['~/x', false],
    ]);
    expect(echo.args[2]!.variables).toEqual(['PORT']);
    expect(commands(echo.args[5]!.substitutions[0]!)).toEqual([[10, 'date']]);
  });

  it('names the variables a word expands, braced and indirect ones too', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell, not a template
    expect(command('echo "${REDIS_PORT:-6379}" ${!variable} $1').args.map((a) => a.variables)).toEqual([
      ['REDIS_PORT'],
      ['variable'],
      ['1'],
    ]);
  });

  it('counts lines from the first, continuation lines included', () => {
    const redis = command('redis-cli \\\n  -p "$REDIS_PORT" \\\n  DEL rategate:mock:bucket');
    expect([redis.line, redis.endLine, ...redis.args.map((a) => `${a.line}:${a.value}`)]).toEqual([
      10,
      12,
      '11:-p',
      '11:$REDIS_PORT',
      '12:DEL',
      '12:rategate:mock:bucket',
    ]);
  });
});

describe('simple commands', () => {
  it('reads prefix assignments, declarations and assignments alone', () => {
    const script = parse('PGPASSWORD=x psql -c 1\nexport A=b C\nlocal -r d="$(pwd)"\ncode=$(curl -s x)\na=1 b=2');
    expect(
      script.statements.map((s) => (s as SimpleCommand).assignments.map((a) => `${a.line}:${a.name}=${a.value?.value ?? ''}`)),
    ).toEqual([['10:PGPASSWORD=x'], ['11:A=b'], ['12:d=$(pwd)'], ['13:code=$(curl -s x)'], ['14:a=1', '14:b=2']]);
    expect(script.statements.map((s) => (s as SimpleCommand).name?.value ?? null)).toEqual(['psql', 'export', 'local', null, null]);
  });

  it('reads redirects, here-strings and here-documents with their bodies', () => {
    const script = parse('redis-cli -p 1 <<EOF > out.txt\nDEL $KEY\nEOF\ncat <<\'EOF\'\n$literal\nEOF\nredis-cli <<< "PING" 2>&1');
    const [heredoc, quoted, herestring] = script.statements as SimpleCommand[];
    expect(
      heredoc!.redirects.map((r) => [
        r.op,
        r.target?.value ?? null,
        r.hereDoc?.body ?? null,
        r.hereDoc?.expands ?? null,
        r.hereDoc?.line ?? null,
      ]),
    ).toEqual([
      ['<<', null, 'DEL $KEY\n', true, 11],
      ['>', 'out.txt', null, null, null],
    ]);
    expect(quoted!.redirects[0]!.hereDoc).toMatchObject({ body: '$literal\n', expands: false, line: 14 });
    expect(herestring!.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['<<<', 'PING'],
      ['>&', '1'],
    ]);
  });

  it('keeps a here-document line that goes on as the pipeline or list it is', () => {
    expect(only('redis-cli <<EOF | grep -q 1\nDEL x\nEOF')).toMatchObject({
      kind: 'pipeline',
      commands: [{ name: { value: 'redis-cli' } }, { name: { value: 'grep' } }],
    });
    expect(only('cat <<EOF && echo done\nx\nEOF')).toMatchObject({
      kind: 'and',
      left: { name: { value: 'cat' } },
      right: { name: { value: 'echo' } },
    });
  });
});

describe('structure', () => {
  it('reads pipelines, lists and negation', () => {
    expect(only('! curl -s x | grep -q 429 && echo blocked || echo not')).toMatchObject({
      kind: 'or',
      left: { kind: 'and', left: { kind: 'not', body: { kind: 'pipeline' } }, right: { name: { value: 'echo' } } },
      right: { name: { value: 'echo' } },
    });
  });

  it('reads if/elif/else with their conditions and bodies', () => {
    const ifs = only('if [ "$c" = 418 ]; then\n  a\nelif ! [[ $c != 429 ]]; then\n  b\nelse\n  c\nfi');
    expect(ifs).toMatchObject({
      kind: 'if',
      branches: [
        {
          condition: [{ kind: 'test', comparisons: [{ left: { value: '$c' }, operator: '=', right: { value: '418' }, negated: false }] }],
          body: [{ line: 11 }],
        },
        { condition: [{ kind: 'not', body: { kind: 'test', comparisons: [{ operator: '!=' }] } }], body: [{ line: 13 }] },
      ],
      otherwise: [{ line: 15, name: { value: 'c' } }],
    });
  });

  it('reads tests as the comparisons they make, however written', () => {
    const comparisons = (source: string) =>
      (only(source) as Extract<Statement, { kind: 'test' }>).comparisons.map(
        (c) => `${c.negated ? '!' : ''}${c.left?.value} ${c.operator} ${c.right?.value}`,
      );
    expect(comparisons('[[ $code =~ ^4(18|29)$ && ! $x == 1 ]]')).toEqual(['$code =~ ^4(18|29)$', '!$x == 1']);
    expect(comparisons('(( code == 429 ))')).toEqual(['code == 429']);
    expect(comparisons('test "$code" -ne 418')).toEqual(['$code -ne 418']);
  });

  it('reads loops, case arms, functions, groups and subshells', () => {
    const script = parse(
      'while read -r k; do a; done\nuntil b; do c; done\nfor s in x "$Y"; do d; done\ncase "$c" in 418|429) e ;; *) f ;; esac\ng() { h; }\n{ i; } && ( j )',
    );
    expect(script.problems).toEqual([]);
    expect(script.statements.map((s) => s.kind)).toEqual(['while', 'until', 'for', 'case', 'function', 'and']);
    expect(script.statements[2]).toMatchObject({ variable: 's', words: [{ value: 'x' }, { value: '$Y' }] });
    expect(script.statements[3]).toMatchObject({
      subject: { value: '$c' },
      arms: [{ patterns: [{ value: '418' }, { value: '429' }] }, { patterns: [{ value: '*' }] }],
    });
    expect(script.statements[4]).toMatchObject({ name: 'g', body: [{ name: { value: 'h' } }] });
    expect(script.statements[5]).toMatchObject({ left: { kind: 'group' }, right: { kind: 'subshell' } });
  });

  it('reads a loop fed by a process substitution, with the commands inside it', () => {
    const loop = only('while read -r k; do redis-cli del "$k"; done < <(redis-cli --scan --pattern "rategate:*")');
    expect(loop.redirects[0]).toMatchObject({ op: '<', target: { value: '<(redis-cli --scan --pattern "rategate:*")' } });
    expect(commands({ statements: [loop], problems: [] })).toContainEqual([10, 'redis-cli', '--scan', '--pattern', 'rategate:*']);
  });
});

describe('nested commands', () => {
  const nested = (source: string) => {
    const outer = command(source);
    return { via: outer.nested?.via, commands: commands(outer.nested!.script), fromInput: outer.nested?.argumentsFromInput };
  };

  it('parses the string a shell runs: bash -c, sh -ec, su -c, with option values skipped', () => {
    expect(nested("bash -c 'redis-cli -p 1 FLUSHALL'")).toMatchObject({
      via: 'bash -c',
      commands: [[10, 'redis-cli', '-p', '1', 'FLUSHALL']],
    });
    expect(nested('sh -ec "pm2 restart all"')).toMatchObject({ via: 'sh -c', commands: [[10, 'pm2', 'restart', 'all']] });
    expect(nested("bash -o pipefail -c 'a | b'")).toMatchObject({
      commands: [
        [10, 'a'],
        [10, 'b'],
      ],
    });
    expect(nested("su - ats -c 'pm2 reload all'")).toMatchObject({ via: 'su -c', commands: [[10, 'pm2', 'reload', 'all']] });
    expect(command('bash script.sh').nested).toBeNull();
  });

  it('parses what ssh runs: a quoted string, the words after the host, after --, or a here-document', () => {
    expect(nested("ssh -p 2222 -i key ops@bastion 'redis-cli flushall'")).toMatchObject({
      via: 'ssh',
      commands: [[10, 'redis-cli', 'flushall']],
    });
    expect(nested('ssh -oBatchMode=yes -t host -- redis-cli -p 1 del k')).toMatchObject({
      commands: [[10, 'redis-cli', '-p', '1', 'del', 'k']],
    });
    expect(nested('ssh host pm2 restart all')).toMatchObject({ commands: [[10, 'pm2', 'restart', 'all']] });
    expect(nested("ssh host <<'EOF'\nredis-cli flushdb\nEOF")).toMatchObject({ commands: [[11, 'redis-cli', 'flushdb']] });
    expect(command('ssh host').nested).toBeNull();
  });

  it('maps a multi-line command string to the runbook lines it is written on', () => {
    expect(nested("bash -c '\n  set -e\n  redis-cli DEL k\n'").commands).toEqual([
      [11, 'set', '-e'],
      [12, 'redis-cli', 'DEL', 'k'],
    ]);
  });

  it('finds the command a wrapper runs, through several wrappers', () => {
    const sudo = command('sudo -u ats env -i REDISCLI_AUTH=x timeout -s KILL 5 nice -n 10 redis-cli del k');
    expect(commands({ statements: [sudo], problems: [] }).map((c) => c[1])).toEqual(['sudo', 'env', 'timeout', 'nice', 'redis-cli']);
    const env = sudo.nested!.script.statements[0] as SimpleCommand;
    expect((env.nested!.script.statements[0] as SimpleCommand).assignments.map((a) => a.name)).toEqual(['REDISCLI_AUTH']);
  });

  it('knows xargs appends its input, and finds commands in exec, docker exec and kubectl exec', () => {
    expect(nested('xargs -r -n 100 -I{} redis-cli unlink {}')).toEqual({
      via: 'xargs',
      commands: [[10, 'redis-cli', 'unlink', '{}']],
      fromInput: true,
    });
    expect(nested('exec -a gw pm2 restart all')).toMatchObject({ commands: [[10, 'pm2', 'restart', 'all']], fromInput: false });
    expect(nested('docker exec -it -u redis redis-1 redis-cli flushall')).toMatchObject({
      via: 'docker exec',
      commands: [[10, 'redis-cli', 'flushall']],
    });
    expect(nested('kubectl exec -n ats redis-0 -c redis -- redis-cli flushall')).toMatchObject({
      via: 'kubectl exec',
      commands: [[10, 'redis-cli', 'flushall']],
    });
    expect(command('command -v redis-cli').nested).toBeNull();
    expect(command('xargs').nested).toBeNull();
  });
});

describe('syntax problems', () => {
  it('names the line of the first problem and what it is, and still reads the rest', () => {
    expect(parse('echo ok\nif true; then\n  echo hi\n').problems).toEqual([{ line: 12, message: 'missing `fi` for the `if` on line 11' }]);
    expect(parse('echo ok\necho "unterminated\nls').problems).toEqual([{ line: 11, message: 'unexpected `"`' }]);
    expect(parse('a && && b').problems).toEqual([{ line: 10, message: 'unexpected `&&`' }]);
    expect(parse('cat <<EOF\nhello\n').problems).toEqual([
      { line: 11, message: "missing the here-document's closing delimiter for the `<<` on line 10" },
    ]);
    expect(parse('echo one\necho two\nfi').problems).toEqual([{ line: 12, message: 'unexpected `fi`' }]);
    expect(commands(parse('echo ok\necho "unterminated'))[0]).toEqual([10, 'echo', 'ok']);
  });

  it('finds none in valid bash that looks odd, nor in a reserved word used as an argument or quoted', () => {
    for (const source of [
      'echo done fi "then"',
      '"done"',
      'case $x in a) echo;& b) echo;; esac',
      'time { sleep 1; }',
      'x=$(cat <<EOF\nhi\nEOF\n)',
    ])
      expect(parse(source).problems, source).toEqual([]);
  });

  it('keeps a nested string’s problem in its own script', () => {
    const bash = command("bash -c 'if then'");
    expect(bash.nested?.script.problems).toEqual([{ line: 10, message: expect.stringMatching(/^(unexpected|missing)/) }]);
  });
});

describe('background jobs', () => {
  const background = (source: string) => {
    const script = parse(source);
    expect(script.problems).toEqual([]);
    return script.statements.map((statement) => [statement.kind, statement.background ?? false]);
  };

  it('marks a statement that ends in &, whatever it is, and no other', () => {
    expect(background('curl -sSf x & wait\na && b &\n{ c; } > /dev/null 2>&1 &\nd | e & f')).toEqual([
      ['command', true],
      ['command', false],
      ['and', true],
      ['group', true],
      ['pipeline', true],
      ['command', false],
    ]);
    expect(background('echo "a & b" && f >&2')).toEqual([['and', false]]);
    const inner = parse('if x; then y & fi').statements[0];
    expect(inner?.kind === 'if' && inner.branches[0]!.body[0]!.background).toBe(true);
  });

  it('reads a here-document statement ending in & (tree-sitter-bash takes the & for an error; bash -n does not)', () => {
    expect(background("redis-cli -p 1 <<'EOF' > /dev/null &\nPING\nEOF\ncat <<EOF | sh &\ntrue\nEOF\nnext")).toEqual([
      ['command', true],
      ['pipeline', true],
      ['command', false],
    ]);
  });
});
