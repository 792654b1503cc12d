import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/evidence/evidence.ts';
import { findTaggedProcesses } from '../../src/host/tagged-processes.ts';
import { repoRoot } from '../../src/repo-root.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { defaultRunbookPath } from '../../src/runbook/load-runbook.ts';
import { evidenceProblems } from '../support/evidence-schema.ts';
import { startTmux, type TmuxTerminal } from '../support/tmux-terminal.ts';

// A scripted operator under tmux plays the redis-outage game day: first the wrong
// move (restart the gateway, which pages), then the runbook's own commands, read
// from the runbook as an operator reads them; an observer adds a note from another
// terminal in between. One game day, one environment, both operators' moves.
const main = join(repoRoot, 'src', 'cli', 'main.ts');
const cli = promisify(execFile);
const bareprompt = /^oncall:\S*[#$] ?$/;
const lastLine = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
const prompts = (screen: string) => screen.split('\n').filter((line) => /^oncall:\S*[#$] /.test(line)).length;

let dir: string;
let reportDir: string;
let terminal: TmuxTerminal;
let briefing: string;
let statusBeforeWrongMove: string;
let statusAfterWrongMove: string;
let noteOutput: string;
let evidence: Evidence;
let pane: string;
const wrongMove = 'pm2 restart order-gateway';
const waitedAfterWrongMs = 4_000;

/** Types a command and waits for the next bare prompt. */
async function run(command: string): Promise<void> {
  const before = prompts(await terminal.screen(2_000));
  await terminal.type(command);
  await terminal.waitFor(`the prompt after "${command}"`, (s) => prompts(s) > before && bareprompt.test(lastLine(s)), 30_000);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-gameday-'));
  reportDir = join(dir, 'reports');
  const command = [process.execPath, main, 'gameday', 'redis-outage', '--runtime', 'local', '--report-dir', reportDir]
    .concat(['--operator', 'alice', '--observer', 'bob', '--time-limit', '3m'])
    .map((part) => `'${part}'`)
    .join(' ');
  terminal = await startTmux(`firedrill-gameday-${process.pid}`, `${command}; echo GAMEDAY-EXIT=$?; sleep 600`, { cwd: repoRoot });
  briefing = await terminal.waitFor('the operator prompt', (s) => bareprompt.test(lastLine(s)), 150_000);
  // The watcher rewrites the status once a second: the line printed after this Enter is its, not the page's.
  await sleep(1_500);
  await run('');
  statusBeforeWrongMove = await terminal.screen(2_000);
  await run(wrongMove);
  const note = await cli(process.execPath, [main, 'note', '--report-dir', reportDir, 'alice restarted the gateway first; still 503'], {
    cwd: repoRoot,
  });
  noteOutput = note.stdout;
  await sleep(waitedAfterWrongMs);
  await terminal.enter();
  statusAfterWrongMove = await terminal.waitFor('a fresh status line', (s) => bareprompt.test(lastLine(s)), 10_000);
  const runbook = await readRunbook(defaultRunbookPath);
  const restart = runbook.steps.find((step) => step.id === 'redis.restart' && step.runtime === undefined)!;
  // Pasted, as an operator pastes a runbook block: every line reaches the shell at once. Typed a line per tmux call, a
  // loaded machine took seconds over them, and the game day (which ends when service is back) ended before the last ran.
  await terminal.typeLines(restart.code.trimEnd().split('\n'));
  pane = await terminal.waitFor('the game day ending', (s) => s.includes('GAMEDAY-EXIT='), 150_000);
  evidence = JSON.parse(await readFile(join(reportDir, 'latest', 'evidence.json'), 'utf8'));
}, 400_000);

afterAll(async () => {
  await terminal?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

describe('firedrill gameday redis-outage, played under tmux', () => {
  it('pages the operator without naming the fault, and hands over a shell in the sandbox', () => {
    expect(briefing).toMatch(/PAGE to pagerduty \S+ at /);
    expect(briefing).toMatch(/FIRING RedisDown .*: Redis is down/);
    expect(briefing).toContain("The runbook's health check (health.check) exited 1");
    expect(briefing).not.toMatch(/redis-outage|Redis is killed|SIGKILL/);
  });

  it('shows what is down and what fires between commands, and takes a note from another terminal', () => {
    const statusLine = (screen: string) =>
      screen
        .split('\n')
        .filter((line) => line.startsWith('[firedrill +'))
        .at(-1);
    expect(statusLine(statusBeforeWrongMove)).toMatch(
      /^\[firedrill \+\d\d:\d\d since the page, \d\d:\d\d left\] firing: GatewayNotReady, RedisDown \| down: order-gateway \/readyz/,
    );
    // Restarting the gateway resets its metrics: its alerts may resolve for a while, and the line says what fires then.
    expect(statusLine(statusAfterWrongMove)).toMatch(
      /^\[firedrill \+\d\d:\d\d since the page, \d\d:\d\d left\] firing: [^|]+ \| down: order-gateway \/readyz/,
    );
    expect(noteOutput).toMatch(/^noted by bob, \d+ s after the fault/);
  });

  it('ends by itself once service is back: passed, the shell closed, nothing left running', async () => {
    expect(pane).toContain('the clock stopped');
    expect(pane).toContain('GAMEDAY-EXIT=0');
    expect(evidenceProblems(evidence)).toEqual([]);
    const [result] = evidence.scenarios;
    expect(result?.reasons).toEqual([]);
    expect(result?.verdict).toBe('passed');
    expect(result?.gameDay).toMatchObject({ roles: { operator: 'alice', observer: 'bob' }, ended: 'recovered', timeLimitMs: 180_000 });
    expect(result?.measured.outageMs).toBe(result?.gameDay?.recoveredMs);
    expect(await findTaggedProcesses(result!.environment!)).toEqual([]);
  });

  it('records the human timeline: every command typed with its time, and the note', () => {
    const gameDay = evidence.scenarios[0]!.gameDay!;
    const typed = gameDay.commands.map((c) => c.command);
    expect(typed[0]).toBe(wrongMove);
    expect(typed.slice(1, 3)).toEqual(['redis-server "$REDIS_CONF"', 'deadline=$((SECONDS + 10))']);
    expect(typed[3]).toMatch(/^until redis-cli -p "\$REDIS_PORT" ping .*; do .*sleep 0\.2; done$/);
    expect(typed[4]).toBe('echo "redis answering on port $REDIS_PORT"');
    expect(gameDay.commands[0]).toMatchObject({ exitStatus: 0 });
    const times = gameDay.commands.map((c) => c.sinceFaultMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(gameDay.notes).toEqual([
      expect.objectContaining({ by: 'bob', text: 'alice restarted the gateway first; still 503', sinceFaultMs: expect.any(Number) }),
    ]);
    expect(gameDay.notes[0]!.sinceFaultMs).toBeGreaterThan(times[0]!);
    const kinds = evidence.scenarios[0]!.timeline.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'operator.command')).toHaveLength(gameDay.commands.length);
    expect(kinds).toContain('gameday.note');
  });

  it("did not stop the clock at the wrong command: recovery came after the runbook's restart", () => {
    const gameDay = evidence.scenarios[0]!.gameDay!;
    const [wrong, restart] = gameDay.commands;
    // The wrong move finished, and the probes were still failing for the seconds the test waited after it.
    expect(gameDay.recoveredMs!).toBeGreaterThan(wrong!.sinceFaultMs + wrong!.durationMs! + waitedAfterWrongMs);
    // Tolerance 50 ms: the command's time is bash's wall clock, the recovery the harness's monotonic one.
    expect(gameDay.recoveredMs!).toBeGreaterThanOrEqual(restart!.sinceFaultMs - 50);
    expect(gameDay.recoveredMs!).toBeLessThan(restart!.sinceFaultMs + 15_000);
  });
});
