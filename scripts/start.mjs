#!/usr/bin/env node
// `npm start`: builds whatever is not built yet, then runs the server (one process, one port).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';

const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const stale = (output, ...sources) => !existsSync(output) || sources.some((s) => newest(s) > statSync(output).mtimeMs);

if (stale('apps/api/dist/pglite-template.tar.gz', 'apps/api/src', 'packages', 'migrations')) execFileSync('node', ['scripts/build.mjs', 'api'], { stdio: 'inherit' });
// The one-shot modes (npm run db:migrate, search:reindex, ledger:check, db:backup …) serve no pages: no web build for them.
const oneShot = ['--migrate-only', '--reindex-only', '--ledger-check', '--db-backup', '--db-restore', '--db-to-postgres'].some((flag) => process.argv.includes(flag));
if (!oneShot && stale('apps/web/build/handler.js', 'apps/web/src', 'packages/domain/src')) {
  execFileSync('node', ['scripts/build.mjs', 'web'], { stdio: 'inherit' });
}

const child = spawn(process.execPath, ['--enable-source-maps', 'apps/api/dist/server.js', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
