import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gameDayFilesIn } from '../../src/gameday/game-day-files.ts';
import { liveFileIn, writeLiveGameDay } from '../../src/gameday/live-game-day.ts';
import { firedrillIn } from '../support/firedrill-child.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-gameday-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A report dir whose game day is "run" by process `pid` (this test's, alive; or one that has ended). */
async function reportDirWithGameDay(name: string, pid: number, hints: boolean): Promise<string> {
  const reportDir = join(dir, name);
  const gameDayDir = join(dir, `${name}-sandbox`);
  await mkdir(reportDir, { recursive: true });
  await mkdir(gameDayDir, { recursive: true });
  await writeLiveGameDay(liveFileIn(reportDir), {
    pid,
    dir: gameDayDir,
    operator: 'alice',
    observer: 'bob',
    hints,
    faultAtMs: Date.now() - 42_000,
  });
  return reportDir;
}

describe('firedrill note and hint', () => {
  it('notes into the running game day, by its observer from another terminal', async () => {
    const reportDir = await reportDirWithGameDay('live', process.pid, false);
    const noted = await firedrillIn(dir, 'note', '--report-dir', reportDir, 'alice', 'restarted', 'redis');
    expect(noted.stderr).toBe('');
    expect(noted.stdout).toMatch(/^noted by bob, 4\d s after the fault$/);
    expect(noted.exitCode).toBe(0);
    const notes = await readFile(gameDayFilesIn(join(dir, 'live-sandbox')).notes, 'utf8');
    expect(JSON.parse(notes)).toEqual({ at: expect.any(String), by: 'bob', text: 'alice restarted redis' });
    const hint = await firedrillIn(dir, 'hint', '--report-dir', reportDir);
    expect(hint.exitCode).toBe(2);
    expect(hint.stderr).toContain('hints are off for this game day (start it with --hint)');
  });

  it('exits 2 naming the file when no game day runs there, or its process has ended', async () => {
    const none = await firedrillIn(dir, 'note', '--report-dir', join(dir, 'nothing'), 'hello');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(
      /no game day is running: .*nothing\/gameday\.json does not exist; start one with `firedrill gameday <scenario>`/,
    );
    const ended = await firedrillIn(dir, 'note', '--report-dir', await reportDirWithGameDay('ended', 2 ** 22 + 1, false), 'hello');
    expect(ended.exitCode).toBe(2);
    expect(ended.stderr).toMatch(/names process 4194305, which has ended/);
  });
});

describe('firedrill gameday', () => {
  it('needs a terminal: exit 2 before anything starts', async () => {
    const reportDir = join(dir, 'no-tty');
    const result = await firedrillIn(dir, 'gameday', 'redis-outage', '--report-dir', reportDir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('firedrill gameday needs a terminal');
    await expect(readdir(reportDir)).rejects.toThrow(/ENOENT/);
  });
});
