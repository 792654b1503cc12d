import { waitUntil } from '../clock/wait-until.ts';

/** One GET: true when `url` answers 2xx; throws saying what it answered otherwise. */
export async function answersOk(url: string): Promise<true> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return true;
}

/** Polls `url` until it answers 2xx. */
export async function waitForHttp(url: string, options: { what: string; timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await waitUntil(() => answersOk(url), { ...options, what: `${options.what} answering ${url}`, intervalMs: 50 });
}
