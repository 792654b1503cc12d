import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'suites/**/*.test.ts'],
    // Chaos tests measure time on a 2-core machine: one file at a time, and a
    // retried chaos test would hide findings.
    fileParallelism: false,
    retry: 0,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
