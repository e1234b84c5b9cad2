#!/usr/bin/env node
// Builds what `npm start` serves: the API bundle (esbuild) and the web app (SvelteKit, adapter-node).
// The Dockerfile and CI run this same script.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const only = process.argv[2];

if (!only || only === 'api') {
  await build({
    entryPoints: ['apps/api/src/server.ts'],
    outfile: 'apps/api/dist/server.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // Workspace packages are TypeScript source and are bundled; everything from npm stays external.
    plugins: [{
      name: 'externals',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@challenge/') ? undefined : { external: true }));
      },
    }],
  });
  // First starts on an empty data folder load this migrated database instead of running initdb.
  execFileSync(process.execPath, ['apps/api/dist/server.js', '--write-pglite-template', 'apps/api/dist/pglite-template.tar.gz'], { stdio: 'inherit' });
  console.log('built apps/api/dist/server.js and apps/api/dist/pglite-template.tar.gz');
}
if (!only || only === 'web') {
  execFileSync('npm', ['run', 'build', '-w', '@challenge/web'], { stdio: 'inherit' });
}
