import type { Db } from '@challenge/db';
import type { Clock } from '../clock';

/** What every use case gets: the database (or the enclosing transaction) and the clock. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  /** DATA_DIR: where uploaded files live (under `attachments/`); `./data` when not given. */
  dataDir?: string;
}

/** Runs `fn` in one transaction. */
export function inTransaction<T>(ctx: ServiceContext, fn: (tx: Db) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn(tx as unknown as Db));
}
