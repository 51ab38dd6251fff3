import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests, and browser tests that need a built renderer and Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Two workers on two cores: vitest's default (cores − 1) would run these one file at a time, and many wait on
          // timers, sockets and child processes rather than the CPU.
          maxWorkers: 2,
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/reference/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
