import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommandLog } from '../../src/gameday/command-log.ts';
import { createGameDayFiles, type GameDayFiles } from '../../src/gameday/game-day-files.ts';
import { operatorRc } from '../../src/gameday/shell-rc.ts';
import { writeStatus } from '../../src/gameday/status-line.ts';

// The operator shell's rc file in a real bash, forced interactive (-i) with the
// keystrokes on stdin: what it records, and the status line it prints between commands.
let dir: string;
let files: GameDayFiles;
let shell: { status: number | null; stdout: string; stderr: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-gameday-rc-'));
  files = await createGameDayFiles(dir, ['/bin/echo', 'firedrill-called']);
  await writeFile(files.rc, operatorRc(files));
  const now = Date.now();
  await writeStatus(files.status, {
    pageAtMs: now - 65_000,
    limitAtMs: now + 100_500,
    down: ['redis answers PING (refused)'],
    firing: ['RedisDown'],
  });
  const typed = [
    'echo hi | tr h H',
    '',
    'false',
    'for i in 1 2; do',
    'echo "n$i"',
    'done',
    '# only a comment',
    'firedrill note x',
    'exit 3',
    '',
  ];
  const child = spawnSync('bash', ['--rcfile', files.rc, '-i'], {
    input: typed.join('\n'),
    cwd: dir,
    env: { PATH: `${files.bin}:/usr/bin:/bin`, HOME: dir, TERM: 'dumb' },
    encoding: 'utf8',
    timeout: 10_000,
  });
  shell = { status: child.status, stdout: child.stdout, stderr: child.stderr };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the operator shell', () => {
  it('records each command line that ran, once, with its exit status, a compound one as one line', async () => {
    expect(shell.status).toBe(3);
    const commands = await readCommandLog(files.commandLog);
    expect(commands.map((c) => [c.command, c.exitStatus ?? null])).toEqual([
      ['echo hi | tr h H', 0],
      ['false', 1],
      ['for i in 1 2; do echo "n$i"; done', 0],
      ['firedrill note x', 0],
      // The shell ended under it: started, never finished.
      ['exit 3', null],
    ]);
    for (const c of commands) expect(c.startedAtMs).toBeGreaterThan(Date.now() - 60_000);
    const [first] = commands;
    expect(first!.endedAtMs! - first!.startedAtMs).toBeGreaterThanOrEqual(0);
    expect(commands.map((c) => c.startedAtMs)).toEqual([...commands.map((c) => c.startedAtMs)].sort((a, b) => a - b));
  });

  it('prints the status line between commands, with the time since the page and the time left', () => {
    expect(shell.stdout).toContain('Hi\n');
    const lines = shell.stdout.split('\n').filter((l) => l.startsWith('[firedrill'));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines[0]).toMatch(
      /^\[firedrill \+01:0[5-9] since the page, 01:(3\d|4[01]) left\] firing: RedisDown \| down: redis answers PING \(refused\)$/,
    );
  });

  it('has firedrill on its PATH and keeps its history in the game day directory', async () => {
    expect(shell.stdout).toContain('firedrill-called note x');
    expect(await readFile(files.history, 'utf8')).toContain('echo hi | tr h H');
  });
});
