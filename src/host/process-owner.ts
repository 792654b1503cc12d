/**
 * The owner of a sandbox or a container is the harness process that made it, written as
 * `<pid>:<start ticks>`: a pid can be reused, the start time in /proc tells
 * the same process from a new one. A container whose owner is gone belongs to
 * a run that died (SIGKILL) and is reaped by the next one.
 */
import { readFileSync } from 'node:fs';

export function processStartTicks(pid: number): string {
  let stat = '';
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
  // Field 22 (starttime) comes after the parenthesised command name, which may hold spaces.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/** This process, as an owner label value. */
export function currentOwner(): string {
  return ownerOf(process.pid);
}

/** Process `pid`, as an owner label value. */
export function ownerOf(pid: number): string {
  return `${pid}:${processStartTicks(pid)}`;
}

/** False when the owning process has exited (or the label is malformed). */
export function ownerIsAlive(owner: string): boolean {
  const [pid, ticks] = owner.split(':');
  const pidNumber = Number(pid);
  if (!Number.isInteger(pidNumber) || pidNumber <= 0 || !ticks) return false;
  return processStartTicks(pidNumber) === ticks;
}
