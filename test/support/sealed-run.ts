/**
 * A sealed run directory made by the real recorder from made-up results (no
 * environment): three scenario records and an attachment, as a run with an
 * alert rule override leaves one (alert-rules/<scenario>/*.yml).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createEvidenceRecorder } from '../../src/evidence/recorder.ts';
import { parseSigningKey, type SigningKey } from '../../src/evidence/signing-key.ts';
import type { ScenarioResult } from '../../src/runner/scenario-result.ts';
import { testTempDir } from './temp-dirs.ts';

export const scenarioIds = ['redis-outage', 'postgres-partition', 'exchange-rate-limit'] as const;
export const attachment = 'alert-rules/redis-outage/ats.yml';

export function madeUpResult(id: string, reason = `${id} recovered in 1200 ms`): ScenarioResult {
  return {
    id,
    title: id,
    verdict: 'passed',
    reason,
    reasons: [],
    targets: { detectMs: 5000, recoveryMs: 30000, dataLoss: 0 },
    measured: { detectMs: 800, recoveryMs: 1200, outageMs: 2000, dataLoss: 0, duplicates: 0, alerts: [] },
    controls: ['DORA Art. 11'],
    faults: [`fault of ${id}`],
    steps: [{ stepId: `${id}.fix`, command: 'true', exitCode: 0, timedOut: false, stdout: '', stderr: '', durationMs: 40 }],
    checks: [],
    timeline: [{ t: 0, at: '2026-12-02T08:00:00.000Z', kind: 'scenario.started', detail: {} }],
  };
}

export interface KeyPair {
  readonly privatePem: string;
  readonly publicPem: string;
  readonly signingKey: SigningKey;
}

export function ed25519KeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    privatePem,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signingKey: parseSigningKey(privatePem, 'test key'),
  };
}

/** Returns the report dir (with latest/) and the run dir inside it. */
export async function sealedRun(
  signingKey: SigningKey | null = null,
  results: readonly ScenarioResult[] = scenarioIds.map((id) => madeUpResult(id)),
  secrets: readonly string[] = [],
): Promise<{ reportDir: string; runDir: string }> {
  const reportDir = await testTempDir('bundle');
  const runDir = join(reportDir, 'run-1');
  await mkdir(join(runDir, 'alert-rules', 'redis-outage'), { recursive: true });
  await writeFile(join(runDir, attachment), 'groups:\n  - name: ats\n    rules: []\n');
  const start = {
    runId: 'run-1',
    startedAt: '2026-12-02T08:00:00.000Z',
    harness: { version: '0.1.0', commit: 'abc' },
    runbook: null,
    runtime: 'local' as const,
  };
  const recorder = await createEvidenceRecorder(reportDir, start, signingKey);
  for (const result of results) await recorder.add(result, secrets);
  await recorder.finish();
  return { reportDir, runDir };
}
