import type { Db } from '@challenge/db';
import type { SearchEngine } from '@challenge/search';
import type { Clock } from '../clock';
import type { MailSettings } from './mail/settings';

/** What every use case gets: the database (or the enclosing transaction), the clock and the search engine. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  /** DATA_DIR: where uploaded files live (under `attachments/`); `./data` when not given. */
  dataDir?: string;
  /**
   * The search engine, created once by the app (app.ts, from `createSearchEngine`). A context built
   * by hand without one (a test, a script) gets the same default engine: see `searchEngineOf`.
   */
  search?: SearchEngine;
  /** Where mail links point and what signs them; without it no e-mail is queued (a context built by hand for a script). */
  mail?: MailSettings;
}

/** Runs `fn` in one transaction. */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx as unknown as Db));
}
