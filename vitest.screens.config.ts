import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run screenshots` only: not part of `npm test`.
export default defineConfig({
  resolve: { alias: { '@core': path.resolve(import.meta.dirname, 'main/core') } },
  test: {
    include: ['test/screens/**/*.screens.ts'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/support/global-setup.ts'],
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
