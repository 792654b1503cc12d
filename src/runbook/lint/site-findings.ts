import type { Runbook } from '../runbook.ts';
import type { CommandSite } from '../shell/walk.ts';
import type { RuleFinding } from './rule.ts';
import { type ShellBlock, shellBlocks } from './shell-blocks.ts';

/**
 * A finding at each command of the runbook's shell blocks that `judge` has a
 * message for, at the command's line; the same message on the same line once
 * (a function called twice runs its commands twice).
 */
export function siteFindings(
  runbook: Runbook,
  ruleId: string,
  judge: (site: CommandSite, block: ShellBlock) => string | null,
): RuleFinding[] {
  const findings = new Map<string, RuleFinding>();
  for (const block of shellBlocks(runbook)) {
    for (const site of block.sites) {
      const message = judge(site, block);
      if (message) findings.set(`${site.command.line}\0${message}`, { ruleId, line: site.command.line, message });
    }
  }
  return [...findings.values()];
}
