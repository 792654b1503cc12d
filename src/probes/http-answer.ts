/**
 * One HTTP GET with a deadline, telling apart the two ways a probe can see
 * "not 200": the system answered (503, with its reason in the body), or it
 * did not answer within the probe's timeout (or refused the connection) —
 * the probe gave up, and the system reported nothing.
 */
import { timeoutAfterPendingIo } from '../clock/after-pending-io.ts';

export type HttpAnswer =
  | { readonly answered: true; readonly status: number; readonly body: string; readonly elapsedMs: number }
  | {
      readonly answered: false;
      readonly reason: string;
      readonly elapsedMs: number;
      /** True when the probe's timeout ran out with the request unanswered; false when it was refused or cut (nothing listens, a reset). */
      readonly timedOut: boolean;
    };

/** What a detail quotes of a body; the whole body (up to a bound) stays in the answer for parsing. */
const quoteBodyChars = 300;
const keepBodyChars = 65_536;

export async function httpAnswer(url: string, timeoutMs: number): Promise<HttpAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, { signal: timeoutAfterPendingIo(timeoutMs) });
    const body = (await response.text()).slice(0, keepBodyChars);
    return { answered: true, status: response.status, body, elapsedMs: elapsed() };
  } catch (error) {
    const err = error as Error;
    const timedOut = err.name === 'TimeoutError';
    const reason = timedOut ? `no answer within the probe's ${timeoutMs} ms timeout` : `no answer: ${err.cause ?? err.message}`;
    return { answered: false, reason, elapsedMs: elapsed(), timedOut };
  }
}

/** `/readyz answered 503 in 1502 ms (probe timeout 3000 ms): {…}` or `/readyz: no answer within the probe's 3000 ms timeout`. */
export function describeAnswer(path: string, answer: HttpAnswer, timeoutMs: number): string {
  if (!answer.answered) return `${path}: ${answer.reason}`;
  return `${path} answered ${answer.status} in ${answer.elapsedMs} ms (probe timeout ${timeoutMs} ms): ${answer.body.slice(0, quoteBodyChars)}`;
}
