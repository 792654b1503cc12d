import type { ConfigInput } from './config-schema.ts';

/**
 * Declares the system under test in `firedrill.config.ts`:
 * `export default defineConfig({ name, datastores, services, monitoring, runbook, workload })`.
 * It only types the object; firedrill validates it when it loads the file,
 * reporting every problem at once (exit 2, nothing started).
 */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
