import { type BanRequest, exchange, exchangeStats } from '../probes/exchange-stats.ts';
import type { StepTranscript } from '../runbook/step.ts';
import type { Check } from '../scenario/scenario.ts';

export interface NoRequestStormOptions {
  /**
   * The runbook step whose guard asks the exchange whether it is blocking
   * (`rate-gate.reset`): its one status request (GET /api/v1/ping) per run,
   * made while that step ran, is the only request a ban may see.
   */
  readonly guardStepId: string;
}

const guardProbePath = '/api/v1/ping';

/**
 * Once the exchange has told a client it is banned (a 418 with Retry-After),
 * nothing may reach it from that client until the ban is over: every such
 * request lengthens the ban (fixtures/ats/exchange: a repeat offence). The
 * exchange names each one; any but the guard's own probe fails the check.
 */
export function noRequestStorm(options: NoRequestStormOptions): Check {
  return {
    name: `no request reaches the exchange during a ban (but step "${options.guardStepId}"'s status probe)`,
    uses: { services: [exchange] },
    async run({ env, transcripts }) {
      const stats = await exchangeStats(env);
      const { offending, guardProbes } = splitGuardProbes(
        stats.duringBan,
        transcripts.filter((t) => t.stepId === options.guardStepId),
      );
      const unnamed = Math.max(0, stats.requestsDuringBan - stats.duringBan.length);
      const count = offending.length + unnamed;
      const excluded = `${guardProbes.length} guard probe(s) of "${options.guardStepId}" left out`;
      if (count === 0) {
        return {
          ok: true,
          detail: `no request during a ban (${excluded}); ${stats.rejected429} answered 429, ${stats.rejected418} answered 418`,
        };
      }
      return {
        ok: false,
        detail:
          `${count} request(s) reached the exchange after it had answered 418, extending the ban ${stats.banExtensions} time(s): ` +
          `${offending.map(describe).join('; ')}${unnamed > 0 ? `; and ${unnamed} more` : ''} (${excluded}). ` +
          "nothing may be sent until the 418's Retry-After has passed: the gateway's rate gate keeps it in rategate:mock:blocked_until, which no reset may delete",
      };
    },
  };
}

/** Each run of the guard step may account for one status request the exchange saw while that run lasted. */
function splitGuardProbes(
  requests: readonly BanRequest[],
  guardRuns: readonly StepTranscript[],
): { offending: BanRequest[]; guardProbes: BanRequest[] } {
  const guardProbes: BanRequest[] = [];
  for (const run of guardRuns) {
    if (!run.startedAt) continue;
    const from = Date.parse(run.startedAt);
    const probe = requests.find(
      (r) =>
        !guardProbes.includes(r) &&
        r.method === 'GET' &&
        r.path === guardProbePath &&
        within(Date.parse(r.at), from, from + run.durationMs),
    );
    if (probe) guardProbes.push(probe);
  }
  return { offending: requests.filter((r) => !guardProbes.includes(r)), guardProbes };
}

const within = (t: number, from: number, to: number) => t >= from && t <= to;

function describe(request: BanRequest): string {
  const extended = request.extendedBan ? `, ban extended to ${request.retryAfterSec} s` : '';
  return `${request.method} ${request.path} from "${request.clientId}" at ${request.at}${extended}`;
}
