/**
 * The only path evidence takes to disk. The file is rewritten after every
 * scenario (write to a temp file, then rename), so a run that dies keeps what
 * it measured; a failure to write fails the run. Everything it writes under
 * the report directory is redacted first (writeRedactedJson): the secrets of
 * every environment the run has seen, and what looks like a secret by pattern.
 * After every write it seals the run directory (seal-bundle.ts): manifest.json,
 * and manifest.sig when a signing key is set, written last.
 */
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ScenarioResult } from '../runner/scenario-result.ts';
import type { Evidence } from './evidence.ts';
import { evidenceSchemaId } from './evidence.ts';
import { redactDeep } from './redact.ts';
import { sealBundle } from './seal-bundle.ts';
import { type SigningKey, signingKeyFromEnvironment } from './signing-key.ts';

export interface EvidenceRecorder {
  readonly dir: string;
  /** Records a scenario's result; `secrets` are its environment's (environmentSecrets), redacted from then on everywhere. */
  add(result: ScenarioResult, secrets?: readonly string[]): Promise<void>;
  /** The results recorded so far, redacted, in order. */
  results(): readonly ScenarioResult[];
  /** Stamps finishedAt (and adds what sums the run up: `repeats`), writes the file, seals the run dir and mirrors it into `<report-dir>/latest/`. */
  finish(summary?: Pick<Evidence, 'repeats'>): Promise<Evidence>;
}

export async function createEvidenceRecorder(
  reportDir: string,
  start: Omit<Evidence, 'schema' | 'finishedAt' | 'scenarios'>,
  /** Signs each manifest; FIREDRILL_SIGNING_KEY's by default (a SigningKeyError, before anything is written, when unusable). */
  signingKey: SigningKey | null = signingKeyFromEnvironment(),
): Promise<EvidenceRecorder> {
  const dir = resolve(reportDir, start.runId);
  await mkdir(dir, { recursive: true });
  const evidence: Evidence = { schema: evidenceSchemaId, ...start, finishedAt: null, scenarios: [] };
  const secrets = new Set<string>(signingKey?.secrets);
  const redacted = <T>(value: T): T => redactDeep(value, [...secrets]);
  const writeRedactedJson = async (name: string, value: unknown) => {
    const file = join(dir, name);
    await writeFile(`${file}.tmp`, `${JSON.stringify(redacted(value), null, 2)}\n`);
    await rename(`${file}.tmp`, file);
    await sealBundle(dir, signingKey);
  };
  await writeRedactedJson('evidence.json', evidence);
  return {
    dir,
    async add(result, resultSecrets = []) {
      for (const secret of resultSecrets) secrets.add(secret);
      evidence.scenarios.push(redacted(result));
      await writeRedactedJson('evidence.json', evidence);
    },
    results: () => evidence.scenarios,
    async finish(summary = {}) {
      evidence.finishedAt = new Date().toISOString();
      if (summary.repeats) evidence.repeats = summary.repeats;
      await writeRedactedJson('evidence.json', evidence);
      const latest = resolve(reportDir, 'latest');
      await rm(latest, { recursive: true, force: true });
      await cp(dir, latest, { recursive: true }); // copies of files written redacted
      return redacted(evidence);
    },
  };
}
