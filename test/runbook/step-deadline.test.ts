import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executeStep, stepGraceMs } from '../../src/runbook/execute-step.ts';
import { endLeftRunning } from '../../src/runbook/step-process.ts';
import type { RunbookStep } from '../../src/runbook/step.ts';

// A step's timeout holds for everything the step started: its process group is
// ended whole (SIGTERM, then SIGKILL after the grace), and the pipes a
// background child keeps open do not hold the step. Tolerance on each deadline:
// 3 s for process start and /proc polling on a 2-core machine shared with other jobs.
const toleranceMs = 3_000;
const execution = { variables: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, secrets: [], cwd: '/tmp' };
const step = (run: string, timeoutMs: number): RunbookStep => ({ id: 'test.step', title: 'test step', run, timeoutMs });

/** Running, not a zombie waiting for its new parent to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const pidIn = (stdout: string) => Number(/pid=(\d+)/.exec(stdout)?.[1]);

describe('a step that does not end by itself', () => {
  it('a server left in the foreground is ended at the timeout, with everything it started', async () => {
    const server = `node -e "require('net').createServer().listen(0, '127.0.0.1'); console.log('pid=' + process.pid)"`;
    const transcript = await executeStep(step(server, 1_000), execution);
    expect(transcript.timedOut).toBe(true);
    expect(transcript.exitCode).toBeNull();
    expect(transcript.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(transcript.durationMs).toBeLessThan(1_000 + stepGraceMs + toleranceMs);
    const pid = pidIn(transcript.stdout);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
    expect(transcript.leftRunning).toBeUndefined();
  });

  it('a child that ignores SIGTERM is killed after the grace period', async () => {
    const transcript = await executeStep(step(`trap '' TERM\nsleep 600 &\necho "pid=$!"\nwait`, 500), execution);
    expect(transcript.timedOut).toBe(true);
    expect(transcript.durationMs).toBeGreaterThanOrEqual(500 + stepGraceMs);
    expect(transcript.durationMs).toBeLessThan(500 + stepGraceMs + toleranceMs);
    expect(alive(pidIn(transcript.stdout))).toBe(false);
  });

  it('a background child holding the output pipes does not hold the step; it is named, and ended on request', async () => {
    const transcript = await executeStep(step(`sleep 600 &\necho "pid=$!"`, 10_000), execution);
    expect(transcript.timedOut).toBe(false);
    expect(transcript.exitCode).toBe(0);
    expect(transcript.durationMs).toBeLessThan(toleranceMs);
    const pid = pidIn(transcript.stdout);
    expect(transcript.leftRunning).toEqual([expect.objectContaining({ pid, command: 'sleep 600' })]);
    expect(alive(pid)).toBe(true);
    await endLeftRunning(transcript.leftRunning ?? []);
    expect(alive(pid)).toBe(false);
  });

  it('a step whose shell exited before its timeout did not time out, though its timeout fell due while its output drained', async () => {
    // The shell exits at once; the background child keeps the pipes open, so the harness drains them (up to 500 ms),
    // and the 200 ms timeout falls due meanwhile: the step still ended in time, and nothing of its group is signalled.
    const transcript = await executeStep(step(`sleep 600 &\necho "pid=$!"`, 200), execution);
    expect(transcript.timedOut).toBe(false);
    expect(transcript.exitCode).toBe(0);
    const pid = pidIn(transcript.stdout);
    expect(alive(pid)).toBe(true);
    await endLeftRunning(transcript.leftRunning ?? []);
  });

  it('ends nothing whose pid now names another process', async () => {
    const transcript = await executeStep(step(`sleep 600 &\necho "pid=$!"`, 10_000), execution);
    const [left] = transcript.leftRunning ?? [];
    expect(left).toBeDefined();
    await endLeftRunning([{ ...left!, startTicks: left!.startTicks + 1 }], 100);
    expect(alive(left!.pid)).toBe(true);
    await endLeftRunning([left!]);
    expect(alive(left!.pid)).toBe(false);
  });
});
