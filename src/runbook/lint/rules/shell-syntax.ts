/**
 * Every shell block parses, and so does every command string it hands to a
 * shell (`bash -c '…'`, `ssh host '…'`): what does not parse, bash refuses
 * too, and the rules that judge commands can only judge what they can read.
 */
import { everyStatement } from '../../shell/every-statement.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { shellBlocks } from '../shell-blocks.ts';

const fix = 'fix it (`bash -n` checks the syntax): until the linter can read it, no other rule can judge these commands';

export const shellSyntax = defineRule({
  id: 'shell-syntax',
  description: 'Shell blocks, and the command strings they pass to bash -c, sh -c or ssh, parse as bash',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    for (const { block, script, declared } of shellBlocks(runbook)) {
      if (declared)
        for (const problem of script.problems)
          findings.push({ ruleId: this.id, line: problem.line, message: `${block.lang} block does not parse: ${problem.message}; ${fix}` });
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
