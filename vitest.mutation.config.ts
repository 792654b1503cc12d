import { defineConfig } from 'vitest/config';
import { unit } from './vitest.config.ts';

// The unit project alone, for StrykerJS (stryker.config.mjs): its vitest runner
// takes a config file, not a project name, and mutants must never reach a server.
export default defineConfig({
  test: {
    retry: 0,
    projects: [unit],
  },
});
