#!/usr/bin/env node
// `npm run test:e2e`: builds if needed, starts the product on a fresh embedded database with demo
// data, and runs the browser tests (e2e/*.e2e.ts) in Debian's Chromium through playwright-core.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`Chromium not found at ${chrome}.
Install Debian's Chromium and CJK fonts (as root):
  apt-get update && apt-get install -y chromium fonts-noto-cjk
or point CHROME_PATH at a Chromium/Chrome binary.`);
  process.exit(1);
}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'challenge-e2e-'));
const baseUrl = `http://127.0.0.1:${port}`;
// NODE_ENV=test enables the test clock route; demo data loads because the embedded database is empty.
const server = spawn(process.execPath, ['apps/api/dist/server.js'], {
  // The browser tests sign in as the same demo accounts many times in a few minutes, from one address:
  // the sign-in limit (tested through the API) is raised so the suites do not lock each other out.
  // Suites that wait for a notification wait for the outbox's next pass: every half second, not three;
  // the loops that follow the clock (deadlines, draft reminders, saved-search alerts) run every second.
  env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', ORIGIN: baseUrl, LOGIN_RATE_LIMIT: '1000', NOTIFY_INTERVAL_MS: '500', SWEEP_INTERVAL_MS: '1000' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let log = '';
server.stdout.on('data', (d) => { log += d; });

const deadline = Date.now() + 60_000;
for (;;) {
  try {
    const r = await fetch(`${baseUrl}/api/health`);
    if (r.ok) break;
  } catch {}
  if (server.exitCode !== null || Date.now() > deadline) {
    console.error(`server did not start:\n${log}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 200));
}

let code = 1;
try {
  execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BASE_URL: baseUrl, CHROME_PATH: chrome },
  });
  code = 0;
} catch {
  code = 1;
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
