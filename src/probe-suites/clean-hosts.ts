import type { Probe } from '../probes/probe.ts';
import { redisAnswersPing } from '../probes/redis-ping.ts';
import { dbSize } from '../runtime/redis-ping.ts';
import { defineProbeSuite, type ProbeSuite } from './probe-suite.ts';

/**
 * What provisioning clean hosts is in a disaster-recovery drill (the runbook's
 * `terraform apply`): firedrill rebuilds the environment's hosts from the same
 * config (Environment.provisionClean), then checks they are what a restore
 * needs: the datastores answer, empty, and no service runs yet (the runbook
 * starts them once the data is back).
 *
 *   provisioned        the environment's provisionClean() (the one part that acts)
 *   postgres empty     the database answers, its schema in place, no order in it
 *   redis empty        Redis answers PING and holds no key
 *   no service runs    no service of the config has a process
 */
export function cleanHosts(): ProbeSuite {
  return defineProbeSuite('clean-hosts', [
    { name: 'provisioned', probe: provisioned },
    { name: 'postgres empty', probe: noOrders },
    { name: 'redis empty', probe: redisEmpty },
    { name: 'no service runs', probe: noServiceRuns },
  ]);
}

const provisioned: Probe = {
  name: 'clean hosts provisioned from the config',
  async observe({ env, signal }) {
    if (!env.provisionClean) return { ok: false, detail: `the ${env.runtime} runtime cannot provision clean hosts` };
    const started = performance.now();
    await env.provisionClean(signal);
    return { ok: true, detail: `provisioned in ${Math.round(performance.now() - started)} ms` };
  },
};

const noOrders: Probe = {
  name: 'the database answers with its schema and holds no order',
  uses: { services: ['postgres'] },
  async observe({ sql }) {
    const [row] = await sql.query<{ n: string }>('SELECT count(*) AS n FROM orders');
    const count = Number(row?.n);
    return { ok: count === 0, detail: `${count} orders` };
  },
};

const redisEmpty: Probe = {
  name: 'redis answers and holds no key',
  uses: { services: ['redis'] },
  async observe(context) {
    const ping = await redisAnswersPing().observe(context);
    if (!ping.ok) return ping;
    const keys = await dbSize(context.env.service('redis').port);
    return { ok: keys === 0, detail: `${keys} keys` };
  },
};

const noServiceRuns: Probe = {
  name: 'no service of the config runs yet',
  async observe({ env }) {
    const running = [];
    for (const { name } of env.topology.services) {
      const pid = await env.service(name).pid();
      if (pid !== undefined) running.push(`${name} (pid ${pid})`);
    }
    return { ok: running.length === 0, detail: running.length === 0 ? 'none runs' : `running: ${running.join(', ')}` };
  },
};
