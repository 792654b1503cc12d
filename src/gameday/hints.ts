/**
 * `--hint`: the runbook, revealed a level at a time, by `firedrill hint` (the
 * operator asks) or by the watcher when an interval passes without recovery:
 *
 *   1  the runbook section for what paged (an alert's `runbook_section`
 *      annotation naming a section with the remedy; else the section holding
 *      the scenario's first remediation step)
 *   2  the remediation steps' commands, for this runtime
 *
 * What there is to reveal is written once (hints.json); each reveal is one
 * line appended to the reveal log (hints.jsonl), so the watcher and a
 * `firedrill hint` in another process agree on what is revealed.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { Runbook, RunbookSection } from '../runbook/runbook.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { stepFor } from '../runner/phases/remediate.ts';
import { shownPath } from '../shown-path.ts';
import type { GameDayFiles } from './game-day-files.ts';

export interface Hint {
  readonly level: number;
  /** One line, for the status line. */
  readonly title: string;
  readonly text: string;
}

export interface Reveal {
  readonly level: number;
  readonly at: string;
  readonly how: 'asked' | 'timed';
}

export function hintsFor(scenario: Scenario, runbook: Runbook, runtime: RuntimeName, pagedSections: readonly string[]): Hint[] {
  const section = sectionFor(scenario, runbook, pagedSections);
  const steps = scenario.remediation.map((step) => {
    const { run } = stepFor(step, runtime);
    return `# ${step.id}\n${run.trimEnd()}`;
  });
  const levels = [
    ...(section
      ? [
          {
            title: `runbook section "${section.title}"`,
            text: `Runbook section "${section.title}" (${shownPath(runbook.file)}, line ${section.line})`,
          },
        ]
      : []),
    { title: 'the steps (`firedrill hint` shows them)', text: `The runbook's steps for this:\n\n${steps.join('\n\n')}` },
  ];
  return levels.map((hint, index) => ({ level: index + 1, ...hint }));
}

/**
 * Of the sections the page points at, the first that holds one of the scenario's remediation steps (an alert about a
 * symptom, like the gateway's readiness, points at a general section); else the section of its first step.
 */
function sectionFor(scenario: Scenario, runbook: Runbook, pagedSections: readonly string[]): RunbookSection | undefined {
  const remedies = new Set(scenario.remediation.map((step) => step.id));
  const paged = pagedSections.flatMap((id) => runbook.sections.filter((s) => s.id === id));
  const firstStep = runbook.steps.find((step) => remedies.has(step.id));
  return paged.find((s) => s.steps.some((id) => remedies.has(id))) ?? runbook.sections.find((s) => s.id === firstStep?.section) ?? paged[0];
}

export async function writeHints(files: GameDayFiles, hints: readonly Hint[]): Promise<void> {
  await writeFile(files.hints, `${JSON.stringify(hints, null, 2)}\n`);
}

export async function readHints(files: GameDayFiles): Promise<{ hints: Hint[]; revealed: Reveal[] }> {
  const hints = JSON.parse(await readFile(files.hints, 'utf8')) as Hint[];
  const log = await readFile(files.revealed, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const revealed = log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Reveal);
  return { hints, revealed };
}

/** Reveals the next level, unless all are; answers every hint revealed by then. */
export async function revealNext(files: GameDayFiles, how: Reveal['how'], at: Date): Promise<Hint[]> {
  const { hints, revealed } = await readHints(files);
  const shown = new Set(revealed.map((r) => r.level));
  const next = hints.find((hint) => !shown.has(hint.level));
  if (next) {
    await appendFile(files.revealed, `${JSON.stringify({ level: next.level, at: at.toISOString(), how } satisfies Reveal)}\n`);
    shown.add(next.level);
  }
  return hints.filter((hint) => shown.has(hint.level));
}
