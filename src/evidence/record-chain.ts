/**
 * The hash chain over evidence.json's scenario records, as the manifest holds
 * it. Each link is the SHA-256 (hex) of the previous link followed by the
 * record's canonical JSON; the first link's "previous" is the run header's
 * hash, the header being every top-level field fixed at the start of the run
 * (all but `finishedAt` and `scenarios`):
 *
 *   header = sha256(canonical(header fields))
 *   link 1 = sha256(header ‖ canonical(record 1))
 *   link k = sha256(link k-1 ‖ canonical(record k))
 *
 * So an edited, deleted, added or reordered record changes its link and every
 * later one: comparing the links in order finds the first position that broke.
 * Computed from evidence.json as read back from disk (redacted, parsed), the
 * same way when sealing and when verifying.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export interface ChainLink {
  /** 1-based position of the record in evidence.json's `scenarios`. */
  readonly position: number;
  /** The record's scenario id, to name it when the chain breaks there. */
  readonly id: string;
  readonly hash: string;
}

export interface RecordChain {
  readonly header: string;
  readonly records: readonly ChainLink[];
}

/** The top-level fields the header hash covers: everything but these. */
const notInHeader = new Set(['finishedAt', 'scenarios']);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The chain of a parsed evidence document; throws when it has no `scenarios` array. */
export function recordChain(evidence: Readonly<Record<string, unknown>>): RecordChain {
  const { scenarios } = evidence;
  if (!Array.isArray(scenarios)) throw new Error('evidence has no "scenarios" array');
  const header = sha256(canonicalJson(Object.fromEntries(Object.entries(evidence).filter(([key]) => !notInHeader.has(key)))));
  let previous = header;
  const records = scenarios.map((record: unknown, index) => {
    previous = sha256(previous + canonicalJson(record));
    return { position: index + 1, id: scenarioId(record), hash: previous };
  });
  return { header, records };
}

function scenarioId(record: unknown): string {
  const id = record !== null && typeof record === 'object' ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '(no id)';
}
