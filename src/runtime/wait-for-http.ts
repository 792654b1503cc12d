import { waitUntil } from '../clock/wait-until.ts';

/** Polls `url` until it answers 2xx. */
export async function waitForHttp(url: string, options: { what: string; timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await waitUntil(
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return true;
    },
    { ...options, what: `${options.what} answering ${url}`, intervalMs: 50 },
  );
}
