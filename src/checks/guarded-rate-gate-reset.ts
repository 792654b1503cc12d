import { Redis } from 'ioredis';
import { exchange, exchangeIsBlocking, exchangeStats } from '../probes/exchange-stats.ts';
import type { Check, CheckContext } from '../scenario/scenario.ts';

const strikesKey = 'rategate:mock:strikes';
const redisService = 'redis';

/**
 * The runbook resets the rate gate "only if the exchanges are already
 * blocking". Two halves: during the ban the step did reset; and, as a
 * negative control once the exchange is back to normal, running the same step
 * again leaves a planted strike alone.
 */
export function guardedRateGateReset(stepId: string): Check {
  return {
    name: `step "${stepId}" resets the rate gate only while the exchange is blocking`,
    uses: { services: [exchange, redisService] },
    async run(context) {
      const during = context.transcripts.find((t) => t.stepId === stepId);
      if (!during || !/resetting/.test(during.stdout)) {
        return {
          ok: false,
          detail: `during the ban the step did not reset the gate; it printed: ${oneLine(during?.stdout) || '(nothing)'}`,
        };
      }
      const control = await negativeControl(context, stepId);
      return { ok: control.strikeSurvived, detail: `during the ban: "${oneLine(during.stdout)}"; exchange normal: ${control.detail}` };
    },
  };
}

async function negativeControl(context: CheckContext, stepId: string): Promise<{ strikeSurvived: boolean; detail: string }> {
  if (exchangeIsBlocking(await exchangeStats(context.env)))
    return { strikeSurvived: false, detail: 'exchange still blocking, control not possible' };
  const redis = new Redis({ host: '127.0.0.1', port: context.env.service(redisService).port, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // commands reject with it
  await redis.connect();
  try {
    await redis.set(strikesKey, '1');
    const transcript = await context.runStep(stepId);
    const strikeSurvived = (await redis.get(strikesKey)) === '1';
    return {
      strikeSurvived,
      detail: `planted strike ${strikeSurvived ? 'left alone' : 'was wiped'}; step printed "${oneLine(transcript.stdout)}"`,
    };
  } finally {
    await redis.del(strikesKey);
    redis.disconnect();
  }
}

const oneLine = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ');
