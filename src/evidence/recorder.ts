/**
 * The only path evidence takes to disk. The file is rewritten after every
 * scenario (write to a temp file, then rename), so a run that dies keeps what
 * it measured; a failure to write fails the run.
 */
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { Evidence } from './evidence.ts';
import { evidenceSchemaId } from './evidence.ts';

export interface EvidenceRecorder {
  readonly dir: string;
  add(result: ScenarioResult): Promise<void>;
  /** Stamps finishedAt, writes the file and mirrors the run into `<report-dir>/latest/`. */
  finish(): Promise<Evidence>;
}

export async function createEvidenceRecorder(
  reportDir: string,
  start: Omit<Evidence, 'schema' | 'finishedAt' | 'scenarios'>,
): Promise<EvidenceRecorder> {
  const dir = resolve(reportDir, start.runId);
  await mkdir(dir, { recursive: true });
  const evidence: Evidence = { schema: evidenceSchemaId, ...start, finishedAt: null, scenarios: [] };
  const write = async () => {
    const file = join(dir, 'evidence.json');
    await writeFile(`${file}.tmp`, `${JSON.stringify(evidence, null, 2)}\n`);
    await rename(`${file}.tmp`, file);
  };
  await write();
  return {
    dir,
    async add(result) {
      evidence.scenarios.push(result);
      await write();
    },
    async finish() {
      evidence.finishedAt = new Date().toISOString();
      await write();
      const latest = resolve(reportDir, 'latest');
      await rm(latest, { recursive: true, force: true });
      await cp(dir, latest, { recursive: true });
      return evidence;
    },
  };
}
