import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../src/repo-root.ts';
import type { Evidence } from '../../../src/evidence/evidence.ts';

/**
 * A real run's directory (3 scenarios on the local runtime, signed by a throwaway key, as
 * `firedrill run redis-outage postgres-partition gateway-hung` wrote it): the report tests' input.
 */
export const fixtureRunDir = join(repoRoot, 'test', 'fixtures', 'report-run');

/** A fresh copy of its evidence, to change freely. */
export function fixtureEvidence(): Evidence {
  return JSON.parse(readFileSync(join(fixtureRunDir, 'evidence.json'), 'utf8')) as Evidence;
}
