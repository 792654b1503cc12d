import type { ServiceName } from '../runtime/runtime.ts';
import { describeAnswer, httpAnswer } from './http-answer.ts';
import type { Probe } from './probe.ts';

export interface HangOptions {
  /** A path that does no work, so any running process answers it at once: `/healthz`. */
  readonly path: string;
  /** How long the silence must last; longer than a busy machine ever keeps a running process from answering that path. */
  readonly timeoutMs: number;
}

/**
 * A hang, seen from outside: `service` takes the connection (its listening
 * socket is open, so its process lives) and answers nothing within
 * `timeoutMs`. Here the probe's timeout is the signal, not the probe giving
 * up: a hung process cannot answer, so there is no answer to wait for.
 * A refused or cut connection is no hang (nothing listens: the process is
 * dead, which its supervisor sees) and does not hold; nor does any answer.
 */
export function serviceHangs(service: ServiceName, options: HangOptions): Probe {
  const { path, timeoutMs } = options;
  return {
    name: `${service} takes connections but does not answer ${path} within ${timeoutMs} ms (hung)`,
    uses: { services: [service] },
    async observe({ env }) {
      const answer = await httpAnswer(`${env.service(service).url}${path}`, timeoutMs);
      const detail = describeAnswer(path, answer, timeoutMs);
      if (answer.answered) return { ok: false, answered: true, detail };
      if (!answer.timedOut) return { ok: false, answered: false, detail: `${detail} — refused or cut, not hung: nothing is listening` };
      return { ok: true, answered: false, detail: `${detail}: the connection is open and nothing answers` };
    },
  };
}
