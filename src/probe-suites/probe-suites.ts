import { cleanHosts } from './clean-hosts.ts';
import { postRollbackSmoke } from './post-rollback-smoke.ts';
import type { ProbeSuite } from './probe-suite.ts';
import type { ProbeSuiteName } from './suite-names.ts';

/** Each suite a runbook step can name, as the reference system runs it. */
const suites: Record<ProbeSuiteName, () => ProbeSuite> = {
  'post-rollback-smoke': () => postRollbackSmoke(),
  'clean-hosts': () => cleanHosts(),
};

export function probeSuite(name: ProbeSuiteName): ProbeSuite {
  return suites[name]();
}
