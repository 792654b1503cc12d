import type { Runtime } from '../../src/runtime/runtime.ts';

/** A runtime that records every provision it is asked for and refuses it: for tests that something is refused before anything starts. */
export function neverProvisioningRuntime(): { readonly runtime: Runtime; readonly provisioned: readonly string[] } {
  const provisioned: string[] = [];
  const runtime: Runtime = {
    name: 'local',
    provision: async () => {
      provisioned.push('provisioned');
      throw new Error('must not be reached');
    },
  };
  return { runtime, provisioned };
}
