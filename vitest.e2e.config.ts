import { defineConfig } from 'vitest/config';

// Browser tests share one server and its data, so files run one after another.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
