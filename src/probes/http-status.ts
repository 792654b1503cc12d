import type { ServiceName } from '../runtime/runtime.ts';
import { describeAnswer, httpAnswer } from './http-answer.ts';
import type { Probe } from './probe.ts';

/**
 * How long an HTTP probe waits by default: longer than any check the
 * reference services make before answering (the gateway's /readyz waits at
 * most 1.5 s, on Postgres), so a slow "not ready" arrives as the system's own
 * answer instead of as the probe giving up.
 */
export const defaultHttpProbeTimeoutMs = 3_000;

/**
 * `service` answers `path` with `status` within `timeoutMs`. The observation
 * says whether it answered at all: no answer is not an answer of another
 * status, and `not()` of this probe does not hold on it.
 */
export function httpStatus(service: ServiceName, path: string, status = 200, timeoutMs = defaultHttpProbeTimeoutMs): Probe {
  return {
    name: `${service} ${path} answers ${status}`,
    uses: { services: [service] },
    async observe({ env }) {
      const answer = await httpAnswer(`${env.service(service).url}${path}`, timeoutMs);
      return {
        ok: answer.answered && answer.status === status,
        answered: answer.answered,
        detail: describeAnswer(path, answer, timeoutMs),
      };
    },
  };
}
