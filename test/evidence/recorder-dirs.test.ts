import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvidenceRecorder } from '../../src/evidence/recorder.ts';

const start = (runId: string) => ({
  runId,
  startedAt: new Date().toISOString(),
  harness: { version: '0.1.0', commit: 'abc' },
  runbook: null,
  runtime: 'local' as const,
});

describe('evidence recorder directories', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a report dir that does not exist yet, parents included', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-evidence-'));
    const recorder = await createEvidenceRecorder(join(dir, 'reports', 'nightly'), start('run-1'));
    expect(recorder.dir).toBe(join(dir, 'reports', 'nightly', 'run-1'));
    expect(JSON.parse(await readFile(join(recorder.dir, 'evidence.json'), 'utf8'))).toMatchObject({ runId: 'run-1', scenarios: [] });
  });

  it("replaces latest/ with the newest run's files, leaving none of the previous run's", async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-evidence-'));
    const first = await createEvidenceRecorder(dir, start('run-1'));
    await first.finish();
    const second = await createEvidenceRecorder(dir, start('run-2'));
    await second.finish();
    expect(JSON.parse(await readFile(join(dir, 'latest', 'evidence.json'), 'utf8')).runId).toBe('run-2');
    expect((await readdir(join(dir, 'latest'))).sort()).toEqual(['evidence.json', 'manifest.json']);
  });
});
