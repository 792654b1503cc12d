import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import redisOutage from '../../scenarios/redis-outage.ts';
import { createGameDayFiles, type GameDayFiles } from '../../src/gameday/game-day-files.ts';
import { hintsFor, readHints, revealNext, writeHints } from '../../src/gameday/hints.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import type { Runbook } from '../../src/runbook/runbook.ts';

let runbook: Runbook;
let dir: string;
let files: GameDayFiles;
beforeAll(async () => {
  runbook = await readRunbook(defaultRunbookPath);
  dir = await mkdtemp(join(tmpdir(), 'firedrill-hints-'));
  files = await createGameDayFiles(dir, ['true']);
});
afterAll(() => rm(dir, { recursive: true, force: true }));
const scenario = (runtime: 'local' | 'docker' = 'local') => bindToRunbook([redisOutage], runbook, runtime)[0]!;

describe('game-day hints', () => {
  it("first the section the page points at that holds the remedy (not the gateway alert's general one), then the steps", () => {
    const hints = hintsFor(scenario(), runbook, 'local', ['health-check', 'redis-outage']);
    expect(hints.map((h) => [h.level, h.title])).toEqual([
      [1, 'runbook section "Redis outage"'],
      [2, 'the steps (`firedrill hint` shows them)'],
    ]);
    expect(hints[0]!.text).toMatch(/^Runbook section "Redis outage" \(fixtures\/runbook\/RUNBOOK\.md, line \d+\)$/);
    expect(hints[1]!.text).toContain('# redis.restart\nredis-server "$REDIS_CONF"');
    // On docker, the docker variant of the same step.
    expect(hintsFor(scenario('docker'), runbook, 'docker', [])[1]!.text).toContain('docker start "$REDIS_CONTAINER"');
  });

  it("without a page, the section of the scenario's first remediation step", () => {
    expect(hintsFor(scenario(), runbook, 'local', [])[0]!.title).toBe('runbook section "Redis outage"');
  });

  it('reveals one level per ask, in order, recorded, and no further than there are', async () => {
    await writeHints(files, hintsFor(scenario(), runbook, 'local', []));
    expect((await revealNext(files, 'timed', new Date('2026-12-01T10:00:00Z'))).map((h) => h.level)).toEqual([1]);
    expect((await revealNext(files, 'asked', new Date('2026-12-01T10:01:00Z'))).map((h) => h.level)).toEqual([1, 2]);
    expect((await revealNext(files, 'asked', new Date('2026-12-01T10:02:00Z'))).map((h) => h.level)).toEqual([1, 2]);
    expect((await readHints(files)).revealed).toEqual([
      { level: 1, at: '2026-12-01T10:00:00.000Z', how: 'timed' },
      { level: 2, at: '2026-12-01T10:01:00.000Z', how: 'asked' },
    ]);
  });
});
