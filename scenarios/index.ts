import type { Scenario } from '../src/index.ts';
import crashLoop from './crash-loop.ts';
import drRestore from './dr-restore.ts';
import drRestorePitr from './dr-restore-pitr.ts';
import badDeployRollback from './bad-deploy-rollback.ts';
import exchangeRateLimit from './exchange-rate-limit.ts';
import gatewayHung from './gateway-hung.ts';
import healthySwap from './healthy-swap.ts';
import killSwitch from './kill-switch.ts';
import logPushLoss from './log-push-loss.ts';
import lokiIngestionLag from './loki-ingestion-lag.ts';
import marketShock from './market-shock.ts';
import pgPoolExhaustion from './pg-pool-exhaustion.ts';
import pm2DoubleSpawn from './pm2-double-spawn.ts';
import postgresPartition from './postgres-partition.ts';
import redisLatency from './redis-latency.ts';
import redisOutage from './redis-outage.ts';
import stressDoubledFlow from './stress-doubled-flow.ts';

/** Every scenario firedrill knows, by id. */
export const scenarios: readonly Scenario[] = [
  redisOutage,
  exchangeRateLimit,
  redisLatency,
  postgresPartition,
  pgPoolExhaustion,
  lokiIngestionLag,
  logPushLoss,
  marketShock,
  gatewayHung,
  crashLoop,
  badDeployRollback,
  healthySwap,
  pm2DoubleSpawn,
  drRestore,
  drRestorePitr,
  killSwitch,
  stressDoubledFlow,
];
