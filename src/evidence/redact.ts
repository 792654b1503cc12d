/**
 * The one redaction of everything that goes into evidence: every occurrence
 * of each known secret (the environment's generated passwords, the values of
 * its secret-named variables), then whatever looks like a secret by pattern
 * (secret-patterns.ts). Redact whole texts before cutting them: a secret
 * straddling a cut would otherwise survive in part.
 */
import { secretPatterns } from './secret-patterns.ts';

export const redactedMark = '[REDACTED]';

/** Secrets shorter than 4 characters are ignored as values (they would shred the text); patterns still apply. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret.length >= 4) out = out.split(secret).join(redactedMark);
  for (const { pattern, replace } of secretPatterns)
    out = out.replace(pattern, (_match, ...groups: unknown[]) => replace(redactedMark, ...(groups as string[])));
  return out;
}

/** A copy of `value` with every string in it (at any depth) redacted; numbers, booleans and keys stay. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)])) as T;
  }
  return value;
}
