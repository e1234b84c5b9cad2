import { defineConfig } from 'vitest/config';

// Browser tests share one server and its data, so files run one after another.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    // The files run one after another in one worker, which then loads playwright-core, the message
    // files and the web app's helpers once instead of once per file.
    isolate: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Vitest sets process.env.BASE_URL to Vite's base ('/') in the workers; pass the server's URL through.
    env: { BASE_URL: process.env.BASE_URL ?? 'http://127.0.0.1:3000' },
  },
});
