/** Output formats of `firedrill lint-runbook`. */
export const lintFormats = ['text', 'json', 'sarif'] as const;
export type LintFormat = (typeof lintFormats)[number];
