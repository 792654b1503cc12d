/**
 * The system under test as data: what `firedrill.config.ts` declares. Paths
 * are relative to the config file. Zod checks each field's shape here;
 * cross-check.ts then checks what one field says about another.
 */
import { z } from 'zod';
import { configPath, datastoresSchema, variableName } from './datastore-schema.ts';
import { monitoringSchema } from './monitoring-schema.ts';
import { serviceSchema } from './service-schema.ts';

export const configSchema = z.strictObject({
  /** How lists and the evidence name the system, like "reference-ats". */
  name: z.string().min(1, 'expected a name for the system, like "reference-ats"'),
  datastores: datastoresSchema.prefault({}),
  services: z.array(serviceSchema).min(1, 'expected at least one service'),
  monitoring: monitoringSchema,
  /** The operations runbook (Markdown) whose steps the scenarios run. */
  runbook: configPath,
  /**
   * Files and directories every runbook step gets as a variable, by absolute path: the operators' scripts a step
   * calls, like `{ ATS_OPS_DIR: './ops' }` (steps run in the sandbox, so a relative path would not reach them). A name firedrill sets itself (PGHOST…) keeps firedrill's value.
   */
  stepPaths: z.record(variableName, configPath).default({}),
  /** A module whose default export makes the system's WorkloadAdapter (src/workload/workload-adapter.ts). */
  workload: configPath,
  /** A module whose default export is the system's own scenarios (Scenario[]); absent: the reference ATS's (scenarios/). */
  scenarios: configPath.optional(),
  /** The controls its scenarios evidence (YAML, schemas/controls.v1.json); absent: fixtures/controls.yaml with the reference scenarios, none with the config's own. */
  controls: configPath.optional(),
});

/** What a config file's author writes (defaults may be left out). */
export type ConfigInput = z.input<typeof configSchema>;
/** A validated config, defaults filled in. */
export type SystemConfig = z.output<typeof configSchema>;
