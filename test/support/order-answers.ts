/**
 * What the gateway answers to new orders, sampled on the wire: status, the
 * error it gives, and how long it took. For "what does the gateway do while
 * its database is unusable" (503 within its deadline, or a hang).
 */
import { randomUUID } from 'node:crypto';

export interface OrderAnswer {
  /** Monotonic ms when the request was sent. */
  readonly sentAt: number;
  readonly latencyMs: number;
  /** `202`, `503 postgres unavailable: …`, or `no answer: …`. */
  readonly answer: string;
}

export interface OrderAnswerSampler {
  stop(): Promise<OrderAnswer[]>;
}

export function sampleOrderAnswers(gatewayUrl: string, intervalMs: number, timeoutMs: number): OrderAnswerSampler {
  const answers: Promise<OrderAnswer>[] = [];
  const send = async (): Promise<OrderAnswer> => {
    const sentAt = performance.now();
    const order = { symbol: 'BTC-USD', side: 'buy', qty: 1, price: 100, clientOrderId: randomUUID() };
    try {
      const response = await fetch(`${gatewayUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(order),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      return { sentAt, latencyMs: performance.now() - sentAt, answer: `${response.status}${body.error ? ` ${body.error}` : ''}` };
    } catch (error) {
      return { sentAt, latencyMs: performance.now() - sentAt, answer: `no answer: ${(error as Error).message}` };
    }
  };
  const timer = setInterval(() => answers.push(send()), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      return Promise.all(answers);
    },
  };
}

/** `503 postgres unavailable: timeout exceeded when trying to connect: 23 (1.9–2.0 s)` per distinct answer, most frequent first. */
export function summarizeAnswers(answers: readonly OrderAnswer[]): string[] {
  const groups = new Map<string, number[]>();
  for (const a of answers) groups.set(a.answer, [...(groups.get(a.answer) ?? []), a.latencyMs]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([answer, ms]) => `${answer}: ${ms.length} (${(Math.min(...ms) / 1000).toFixed(1)}–${(Math.max(...ms) / 1000).toFixed(1)} s)`);
}
