import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/runbook/parse.ts';
import { fence, findings, inBlock } from './findings.ts';

describe('shell-syntax on a transcript', () => {
  it('judges the $ commands of a console or shell-session block, not its output', () => {
    for (const lang of ['console', 'shell-session'])
      expect(inBlock('shell-syntax', '$ if [ -z "$REDIS_PORT" ]; then echo none\nnone', lang), lang).toEqual([
        expect.stringMatching(new RegExp(`^4 ${lang} block does not parse: missing \`fi\``)),
      ]);
    expect(inBlock('shell-syntax', '$ for s in a b; do\n> echo "$s"\n> done\na\nb (then) fi', 'console')).toEqual([]);
  });
});

describe('shell-syntax on pasted characters', () => {
  const pasted = 'text pasted through Slack or Word? bash reads these as letters, not as shell syntax:';

  it('names typographic quotes, a dash before an option and a non-breaking space, once a line', () => {
    expect(inBlock('shell-syntax', 'pm2 ls\ncurl -sSf “$ATS_URL/rate-gate” ‘x’')).toEqual([
      `5 ${pasted} “ (U+201C left double quotation mark): type " instead; ” (U+201D right double quotation mark): type " instead; ‘ (U+2018 left single quotation mark): type ' instead; ’ (U+2019 right single quotation mark): type ' instead`,
    ]);
    expect(inBlock('shell-syntax', 'pm2 logs order-gateway —lines 100 —nostream\ntail –n 5 x')).toEqual([
      `4 ${pasted} — (U+2014 em dash) before an option: type -- (or - before a one-letter option)`,
      `5 ${pasted} – (U+2013 en dash) before an option: type -- (or - before a one-letter option)`,
    ]);
    expect(inBlock('shell-syntax', 'pm2\u00a0reload order-gateway')).toEqual([
      `4 ${pasted} a non-breaking space (U+00A0): type a plain space`,
    ]);
    expect(inBlock('shell-syntax', '$ curl “$ATS_URL”\n“output” is fine', 'console')).toHaveLength(1);
  });

  it('leaves them alone in quotes, comments, here-documents, output and prose dashes', () => {
    const code = [
      'echo "he said “no” — twice"',
      "echo 'it’s done'",
      '# don’t paste “quotes”',
      'cat <<-EOF',
      '\tthe gateway’s answer — fine',
      '\tEOF',
      'echo a — b',
    ].join('\n');
    expect(inBlock('shell-syntax', code)).toEqual([]);
    expect(findings('shell-syntax', `# R\n\n${fence('text', 'curl “x”')}${fence('', 'Error: “refused”')}`)).toEqual([]);
  });
});

describe('runbooks the linter cannot take', () => {
  it('names a fence left open that swallowed the next block, at its opening line', () => {
    const markdown = `# R\n\n\`\`\`bash {id=a.b}\npm2 ls\n\nProse.\n\n${fence('bash {id=c.d}', 'pm2 ls')}`;
    expect(() => parseRunbook(markdown, 'draft.md')).toThrow(
      'draft.md:3: code block opened with ``` is never closed: line 8 opens another block inside it; add a closing ``` line after its last command',
    );
    expect(parseRunbook(`# R\n\n\`\`\`\`markdown\n${fence('bash {id=a.b}', 'x')}\`\`\`\`\n`, 'draft.md').blocks).toHaveLength(1);
  });

  it('flags a runbook without an executable step, naming the file', () => {
    expect(findings('steps-exercised', `# R\n\n${fence('bash', 'pm2 ls')}`)).toEqual([
      '1 draft.md has no executable step (1 code block(s), none with an id): tag each command block the drills run, e.g. ```bash {id=redis.restart}',
    ]);
  });
});
