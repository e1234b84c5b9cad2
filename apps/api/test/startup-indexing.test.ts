/**
 * Start-up of the server process on a data folder whose challenges have no search document (one from
 * before search existed, or a reindex cut short): it opens its port first and indexes them behind,
 * where it used to index before listening (17 minutes closed at 100,000 challenges). Run on the bundle
 * `npm start` runs, on PGlite and on PostgreSQL.
 */
import { challenges, searchDocuments } from '@challenge/db';
import { onPostgres } from '@challenge/db/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './fixtures/async';
import { httpClient } from './fixtures/http-client';
import { bundleServer, startServer, type ServerBundle, type ServerProcess } from './fixtures/server-process';
import { serverStore, type ServerStore } from './fixtures/server-store';

const DRIVER = onPostgres() ? 'PostgreSQL' : 'embedded PGlite';
const QUIET = { SWEEP_INTERVAL_MS: '3600000', NOTIFY_INTERVAL_MS: '3600000', MAIL_INTERVAL_MS: '3600000' };

describe(`start-up on ${DRIVER} with challenges that have no search document`, () => {
  let bundle: ServerBundle;
  let store: ServerStore;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    [bundle, store] = await Promise.all([bundleServer(), serverStore()]);
    // On PGlite the first use writes the migrated database into the folder the server then opens.
    await store.use(async () => undefined);
  });
  afterAll(async () => {
    if (server?.running()) server.kill('SIGKILL');
    bundle?.remove();
    await store?.destroy();
  });

  const stop = async (s: ServerProcess) => {
    s.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  };

  it('listens first, indexes them behind the open port, and lists and finds them once indexed', async () => {
    server = await startServer(bundle, { ...store.env, ...QUIET, DEMO: '1' });
    const listed = async () => (await httpClient(server!.url).ok('GET', '/api/challenges?pageSize=1')).total as number;
    const found = async () => (await httpClient(server!.url).ok('GET', `/api/challenges?pageSize=1&q=${encodeURIComponent('液压支架')}`)).total as number;
    const [before, foundBefore] = [await listed(), await found()];
    expect(before).toBeGreaterThan(10);
    expect(foundBefore).toBeGreaterThan(0);
    await stop(server);

    const total = await store.use(async (db) => {
      await db.delete(searchDocuments);
      const [row] = await db.select({ n: count() }).from(challenges);
      return Number(row!.n);
    });
    server = await startServer(bundle, { ...store.env, ...QUIET });
    const done = `search: indexed ${total} challenges that had no search document`;
    await until(() => server!.output().includes(done), 'the challenges indexed behind the open port', 60_000);
    const output = server.output();
    expect(output.indexOf('ready in'), output).toBeLessThan(output.indexOf(done));
    expect([await listed(), await found()]).toEqual([before, foundBefore]);
    await stop(server);

    // Started again, in step: nothing to index, nothing said.
    server = await startServer(bundle, { ...store.env, ...QUIET });
    expect(await listed()).toBe(before);
    await stop(server);
    expect(server.output()).not.toContain('search: indexed');
  });
});
