import type { RunbookIdentity } from '../runbook/runbook-identity.ts';
import type { AlertRulesIdentity } from './alert-rules-identity.ts';
import type { ConfigIdentity } from './config-identity.ts';
import type { HostInfo } from './host-info.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { RepeatSummary } from '../runner/repeat.ts';

export const evidenceSchemaId = 'firedrill.evidence/v1';

/** The contract of `<report-dir>/evidence.json` (see schemas/evidence.v1.json). */
export interface Evidence {
  schema: typeof evidenceSchemaId;
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  harness: { version: string; commit: string };
  /** The machine the run ran on (runs before it was recorded have none). */
  host?: HostInfo;
  /** The system under test's config (firedrill.config.ts): which file, its hash, what it declared. */
  config?: ConfigIdentity;
  /** The runbook whose steps the scenarios ran. */
  runbook: RunbookIdentity | null;
  /** The alert rules Prometheus loaded in every environment of the run. */
  alertRules?: AlertRulesIdentity;
  runtime: RuntimeName;
  scenarios: ScenarioResult[];
  /** With `--repeat N`: per scenario, its verdicts, whether it is flaky, and its detect and recovery samples with p50/p95/max. */
  repeats?: RepeatSummary[];
}
