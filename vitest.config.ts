import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@core': path.resolve(import.meta.dirname, 'main/core') } },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // The room re-renders once a second; a slow shared machine needs more than the 1 s default to see it.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
