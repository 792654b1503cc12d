/**
 * Why nginx refused to start, test its config or reload: the first line of what it wrote this time (its error log
 * since the attempt began, then its stderr) at a level that stops it — emerg, alert or crit — else the last line it
 * wrote. nginx retries a busy port five times and ends with "still could not bind()": the first line says which port.
 */
const fatal = /\[(emerg|alert|crit)\]/;

export function whyNginxFailed(errorLogSince: string, stderr: string): string {
  const lines = [...errorLogSince.split('\n'), ...stderr.split('\n')].map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => fatal.test(line)) ?? lines.at(-1) ?? 'nginx wrote nothing about why';
}
