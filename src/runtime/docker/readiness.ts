/**
 * When a started container counts as ready. In host mode testcontainers'
 * port waits wait for nothing, so readiness is either a log line or a poll
 * with a real client — and it is checked again after every (re)start.
 *
 *   Ready.logLine(/ready to accept connections/)        a line of the current run (since the previous one ended)
 *   Ready.when('Redis answering PING on 6390', ping)    a real request succeeds
 */
import type { Container } from './container.ts';

export interface Readiness {
  /** For messages: `log line /ready/`, `Redis answering PING on 6390`. */
  readonly what: string;
  isReady(container: Container): Promise<boolean>;
}

export const Ready = {
  /** A line matching `pattern` was logged in the container's current run. */
  logLine(pattern: RegExp): Readiness {
    return {
      what: `log line ${pattern}`,
      async isReady(container) {
        const since = await container.currentRunSinceMs();
        return (await container.logLines({ sinceMs: since })).some((line) => pattern.test(line));
      },
    };
  },
  /** `check` resolves true (a throw counts as not yet). */
  when(what: string, check: () => Promise<boolean>): Readiness {
    return { what, isReady: () => check() };
  },
  /** Every one of `readiness` holds. */
  all(...readiness: Readiness[]): Readiness {
    return {
      what: readiness.map((r) => r.what).join(' and '),
      async isReady(container) {
        for (const r of readiness) if (!(await r.isReady(container))) return false;
        return true;
      },
    };
  },
};
