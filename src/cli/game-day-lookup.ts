import { findLiveGameDay, type LiveGameDay, liveFileIn } from '../gameday/live-game-day.ts';
import { ConfigError } from './config-error.ts';

/**
 * The game day `firedrill note` and `firedrill hint` act on: the report dir's
 * when given, else the one the operator's shell names (FIREDRILL_GAMEDAY),
 * else `reports/`'s. None running is a ConfigError (exit 2) saying where it looked.
 */
export async function lookUpGameDay(reportDir: string | undefined): Promise<LiveGameDay> {
  const file = reportDir !== undefined ? liveFileIn(reportDir) : (process.env.FIREDRILL_GAMEDAY ?? liveFileIn('reports'));
  const live = await findLiveGameDay(file);
  if (live instanceof Error) throw new ConfigError(live.message);
  return live;
}
