import { describe, expect, it } from 'vitest';
import { fence, findings, inBlock } from './findings.ts';

describe('shell-syntax', () => {
  it('names the line of a block that does not parse, and what bash would say', () => {
    expect(inBlock('shell-syntax', 'set -euo pipefail\nif [ "$code" = 429 ]; then\n  redis-cli -p 1 DEL rategate:x')).toEqual([
      '6 bash block does not parse: missing `fi` for the `if` on line 5; fix it (`bash -n` checks the syntax): until the linter can read it, no other rule can judge these commands',
    ]);
    expect(inBlock('shell-syntax', 'echo ok\necho "unterminated', 'sh')).toEqual([
      expect.stringMatching(/^5 sh block does not parse: unexpected `"`/),
    ]);
    expect(inBlock('shell-syntax', 'pm2 ls\ndone', 'shell')).toEqual([
      expect.stringMatching(/^5 shell block does not parse: unexpected `done`/),
    ]);
  });

  it('names the line of a command string given to bash -c or ssh that does not parse', () => {
    expect(inBlock('shell-syntax', "pm2 ls\nssh bastion 'if redis-cli -p 1 ping; then'")).toEqual([
      expect.stringMatching(/^5 the command string given to ssh does not parse: (missing|unexpected)/),
    ]);
    expect(inBlock('shell-syntax', 'bash -c "\n  echo ok\n  for x in a b\n"')).toEqual([
      expect.stringMatching(/^\d the command string given to bash -c does not parse/),
    ]);
  });

  it('names a block nested too deeply to read, rather than crash', () => {
    expect(inBlock('shell-syntax', `echo ok\n${Array(20_000).fill('true').join(' && ')}`)).toEqual([
      '4 bash block does not parse: nested too deeply for the linter to read (Maximum call stack size exceeded); fix it (`bash -n` checks the syntax): until the linter can read it, no other rule can judge these commands',
    ]);
  });

  it('passes valid bash, and leaves blocks that are not declared shell to be output', () => {
    expect(inBlock('shell-syntax', 'set -euo pipefail\nfor s in a b; do\n  pm2 reload "$s"\ndone\nbash -c \'echo "$0"\' x')).toEqual([]);
    const output = `# R\n\n${fence('', 'Error: connection refused (port 6379) if then')}${fence('console', '$ pm2 ls', '│ id │ name │')}${fence('text', 'if then fi')}`;
    expect(findings('shell-syntax', output)).toEqual([]);
  });
});
