import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web's unit tests import modules that use SvelteKit's `$lib` alias.
  resolve: { alias: { $lib: fileURLToPath(new URL('apps/web/src/lib', import.meta.url)) } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/api/test/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    globalSetup: ['packages/db/src/test-global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
