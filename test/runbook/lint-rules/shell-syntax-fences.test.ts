import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/runbook/parse.ts';
import { findings } from './findings.ts';

const example = (outer: string, info = 'markdown') =>
  `# R\n\n${outer}${info}\n\`\`\`bash {id=a.b}\npm2 restart all\n\`\`\`\n${outer}\n\nDone.\n`;

describe('a longer outer fence holding ``` lines is one closed block (CommonMark)', () => {
  it('four backticks or tildes, labelled or not, in a list item or a quote', () => {
    for (const markdown of [
      example('````'),
      example('~~~~'),
      example('~~~'),
      example('````', ''),
      example('`````', 'md'),
      `# R\n\n- Write a step:\n\n  \`\`\`\`markdown\n  \`\`\`bash\n  pm2 restart all\n  \`\`\`\n  \`\`\`\`\n`,
      `# R\n\n> \`\`\`\`markdown\n> \`\`\`bash\n> pm2 restart all\n> \`\`\`\n> \`\`\`\`\n`,
    ]) {
      const runbook = parseRunbook(markdown, 'draft.md');
      expect(runbook.blocks, markdown).toHaveLength(1);
      expect(runbook.steps, markdown).toHaveLength(0);
      for (const rule of ['shell-syntax', 'no-pm2-restart-all'] as const)
        expect(findings(rule, markdown), `${rule} ${markdown}`).toEqual([]);
    }
  });

  it('an unclosed ```bash is still reported at its own line, after or inside such an example', () => {
    expect(() => parseRunbook(`${example('````')}\n\`\`\`bash\npm2 ls\n`, 'draft.md')).toThrow(
      'draft.md:11: code block opened with ``` is never closed; add a closing ``` line after its last command',
    );
    expect(() => parseRunbook('# R\n\n````markdown\n```bash\npm2 ls\n\nDone.\n', 'draft.md')).toThrow(
      'draft.md:3: code block opened with ```` is never closed; add a closing ```` line after its last command',
    );
  });
});
