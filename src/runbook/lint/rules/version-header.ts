import { defineRule, type RuleFinding } from '../rule.ts';

/** semver.org's grammar (no leading v). */
const semver =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const commitSha = /^[0-9a-f]{7,40}$/i;
const example = '`**Version**: 1.1.0 · **Matches commit**: 917321d`';

export const versionHeader = defineRule({
  id: 'version-header',
  description:
    'The header states a semver version and the commit SHA (7-40 hex) the runbook matches, so on-call knows which document fits the deployment',
  severity: 'error',
  check(runbook) {
    const line = runbook.headerLine ?? 1;
    const findings: RuleFinding[] = [];
    const { version, commit } = runbook;
    if (version === null) findings.push({ ruleId: this.id, line, message: `no version in the header: add ${example} near the top` });
    else if (!semver.test(version))
      findings.push({ ruleId: this.id, line, message: `version "${version}" is not semver (MAJOR.MINOR.PATCH, e.g. 1.1.0)` });
    if (commit === null)
      findings.push({ ruleId: this.id, line, message: `no commit SHA in the header: add ${example} with the commit this runbook matches` });
    else if (!commitSha.test(commit))
      findings.push({ ruleId: this.id, line, message: `commit "${commit}" is not a git SHA (7 to 40 hex digits)` });
    return findings;
  },
});
