import type { ControlEvidence } from '../../controls/control-statuses.ts';
import type { Evidence } from '../../evidence/evidence.ts';

/** What the bundle check said about the run directory the report reads. */
export type BundleCheck =
  | { readonly state: 'verified'; readonly summary: string }
  | { readonly state: 'not verified'; readonly problems: readonly string[] }
  /** No manifest to check against (a run before bundles, a bare evidence.json): said, not refused. */
  | { readonly state: 'not sealed'; readonly reason: string };

/** The controls section: each control judged, or why there is none. */
export type ControlsSection = { readonly file: string; readonly statuses: readonly ControlEvidence[] } | { readonly none: string };

/**
 * The seam for run history (src/history): charts built by trusted code whose
 * own text is escaped (inserted as-is), each with its scenario and a caption.
 */
export interface HistorySection {
  /** Where the history comes from and what it covers: `reports/history.sqlite, the last 20 runs of each scenario`. */
  readonly source: string;
  readonly charts: readonly { readonly scenarioId: string; readonly svg: string; readonly caption: string }[];
  /** Lines shown under the charts (a resilience score, open findings). */
  readonly notes?: readonly string[];
}

export interface ReportInput {
  /** Already redacted (as written by the run). */
  readonly evidence: Evidence;
  /** As the user named it, for the header. */
  readonly runDir: string;
  readonly bundle: BundleCheck;
  readonly controls: ControlsSection;
  readonly history?: HistorySection;
  readonly generatedAt: Date;
}
