import { describe, expect, it } from 'vitest';
import { parseCommandLog } from '../../src/gameday/command-log.ts';
import { gameDayRecord, type HumanFacts } from '../../src/gameday/game-day-record.ts';
import { asGameDay } from '../../src/gameday/game-day-scenario.ts';
import { gameDayTerminal } from '../../src/gameday/game-day-terminal.ts';
import { statusText } from '../../src/gameday/status-line.ts';
import { redact } from '../../src/evidence/redact.ts';
import redisOutage from '../../scenarios/redis-outage.ts';

const fault = Date.parse('2026-12-01T10:00:00.000Z');
const log = (...records: string[]) => records.map((r) => `${r}\0`).join('');

describe('the command log', () => {
  it('pairs starts and ends by history number; an end without a start ran nothing; a start without an end was cut off', () => {
    const commands = parseCommandLog(
      log(
        'S\t1796200000.100000\t1\tls -l',
        'E\t1796200000.350000\t1\t0',
        'E\t1796200001.000000\t2\t0',
        'S\t1796200002.000000\t3\tsleep\t9',
      ),
    );
    expect(commands).toEqual([
      { n: 1, command: 'ls -l', startedAtMs: 1796200000100, endedAtMs: 1796200000350, exitStatus: 0 },
      { n: 3, command: 'sleep\t9', startedAtMs: 1796200002000 },
    ]);
  });
});

describe('the game day record', () => {
  const facts: HumanFacts = {
    roles: { operator: 'alice', observer: 'bob' },
    ended: 'recovered',
    timeLimitMs: 300_000,
    runbookTargets: { recoveryMs: 30_000 },
    faultAtMs: fault,
    shellOpenedAtMs: fault + 12_000,
    shellClosedAtMs: fault + 61_000,
    recoveredMs: 60_000,
    page: [],
    commands: [
      {
        n: 1,
        command: 'psql "postgres://ats:s3cret-pw@127.0.0.1/ats"',
        startedAtMs: fault + 20_500,
        endedAtMs: fault + 21_000,
        exitStatus: 2,
      },
    ],
    notes: [{ at: '2026-12-01T10:00:30.000Z', by: 'bob', text: 'alice typed s3cret-pw' }],
    hints: { enabled: false, all: [], revealed: [] },
    redact: (text) => redact(text, ['s3cret-pw']),
  };

  it('times everything from the fault and redacts what was typed and noted', () => {
    const record = gameDayRecord(facts);
    expect(record).toMatchObject({ shellOpenedMs: 12_000, shellClosedMs: 61_000, recoveredMs: 60_000, page: null });
    expect(record.commands).toEqual([
      {
        n: 1,
        command: 'psql "postgres://ats:[REDACTED]@127.0.0.1/ats"',
        at: '2026-12-01T10:00:20.500Z',
        sinceFaultMs: 20_500,
        exitStatus: 2,
        durationMs: 500,
      },
    ]);
    expect(record.notes).toEqual([{ at: '2026-12-01T10:00:30.000Z', sinceFaultMs: 30_000, by: 'bob', text: 'alice typed [REDACTED]' }]);
  });
});

describe('a game day judges recovery against its time limit', () => {
  it("replaces the recovery target, keeps the system's", () => {
    const scenario = asGameDay(redisOutage, 300_000);
    expect(scenario.targets).toEqual({ ...redisOutage.targets, recoveryMs: 300_000 });
    expect(redisOutage.targets.recoveryMs).toBe(30_000);
  });
});

describe('the status line', () => {
  it('says what fires, the hint, then what is down (the long part, cut at the width)', () => {
    expect(statusText({ pageAtMs: 0, limitAtMs: 0, down: ['a (503)'], firing: ['RedisDown'], hint: 'hint 1: x' })).toBe(
      'firing: RedisDown | hint 1: x | down: a (503)',
    );
    expect(statusText({ pageAtMs: 0, limitAtMs: 0, down: [], firing: null })).toBe(
      'firing: (Prometheus not answering) | down: nothing, holding',
    );
  });
});

describe("the game day's terminal", () => {
  const event = (kind: string, detail: Record<string, unknown> = {}) => ({ t: 1000, at: '', kind, detail });

  it('never names the fault before the shell, prints nothing during it, and everything at the debrief', () => {
    const written: string[] = [];
    const terminal = gameDayTerminal((text) => written.push(text));
    terminal.say('[1/1] redis-outage: Redis is killed while orders flow');
    terminal.say('  provisioned in 9000 ms');
    expect(terminal.eventLine(event('fault.injected', { description: 'SIGKILL redis' }))).not.toMatch(/redis/i);
    expect(terminal.eventLine(event('fault.injected', { description: 'SIGKILL redis' }))).toBeUndefined();
    expect(terminal.eventLine(event('alert.firing', { alert: 'RedisDown' }))).toBeUndefined();
    terminal.handOver();
    terminal.say('a line while the operator types');
    expect(terminal.eventLine(event('steady-state.held'))).toBeUndefined();
    terminal.takeBack();
    terminal.say('after');
    expect(terminal.eventLine(event('fault.reverted', { description: 'SIGKILL redis' }))).toContain('fault reverted: SIGKILL redis');
    terminal.hungUp();
    terminal.say('to a closed terminal');
    terminal.brief(['neither']);
    expect(written).toEqual(['  provisioned in 9000 ms\n', 'after\n']);
  });
});
