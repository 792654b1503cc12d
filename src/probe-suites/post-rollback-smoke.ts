import { orderCancelAnswered } from '../probes/order-cancel-answered.ts';
import { orderPlacedAndFilled } from '../probes/order-filled.ts';
import { scrapedRecently } from '../probes/scraped-recently.ts';
import { serviceLogsArrive } from '../probes/service-logs-arrive.ts';
import type { ServiceName } from '../runtime/runtime.ts';
import { defineProbeSuite, type ProbeSuite } from './probe-suite.ts';

export interface PostRollbackSmokeOptions {
  /** The service that takes the orders, whose scrape and logs are checked; default `order-gateway`. */
  readonly service?: ServiceName;
  /** Each part's deadline (fill, scrape age, log arrival); default 10 s. */
  readonly withinMs?: number;
}

/**
 * What `helm test ats -n trading` is on Kubernetes, on these runtimes: right
 * after a rollback, the system trades and is watched.
 *
 *   order filled     an order placed through the workload adapter is filled
 *   order cancelled  an order placed and cancelled at once: cancelled, or too late because already filled (both correct)
 *   metrics scraped  Prometheus scraped the service within 10 s, and the scrape succeeded (up == 1)
 *   logs arrive      the newest lines of the service's log files are stored by the log sink
 *
 * The cancel comes before the log check on purpose: the reference gateway logs
 * every cancel, so the newest line is one written during the suite.
 */
export function postRollbackSmoke(options: PostRollbackSmokeOptions = {}): ProbeSuite {
  const service = options.service ?? 'order-gateway';
  const withinMs = options.withinMs ?? 10_000;
  return defineProbeSuite('post-rollback-smoke', [
    { name: 'order filled', probe: orderPlacedAndFilled({ withinMs }) },
    { name: 'order cancelled', probe: orderCancelAnswered() },
    { name: 'metrics scraped', probe: scrapedRecently(service, { maxAgeMs: withinMs }) },
    { name: 'logs arrive', probe: serviceLogsArrive(service, { withinMs }) },
  ]);
}
