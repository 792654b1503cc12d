import type { RuntimeName } from '../runtime/runtime.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';

export const evidenceSchemaId = 'firedrill.evidence/v1';

/** The contract of `<report-dir>/evidence.json` (see schemas/evidence.v1.json). */
export interface Evidence {
  schema: typeof evidenceSchemaId;
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  harness: { version: string; commit: string };
  /** Null while remediation steps live in the scenario files (the runbook parser comes with issue 5). */
  runbook: { path: string; version: string; commit: string; sha256: string } | null;
  runtime: RuntimeName;
  scenarios: ScenarioResult[];
}
