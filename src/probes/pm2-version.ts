import { execa } from 'execa';
import type { Probe } from './probe.ts';

/** Local runtime. Records the version of the PM2 the runbook's steps run (`pm2 --version` with their variables): what a PM2 behaviour was measured on. */
export function pm2Version(): Probe {
  return {
    name: "PM2's version, as the runbook's steps run it",
    async observe({ env, signal }) {
      const variables = env.variables();
      if (!variables.PM2_HOME) throw new Error(`PM2 runs the services only on the local runtime, not ${env.runtime}`);
      const { stdout } = await execa('pm2', ['--version'], { env: variables, extendEnv: false, cancelSignal: signal, timeout: 10_000 });
      return { ok: true, detail: `PM2 ${stdout.trim().split('\n').at(-1)}` };
    },
  };
}
