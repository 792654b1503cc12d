// ShellCheck over a runbook's shell blocks, run for real (Debian's shellcheck, installed by the bootstrap script):
// its findings at their runbook lines and columns, its levels, the dialect from the fence, firedrill's variables.
import { describe, expect, it } from 'vitest';
import { defaultTargets, lintRunbook } from '../../src/runbook/lint/lint.ts';
import { shellcheck } from '../../src/runbook/lint/rules/shellcheck.ts';
import { shellcheckRunbook } from '../../src/runbook/lint/shellcheck/shellcheck.ts';
import type { ShellcheckLevel } from '../../src/runbook/lint/shellcheck/shellcheck-comments.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';

const runbook = parseRunbook(
  [
    '# Checks', // 1
    '',
    '```bash {id=quote.check}', // 3
    'redis-cli -p $REDIS_PORT ping', // 4: SC2086 (info), at the $
    'cat /var/log/ats.log | grep ERROR', // 5: SC2002 (style), at the file cat reads
    '```',
    '',
    '- Indented, in a list item:', // 8
    '',
    '  ```bash',
    '  echo $ATS_URL "$lower"', // 11: SC2086 two columns right of ShellCheck's, SC2154 for $lower
    '  ```',
    '',
    '```sh',
    'if [[ -n "$PGHOST" ]]; then echo up; fi', // 15: SC3010 (warning), sh only
    '```',
    '',
    '```bash',
    'if [ -n "$PGHOST" ; then', // 19: a syntax error (SC1073, SC1072: errors)
    '  echo up',
    '```',
    '',
    '```python',
    'print($x)', // not shell: not checked
    '```',
    '',
  ].join('\n'),
  'RUNBOOK.md',
);

const assigned = ['REDIS_PORT', 'ATS_URL', 'PGHOST'];
const found = async (severity: ShellcheckLevel, blocks = runbook, names = assigned) => {
  const outcome = await shellcheckRunbook(blocks, { severity, assigned: names });
  if ('unavailable' in outcome) throw new Error(outcome.unavailable);
  return [...outcome.comments]
    .sort((a, b) => a.line - b.line || a.column - b.column || a.code - b.code)
    .map((c) => `${c.line}:${c.column}-${c.endLine}:${c.endColumn} SC${c.code} ${c.level}`);
};

describe('ShellCheck on the runbook', () => {
  it("reports each finding at the runbook's line and column, an indented block's shifted by its indentation", async () => {
    expect(await found('style')).toEqual([
      '4:14-4:25 SC2086 info',
      '5:5-5:21 SC2002 style',
      '11:8-11:16 SC2086 info',
      '11:18-11:24 SC2154 warning',
      '15:4-15:22 SC3010 warning',
      '19:1-19:1 SC1009 info',
      '19:4-19:4 SC1073 error',
      '19:19-19:19 SC1072 error',
    ]);
  });

  it('reports the levels asked for and above: error, warning, info (the default), style', async () => {
    const codes = async (severity: ShellcheckLevel) => new Set((await found(severity)).map((f) => f.split(' ')[1]));
    expect(await codes('error')).toEqual(new Set(['SC1072', 'SC1073']));
    expect(await codes('warning')).toEqual(new Set(['SC2154', 'SC3010', 'SC1072', 'SC1073']));
    expect(await codes('info')).toEqual(new Set(['SC2086', 'SC2154', 'SC3010', 'SC1009', 'SC1073', 'SC1072']));
    expect(await codes('style')).toEqual(new Set(['SC2086', 'SC2002', 'SC2154', 'SC3010', 'SC1009', 'SC1073', 'SC1072']));
  });

  it('takes the dialect from the fence: [[ ]] is fine in bash, not in sh', async () => {
    const block = (lang: string) => parseRunbook(`# R\n\n\`\`\`${lang}\nif [[ -n "$PGHOST" ]]; then echo up; fi\n\`\`\`\n`, 'R.md');
    expect(await found('style', block('sh'))).toEqual(['4:4-4:22 SC3010 warning']);
    expect(await found('style', block('bash'))).toEqual([]);
    expect(await found('style', block('shell'))).toEqual([]);
  });

  it("knows firedrill's variables: only the others are unassigned, a misspelt one included", async () => {
    const uses = parseRunbook('# R\n\n```bash\necho "$REDIS_PORT" "$ATS_URL" "$REDIS_PROT"\n```\n', 'R.md');
    expect(await found('style', uses)).toEqual(['4:32-4:43 SC2153 info', '4:32-4:43 SC2154 warning']);
    expect(await found('style', uses, [])).toEqual(['4:7-4:18 SC2154 warning', '4:21-4:29 SC2154 warning', '4:32-4:43 SC2154 warning']);
  });

  it("keeps a block's own leading directive applying to all of it", async () => {
    const directed = parseRunbook('# R\n\n```bash\n# shellcheck disable=SC2086\necho $PGHOST\necho $PGHOST\n```\n', 'R.md');
    expect(await found('style', directed)).toEqual([]);
  });

  it('says, as one finding, that ShellCheck is missing and how to install it', async () => {
    const outcome = await shellcheckRunbook(runbook, { severity: 'info', assigned, command: 'no-such-shellcheck' });
    const unavailable =
      'ShellCheck is not installed (no `no-such-shellcheck` on PATH), so no shell block was checked: install it with `npm run bootstrap` (Debian: `apt-get install shellcheck`)';
    expect(outcome).toEqual({ unavailable });
    const context = { prometheusAlerts: [], prometheusFiles: [], targets: defaultTargets, shellcheck: outcome };
    expect(shellcheck.check(runbook, context)).toEqual([{ ruleId: 'shellcheck', line: 1, message: unavailable }]);
  });

  it('runs nothing for a runbook without shell blocks', async () => {
    expect(await found('style', parseRunbook('# R\n\n```python\nprint($x)\n```\n', 'R.md'))).toEqual([]);
  });

  it('gives lint its findings under their codes, with their own severity: errors, warnings, notes', async () => {
    const findings = (await lintRunbook(runbook, { stepVariables: assigned })).filter((f) => f.ruleId.startsWith('SC'));
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`)).toEqual([
      '4:14 SC2086 note',
      '11:8 SC2086 note',
      '11:18 SC2154 warning',
      '15:4 SC3010 warning',
      '19:1 SC1009 note',
      '19:4 SC1073 error',
      '19:19 SC1072 error',
    ]);
    expect(findings[0]?.message).toBe('Double quote to prevent globbing and word splitting.');
  });
});
