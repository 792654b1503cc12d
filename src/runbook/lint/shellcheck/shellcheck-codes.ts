/** ShellCheck's codes among lint findings, each a rule of its own in SARIF's rules array, with its wiki page. */
import type { Finding } from '../rule.ts';

export const isShellcheckCode = (ruleId: string): boolean => /^SC\d+$/.test(ruleId);

export function shellcheckCodeRules(findings: readonly Finding[]) {
  const first = new Map<string, Finding>();
  for (const finding of findings) if (isShellcheckCode(finding.ruleId) && !first.has(finding.ruleId)) first.set(finding.ruleId, finding);
  return [...first.values()]
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId))
    .map(({ ruleId, message, severity }) => ({
      id: ruleId,
      description: `ShellCheck ${ruleId}: ${message}`,
      severity,
      helpUri: `https://www.shellcheck.net/wiki/${ruleId}`,
    }));
}
