export const redactedMark = '[REDACTED]';

/** Replaces every occurrence of each secret. Secrets shorter than 4 characters are ignored (they would shred the text). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(redactedMark);
  return out;
}
