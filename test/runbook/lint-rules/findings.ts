/** The findings one lint rule gives on a Markdown text, as "line message"; shell blocks start on line 4 (after `# R` and a blank). */
import { defaultTargets, lint } from '../../../src/runbook/lint/lint.ts';
import type { LintContext } from '../../../src/runbook/lint/rule.ts';
import type { LintRuleId } from '../../../src/runbook/lint/rules/index.ts';
import { parseRunbook } from '../../../src/runbook/parse.ts';

const noRules: LintContext = { prometheusAlerts: [], prometheusFiles: [], targets: defaultTargets };

export const fence = (info: string, ...code: string[]) => `\`\`\`${info}\n${code.join('\n')}\n\`\`\`\n`;

export function findings(ruleId: LintRuleId, markdown: string): string[] {
  return lint(parseRunbook(markdown, 'draft.md'), noRules)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.line} ${f.message}`);
}

/** The findings of one rule on a runbook holding one block of `lang` (default bash) with these lines: its code starts on line 4. */
export function inBlock(ruleId: LintRuleId, code: string, info = 'bash'): string[] {
  return findings(ruleId, `# R\n\n${fence(info, code)}`);
}

/** The lines one rule flags in a one-block runbook (see inBlock). */
export function flaggedLines(ruleId: LintRuleId, code: string, info = 'bash'): number[] {
  return inBlock(ruleId, code, info).map((finding) => Number(finding.split(' ')[0]));
}
