/**
 * Runs one runbook step's shell in a process group of its own, so that its
 * deadline holds for everything it started:
 *
 *   spawn (new session) ──exit──> pipes closed? ──no, after drainMs──> destroy them
 *        │ timeoutMs                                        │
 *        └─> SIGTERM the group ─graceMs─> SIGKILL the group  └─> group members still alive: leftRunning
 *
 * A foreground server, a child that ignores SIGTERM, or a background child
 * holding the output pipes cannot keep the step past timeoutMs + graceMs.
 * What the step left running in its group is returned, for the evidence and
 * for endLeftRunning() at the scenario's end.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StepProcessOptions {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly timeoutMs: number;
  /** Between SIGTERM and SIGKILL of the group. */
  readonly graceMs: number;
  /** How long output may still arrive after the shell exited, before the pipes are closed. */
  readonly drainMs?: number;
  readonly signal?: AbortSignal;
}

export interface LeftProcess {
  readonly pid: number;
  readonly command: string;
  /** The process's start time (clock ticks since boot), so a reused pid is never taken for it. */
  readonly startTicks: number;
}

export interface StepProcessResult {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly leftRunning: readonly LeftProcess[];
}

export async function runStepProcess(script: string, options: StepProcessOptions): Promise<StepProcessResult> {
  const child = spawn('bash', ['-c', script], { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const group = child.pid;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  let timedOut = false;
  const stop = (reason: 'timeout' | 'abort') => {
    if (reason === 'timeout') timedOut = true;
    if (group !== undefined) void endGroup(group, options.graceMs);
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const onAbort = () => stop('abort');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exitCode = await exited;
    clearTimeout(timer); // ended in time: the drain below is the harness's, not the step's
    await Promise.race([closed, sleep(options.drainMs ?? 500)]);
    child.stdout.destroy();
    child.stderr.destroy();
    if (timedOut && group !== undefined) await endGroup(group, options.graceMs);
    const leftRunning = group === undefined ? [] : await groupMembers(group);
    return { exitCode, timedOut, stdout: text(stdout), stderr: text(stderr), leftRunning };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The output as text, without its final newline (as a shell's `$(…)` reads it). */
function text(chunks: Buffer[]): string {
  return Buffer.concat(chunks)
    .toString()
    .replace(/\r?\n$/, '');
}

/** Ends what a step left running: SIGTERM, then SIGKILL after graceMs; a pid that now names another process is left alone. */
export async function endLeftRunning(left: readonly LeftProcess[], graceMs = 2000): Promise<void> {
  const same = async (p: LeftProcess) => {
    const stat = await statOf(p.pid);
    return stat !== undefined && stat.state !== 'Z' && stat.startTicks === p.startTicks;
  };
  const alive = async () => (await Promise.all(left.map(async (p) => ((await same(p)) ? [p] : [])))).flat();
  for (const p of await alive()) signalProcess(p.pid, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while ((await alive()).length > 0 && performance.now() < deadline) await sleep(50);
  for (const p of await alive()) signalProcess(p.pid, 'SIGKILL');
}

/** SIGTERM the group, then SIGKILL it when members remain after graceMs. */
async function endGroup(group: number, graceMs: number): Promise<void> {
  signalGroup(group, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while ((await groupMembers(group)).length > 0 && performance.now() < deadline) await sleep(50);
  signalGroup(group, 'SIGKILL');
  while ((await groupMembers(group)).length > 0 && performance.now() < deadline + 1000) await sleep(20);
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  signalProcess(-group, signal);
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

/** Live (not zombie) processes of a process group, from /proc. */
async function groupMembers(group: number): Promise<LeftProcess[]> {
  const members: LeftProcess[] = [];
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = await statOf(pid);
    if (stat === undefined || stat.state === 'Z' || stat.group !== group) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    members.push({ pid, command: cmdline.split('\0').filter(Boolean).join(' '), startTicks: stat.startTicks });
  }
  return members;
}

/** Fields of /proc/PID/stat (after the parenthesised command, which may hold spaces): state, process group, start time. */
async function statOf(pid: number): Promise<{ state: string; group: number; startTicks: number } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', group: Number(fields[2]), startTicks: Number(fields[19]) };
}
