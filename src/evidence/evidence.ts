import type { RunbookIdentity } from '../runbook/runbook-identity.ts';
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
  /** The runbook whose steps the scenarios ran. */
  runbook: RunbookIdentity | null;
  runtime: RuntimeName;
  scenarios: ScenarioResult[];
}
