/**
 * The HTTP path a compose healthcheck asks for, when it is a curl or wget of
 * a URL: `["CMD", "curl", "-f", "http://localhost:8080/health"]` or
 * `curl -fsS http://127.0.0.1:8080/healthz || exit 1` → `/health`, `/healthz`.
 */
export function healthPath(test: string | readonly string[]): string | undefined {
  const line = shownTest(test);
  if (!/\b(curl|wget)\b/.test(line)) return undefined;
  const url = /\bhttps?:\/\/[^/\s'"]+(\/[^\s'"|;&]*)?/.exec(line);
  if (!url) return undefined;
  // The path only: a query or fragment is no part of firedrill's health path.
  return (url[1] ?? '/').replace(/[?#].*$/, '') || '/';
}

/** A compose healthcheck as the report shows it: `curl -f http://localhost:8080/health`. */
export function shownTest(test: string | readonly string[]): string {
  return typeof test === 'string' ? test : test.filter((word) => !['CMD', 'CMD-SHELL'].includes(word)).join(' ');
}
