/** POSTs JSON to a reference service's admin endpoint (a fault switched on or off); a non-2xx answer is an error quoting it. */
export async function adminPost(url: string, body: object, timeoutMs = 5000): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
}
