import type { ProbeSuiteName } from '../probe-suites/suite-names.ts';

/**
 * A runbook parsed from Markdown: its version header, its sections (one per
 * heading) and its fenced code blocks. A block whose info string carries an id
 * (```` ```bash {id=redis.restart} ````) is an executable step; every other
 * block is prose for people. All line numbers are 1-based source lines.
 */

export interface Runbook {
  /** The path it was read from, as given (used in messages). */
  readonly file: string;
  readonly lines: readonly string[];
  /** `**Version**: 1.1.0`, as written; null when the header has none. */
  readonly version: string | null;
  /** `**Matches commit**: <sha>`, as written; null when the header has none. */
  readonly commit: string | null;
  /** The line of the version header (or of the commit when only that is there). */
  readonly headerLine: number | null;
  readonly sections: readonly RunbookSection[];
  readonly blocks: readonly CodeBlock[];
  readonly steps: readonly ParsedStep[];
  readonly tables: readonly RunbookTable[];
}

export interface RunbookSection {
  /** GitHub-style slug of the title, made unique with -1, -2 …: `redis-outage`. */
  readonly id: string;
  readonly title: string;
  readonly level: number;
  readonly line: number;
  /** The last line before the next heading of the same or a higher level. */
  readonly endLine: number;
  /** Ids of the steps inside it, nested subsections included, in order. */
  readonly steps: readonly string[];
}

export interface CodeBlock {
  /** First word of the info string (`bash`), '' when none. */
  readonly lang: string;
  readonly info: string;
  readonly code: string;
  /** The opening fence's line; the code starts on the next one. */
  readonly line: number;
  /** The closing fence's line. */
  readonly endLine: number;
  /** Id of the innermost section holding it; null before the first heading. */
  readonly section: string | null;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface StepExpectation {
  readonly exitCode?: number;
  /** Must match somewhere in stdout. */
  readonly output?: RegExp;
}

export interface ParsedStep {
  /** `suite=…`: the probe suite run in place of the code on runtimes that cannot run it (src/runner/suite-step.ts). */
  readonly suite?: ProbeSuiteName;
  readonly id: string;
  /** Set on a runtime-specific variant (`{id=redis.restart runtime=docker}`); absent, the step serves every runtime. */
  readonly runtime?: string;
  readonly lang: string;
  readonly code: string;
  readonly section: string | null;
  readonly line: number;
  readonly endLine: number;
  readonly title?: string;
  readonly timeoutMs?: number;
  readonly expect?: StepExpectation;
}

export interface RunbookTable {
  readonly section: string | null;
  readonly line: number;
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}
