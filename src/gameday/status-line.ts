/**
 * The status line the operator sees before each prompt (printed by the shell
 * between commands: it never lands inside a command's output or the line
 * being typed). The watcher rewrites the facts; the shell adds the times:
 *
 *   <page epoch s>\n<time limit epoch s>\n<the rest>
 *   → [firedrill +01:23 since the page, 03:37 left] firing: … | hint 1: … | down: …
 */
import { rename, writeFile } from 'node:fs/promises';
import type { Observation } from '../probes/probe.ts';

export interface StatusFacts {
  readonly pageAtMs: number;
  readonly limitAtMs: number;
  /** The recovery probes that do not hold, with what they saw. */
  readonly down: readonly string[];
  /** Alerts firing now, by name; null when Prometheus could not be asked. */
  readonly firing: readonly string[] | null;
  readonly hint?: string;
}

const detailChars = 40;

/** What does not hold among the recovery probes, each `name (what was seen)`. */
export function downFrom(names: readonly string[], seen: readonly Observation[]): string[] {
  return seen.flatMap((o, i) => (o.ok ? [] : [`${names[i]} (${clip(o.detail)})`]));
}

export function statusText(facts: StatusFacts): string {
  const down = facts.down.length === 0 ? 'down: nothing, holding' : `down: ${facts.down.join('; ')}`;
  const firing = facts.firing === null ? 'firing: (Prometheus not answering)' : `firing: ${facts.firing.join(', ') || 'none'}`;
  // What is down last: the line is cut at the terminal's width, and the probes' names and findings are the long part.
  return [firing, ...(facts.hint ? [facts.hint] : []), down].join(' | ');
}

export async function writeStatus(file: string, facts: StatusFacts): Promise<void> {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  await writeFile(`${file}.tmp`, `${seconds(facts.pageAtMs)}\n${seconds(facts.limitAtMs)}\n${statusText(facts).replaceAll('\n', ' ')}\n`);
  await rename(`${file}.tmp`, file);
}

function clip(text: string): string {
  const line = text.replaceAll(/\s+/g, ' ').trim();
  return line.length > detailChars ? `${line.slice(0, detailChars - 1)}…` : line;
}
