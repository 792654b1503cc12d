/**
 * An error's message with its causes after it, innermost last, as the
 * project's other messages give a cause: `fetch failed (connect ECONNREFUSED
 * 127.0.0.1:8080)`, `a (b: c)`. Node's fetch says only "fetch failed" and
 * keeps the reason in `cause`; a report that drops it tells the operator
 * nothing. A cause that repeats the message adds nothing and is
 * left out; the chain is cut at 5 (a cycle would never end).
 */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const text = current instanceof Error ? current.message || current.name : String(current);
    if (!parts.some((part) => part.includes(text))) parts.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  const [message, ...causes] = parts;
  return causes.length ? `${message} (${causes.join(': ')})` : (message ?? '');
}
