import { exchangeStats } from '../probes/exchange-stats.ts';
import type { Check } from '../scenario/scenario.ts';

/** While banned, the client must back off: the exchange counts what it still received. */
export function noRequestStorm(maxRequestsDuringBan: number): Check {
  return {
    name: `at most ${maxRequestsDuringBan} requests reach the exchange during the ban`,
    async run({ env }) {
      const stats = await exchangeStats(env);
      return {
        ok: stats.requestsDuringBan <= maxRequestsDuringBan,
        detail: `${stats.requestsDuringBan} request(s) during the ban, ${stats.requestsIgnoringRetryAfter} ignoring Retry-After, ${stats.rejected429} answered 429, ${stats.rejected418} answered 418`,
      };
    },
  };
}
