/**
 * Runs one nginx command — start, `-t`, `-s reload` — however nginx is reached: the host's binary
 * (`/usr/sbin/nginx -c <conf>`) or inside its container (`docker exec <container> nginx`). On failure it throws
 * naming the line nginx wrote about why (nginx-failure.ts): what its error log gained during the attempt, then
 * its stderr.
 */
import { readFile, stat } from 'node:fs/promises';
import { execa } from 'execa';
import { whyNginxFailed } from './nginx-failure.ts';
import type { NginxLayout } from './nginx-layout.ts';

export interface NginxCommand {
  /** The program and the arguments before nginx's own: `['/usr/sbin/nginx', '-c', conf]`, `['docker', 'exec', name, 'nginx']`. */
  readonly command: readonly string[];
  readonly cwd?: string;
  /** Added to the harness's environment (the local nginx's sandbox tag). */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the failure message sends the reader besides the error log: `config …`, `container …`. */
  readonly where: string;
}

export async function runNginx(layout: NginxLayout, nginx: NginxCommand, what: string, args: readonly string[]): Promise<void> {
  const mark = await errorLogMark(layout);
  const [file, ...leading] = nginx.command;
  const result = await execa(file!, [...leading, ...args], {
    ...(nginx.cwd ? { cwd: nginx.cwd } : {}),
    ...(nginx.env ? { env: nginx.env } : {}),
    stdin: 'ignore',
    reject: false,
    timeout: 15_000,
  });
  if (result.exitCode === 0) return;
  const why = (await whyNginxFailedSince(layout, mark, String(result.stderr ?? ''))) ?? whyNginxFailed('', '');
  throw new Error(
    `nginx did not ${what}: ${why} (${result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`}; ` +
      `${nginx.where}, error log ${layout.errorLog})`,
  );
}

/** How long nginx's error log is now: what it writes from here on is about the next attempt. */
export const errorLogMark = (layout: NginxLayout): Promise<number> =>
  stat(layout.errorLog).then(
    (s) => s.size,
    () => 0,
  );

/** The line saying why nginx failed, from what its error log gained since `mark`, then `stderr`; undefined when it wrote nothing. */
export async function whyNginxFailedSince(layout: NginxLayout, mark: number, stderr: string): Promise<string | undefined> {
  const said = (await readFile(layout.errorLog).catch(() => Buffer.alloc(0))).subarray(mark).toString('utf8');
  return said.trim() === '' && stderr.trim() === '' ? undefined : whyNginxFailed(said, stderr);
}
