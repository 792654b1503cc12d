/**
 * What changed between two versions of a runbook: steps by id (and runtime
 * variant) — added, removed, or with a different command or attributes — and
 * sections whose text changed. verify-runbook runs the scenarios bound to the
 * changed steps.
 */
import type { ParsedStep, Runbook, RunbookSection } from './runbook.ts';

export interface RunbookDiff {
  readonly addedSteps: readonly string[];
  readonly removedSteps: readonly string[];
  readonly changedSteps: readonly string[];
  readonly changedSections: readonly string[];
}

export function diffRunbooks(base: Runbook | undefined, head: Runbook): RunbookDiff {
  const before = new Map((base?.steps ?? []).map((step) => [variantKey(step), step]));
  const after = new Map(head.steps.map((step) => [variantKey(step), step]));
  const ids = (keys: string[]) => [...new Set(keys.map((key) => key.split('@')[0]!))].sort();
  return {
    addedSteps: ids([...after.keys()].filter((key) => !before.has(key))),
    removedSteps: ids([...before.keys()].filter((key) => !after.has(key))),
    changedSteps: ids([...after.keys()].filter((key) => before.has(key) && fingerprint(before.get(key)!) !== fingerprint(after.get(key)!))),
    changedSections: changedSections(base, head),
  };
}

export function isUnchanged(diff: RunbookDiff): boolean {
  return Object.values(diff).every((list: readonly string[]) => list.length === 0);
}

function variantKey(step: ParsedStep): string {
  return `${step.id}@${step.runtime ?? ''}`;
}

function fingerprint(step: ParsedStep): string {
  return JSON.stringify([step.code, step.title, step.timeoutMs, step.expect?.exitCode, step.expect?.output?.source]);
}

/** Sections whose own text (up to the next heading, subsections excluded) differs. */
function changedSections(base: Runbook | undefined, head: Runbook): string[] {
  const before = ownTexts(base);
  const after = ownTexts(head);
  const all = new Set([...before.keys(), ...after.keys()]);
  return [...all].filter((id) => before.get(id) !== after.get(id));
}

function ownTexts(runbook: Runbook | undefined): Map<string, string> {
  const sections: readonly RunbookSection[] = runbook?.sections ?? [];
  return new Map(
    sections.map((section, i) => {
      const end = Math.min(section.endLine, (sections[i + 1]?.line ?? Number.POSITIVE_INFINITY) - 1);
      return [section.id, runbook!.lines.slice(section.line - 1, end).join('\n')];
    }),
  );
}
