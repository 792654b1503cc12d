/**
 * SARIF 2.1.0 for the runbook linter, in the shape GitHub code scanning
 * accepts: one run, `tool.driver` with every rule (id, descriptions, default
 * level), results with ruleId/ruleIndex, level, message.text and a location
 * whose artifact URI is relative to the checkout (`%SRCROOT%`) with a startLine
 * (and columns when the rule knows them: ShellCheck's). A rule may name its help page (helpUri).
 */

export interface SarifRuleInfo {
  readonly id: string;
  readonly description: string;
  readonly severity: 'error' | 'warning' | 'note';
  /** Where the rule is explained (ShellCheck's wiki page for an SC code). */
  readonly helpUri?: string;
}

export interface SarifFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning' | 'note';
  readonly message: string;
  readonly line: number;
  /** 1-based; the end column is exclusive, as SARIF's is. */
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Set when the finding is in another file than the linted one (a rules file), in the same form as `uri`. */
  readonly uri?: string;
}

export interface SarifInput {
  readonly toolVersion: string;
  readonly rules: readonly SarifRuleInfo[];
  readonly findings: readonly SarifFinding[];
  /** The linted file: relative to the checkout with forward slashes (preferred by code scanning), or a file: URI. */
  readonly uri: string;
}

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

export function toSarif(input: SarifInput) {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
  const uris = [...new Set([input.uri, ...input.findings.flatMap((f) => (f.uri ? [f.uri] : []))])];
  const location = (uri: string) => ({ uri, ...(uri.startsWith('file:') ? {} : { uriBaseId: '%SRCROOT%' }) });
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'firedrill',
            semanticVersion: input.toolVersion,
            rules: input.rules.map((rule) => ({
              id: rule.id,
              name: pascalCase(rule.id),
              shortDescription: { text: firstSentence(rule.description) },
              fullDescription: { text: rule.description },
              defaultConfiguration: { level: rule.severity },
              ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the checkout the runbook was linted in' } } },
        artifacts: uris.map((uri) => ({ location: location(uri) })),
        results: input.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: finding.severity,
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { ...location(finding.uri ?? input.uri), index: uris.indexOf(finding.uri ?? input.uri) },
                region: region(finding),
              },
            },
          ],
        })),
      },
    ],
  };
}

/** The lines, and the columns when the finding has them; an empty column range (ShellCheck's syntax errors) is left a point. */
function region(finding: SarifFinding) {
  const startLine = Math.max(1, finding.line);
  if (finding.column === undefined) return { startLine };
  const endLine = finding.endLine ?? startLine;
  const widens = finding.endColumn !== undefined && (endLine > startLine || finding.endColumn > finding.column);
  return { startLine, startColumn: finding.column, ...(widens ? { endLine, endColumn: finding.endColumn } : {}) };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

function firstSentence(text: string): string {
  return text.split(/(?<=[.:])\s/)[0] ?? text;
}
