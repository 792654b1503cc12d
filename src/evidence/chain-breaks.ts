/**
 * What differs between the chain a manifest recorded and the one recomputed
 * from evidence.json: the first position where the links part (every later
 * link differs too, so only the first is named), then every scenario the
 * manifest has that evidence.json lacks and the reverse.
 */
import type { ChainLink, RecordChain } from './record-chain.ts';

export function chainBreaks(sealed: RecordChain, actual: RecordChain): string[] {
  const first =
    sealed.header !== actual.header
      ? 'chain breaks at the run header (runId, startedAt, harness, config, runbook, alertRules, runtime): it differs from the one the manifest hashed (edited)'
      : firstRecordBreak(sealed.records, actual.records);
  return first ? [first, ...unmatched(sealed.records, actual.records)] : [];
}

function firstRecordBreak(sealed: readonly ChainLink[], actual: readonly ChainLink[]): string | undefined {
  const position = Array.from({ length: Math.max(sealed.length, actual.length) }, (_, i) => i).find(
    (i) => sealed[i]?.hash !== actual[i]?.hash,
  );
  if (position === undefined) return undefined;
  const [was, now] = [sealed[position], actual[position]];
  const at = `chain breaks at record ${position + 1}`;
  if (!now) return `${at}: the manifest has scenario "${was!.id}" there, evidence.json ends after ${actual.length} record(s) (deleted)`;
  if (!was) return `${at}: evidence.json has scenario "${now.id}" there, past the manifest's ${sealed.length} record(s) (added)`;
  if (was.id === now.id) return `${at} (scenario "${now.id}"): the record differs from the one the manifest hashed there (edited)`;
  const elsewhere = sealed.findIndex((link) => link.id === now.id);
  const where = elsewhere >= 0 ? `, which the manifest has at record ${elsewhere + 1}` : '';
  return `${at}: evidence.json has scenario "${now.id}" there${where}, the manifest "${was.id}" (reordered, deleted or added)`;
}

/** Scenario ids on one side only, counted (a suite may run an id twice), each with its position. */
function unmatched(sealed: readonly ChainLink[], actual: readonly ChainLink[]): string[] {
  const missing = leftOver(sealed, actual).map(
    (l) => `scenario "${l.id}" (record ${l.position} in the manifest) is missing from evidence.json`,
  );
  const added = leftOver(actual, sealed).map((l) => `scenario "${l.id}" (record ${l.position} of evidence.json) is not in the manifest`);
  return [...missing, ...added];
}

function leftOver(from: readonly ChainLink[], against: readonly ChainLink[]): ChainLink[] {
  const available = new Map<string, number>();
  for (const { id } of against) available.set(id, (available.get(id) ?? 0) + 1);
  return from.filter(({ id }) => {
    const count = available.get(id) ?? 0;
    available.set(id, count - 1);
    return count <= 0;
  });
}
