/**
 * No literal passwords or default credentials anywhere in the runbook. Shell
 * blocks are read on the parse tree (shell-credentials.ts: assignments and
 * exports, option values, URLs, HTTP headers, SQL, Redis AUTH/CONFIG SET,
 * passwords piped to `sudo -S` or written to .pgpass, here-documents, and
 * commands inside ssh or bash -c); other code blocks (a Redis config) line by
 * line, and prose only in its unambiguous forms (credential-text.ts). A
 * finding names what the credential is, never its value.
 */
import { codeLines, proseLines } from '../code-lines.ts';
import { codeCredentials, proseCredentials, urlPasswordName } from '../credential-text.ts';
import { defineRule, type RuleFinding } from '../rule.ts';
import { shellBlock } from '../shell-blocks.ts';
import { shellCredentials } from '../shell-credentials.ts';

export const noLiteralCredentials = defineRule({
  id: 'no-literal-credentials',
  description:
    "No literal passwords, tokens or keys (password=…, PGPASSWORD=…, export *_SECRET/_TOKEN/_API_KEY=…, --password …, -a …, curl -u user:pw, Authorization: Bearer …, ?token=…, redis://:pw@, requirepass …, ALTER ROLE … PASSWORD '…', .pgpass lines, echo pw | sudo -S, in here-documents too): read them from the secret manager",
  severity: 'error',
  check(runbook) {
    const findings = new Map<string, RuleFinding>();
    const report = (line: number, name: string) =>
      findings.set(`${line}\0${name}`, {
        ruleId: this.id,
        line,
        message: `literal credential (${name === urlPasswordName ? 'password in a URL' : name}); read it from the secret manager, e.g. "$(op read 'op://…')", or reference a variable`,
      });
    for (const block of runbook.blocks) {
      const shell = shellBlock(block);
      if (shell) for (const { line, name } of shellCredentials(shell.script)) report(line, name);
      // Not shell, or shell that does not parse (what the parser could not read is read as text).
      if (!shell || shell.script.problems.length > 0)
        for (const { text, line } of codeLines(block)) for (const name of codeCredentials(text)) report(line, name);
    }
    for (const { text, line } of proseLines(runbook)) for (const name of proseCredentials(text)) report(line, name);
    return [...findings.values()].sort((a, b) => a.line - b.line);
  },
});
