import { allCodeLines, proseLines } from '../code-lines.ts';
import { defineRule, type RuleFinding } from '../rule.ts';

/** Where a password is given inline; group 1 names it, group 2 is the value. */
const codePatterns: readonly RegExp[] = [
  /\b(PGPASSWORD|[A-Z_]*PASSWORD|password|passwd|pwd)\s*[=:]\s*("[^"]*"|'[^']*'|\S+)/gi,
  /\b(requirepass|masterauth)\s+("[^"]*"|'[^']*'|\S+)/gi,
  /\bredis-cli\b[^|;&]*?\s(-a)\s+("[^"]*"|'[^']*'|\S+)/g,
  /:\/\/[^\s:/@]+(:)([^\s@/]+)@/g,
];
/** In prose only the unambiguous forms: `PASSWORD=value` (no spaces) and a password in a URL; "Password: in 1Password" is prose. */
const prosePatterns: readonly RegExp[] = [/\b([A-Z_]*PASSWORD|password)=("[^"]*"|'[^']*'|\S+)/gi, codePatterns[3]!];

/** Not a secret: a variable or command substitution ($PGPASSWORD, $(op read …)), a <placeholder>, a mask, or nothing. */
function isReference(value: string): boolean {
  const bare = value.replace(/^["'`]|["'`,;]$/g, '');
  return bare === '' || /^(\$|<.*>$|\*+$|\[REDACTED\]$)/.test(bare);
}

function literalsOn(text: string, patterns: readonly RegExp[]): string[] {
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].filter((m) => !isReference(m[2] ?? '')).map((m) => m[1] ?? ''));
}

export const noLiteralCredentials = defineRule({
  id: 'no-literal-credentials',
  description: 'No literal passwords or default credentials (password=…, PGPASSWORD=…, requirepass …): read them from the secret manager',
  severity: 'error',
  check(runbook) {
    const findings: RuleFinding[] = [];
    const report = (line: number, name: string) =>
      findings.push({
        ruleId: this.id,
        line,
        message: `literal credential (${name === ':' ? 'password in a URL' : name}); read it from the secret manager, e.g. "$(op read 'op://…')", or reference a variable`,
      });
    for (const { text, line } of allCodeLines(runbook)) for (const name of literalsOn(text, codePatterns)) report(line, name);
    for (const { text, line } of proseLines(runbook)) for (const name of literalsOn(text, prosePatterns)) report(line, name);
    return findings;
  },
});
