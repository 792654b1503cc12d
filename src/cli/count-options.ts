import { ConfigError } from './config-error.ts';
import { maxLoadMultiplier } from '../workload/load-multiplier.ts';

/** A whole-number option from 1 to `max`, 1 when absent; anything else is a configuration error naming the option. */
function count(option: string, text: string | undefined, max: number, meaning: string): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > max)
    throw new ConfigError(`${option} ${text}: expected ${meaning}, a whole number from 1 to ${max}`);
  return n;
}

/** `--repeat N`: how many times each scenario runs, 1 to 100. */
export const repeatCount = (text: string | undefined) => count('--repeat', text, 100, 'how many times to run each scenario');

/**
 * `--concurrency N`: how many environments run at once, 1 to 8. Each is a whole trading system (a PostgreSQL, a
 * Redis, the services, Prometheus…): past a few, on a small machine, they fight for the CPU and the timing targets measure that.
 */
export const concurrencyCount = (text: string | undefined) =>
  count('--concurrency', text, 8, 'how many scenarios to run at once, each on its own environment');

/** `--load-multiplier N`: how many times each scenario's peak order rate to send, 1 to 20 (2.5 allowed); undefined when absent. */
export function loadMultiplier(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || n < 1 || n > maxLoadMultiplier)
    throw new ConfigError(
      `--load-multiplier ${text}: expected how many times each scenario's peak order rate to send, a number from 1 to ${maxLoadMultiplier}`,
    );
  return n;
}
