/**
 * Every shell block parses, and so does every command string it hands to a
 * shell (`bash -c '…'`, `ssh host '…'`): what does not parse, bash refuses
 * too, and the rules that judge commands can only judge what they can read.
 * A transcript's `$ ` commands are judged alike. Characters pasted from Slack
 * or Word (typographic quotes, a dash before an option, non-breaking spaces)
 * parse, as letters: each line holding one is a finding naming them.
 */
import { everyStatement } from '../../shell/every-statement.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { describePasted, pastedCharacters } from '../pasted-characters.ts';
import { commandSource, type ShellBlock, shellBlocks } from '../shell-blocks.ts';

const fix = 'fix it (`bash -n` checks the syntax): until the linter can read it, no other rule can judge these commands';

const pasted = 'text pasted through Slack or Word? bash reads these as letters, not as shell syntax:';

/** A block that is shell for sure (declared, or a transcript's commands): what does not parse, and what was pasted. */
function ownFindings({ block, script }: ShellBlock, ruleId: string): RuleFinding[] {
  return [
    ...script.problems.map((problem) => ({
      ruleId,
      line: problem.line,
      message: `${block.lang} block does not parse: ${problem.message}; ${fix}`,
    })),
    ...pastedCharacters(commandSource(block), block.line + 1).map(({ line, chars }) => ({
      ruleId,
      line,
      message: `${pasted} ${chars.map(describePasted).join('; ')}`,
    })),
  ];
}

export const shellSyntax = defineRule({
  id: 'shell-syntax',
  description:
    'Shell blocks (a transcript’s $ commands too), and the command strings they pass to bash -c, sh -c or ssh, parse as bash, with no character pasted from Slack or Word in place of shell syntax',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    for (const shell of shellBlocks(runbook)) {
      const { script } = shell;
      if (shell.declared || shell.transcript) findings.push(...ownFindings(shell, this.id));
      for (const statement of everyStatement(script)) {
        if (statement.kind !== 'command' || !statement.nested) continue;
        for (const problem of statement.nested.script.problems)
          findings.push({
            ruleId: this.id,
            line: problem.line,
            message: `the command string given to ${statement.nested.via} does not parse: ${problem.message}; ${fix}`,
          });
      }
    }
    return findings;
  },
});
