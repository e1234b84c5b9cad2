import pg from 'pg';

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * pg's Pool, except that a client checked out with `connect()` goes back to the pool, to be thrown
 * away, as soon as its connection fails, and may then be released again harmlessly. drizzle releases
 * a transaction's client in a `finally` that does not cover its BEGIN: a connection dropped just then
 * (a server restart) left the client checked out for good — one connection fewer after every such
 * restart, until requests waited for a connection that never came (apps/api/test/faults.test.ts).
 */
export class ReleasingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    // With a callback it is pg's own `pool.query`, which releases its client whatever happens.
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      const release = client.release;
      let released = false;
      const releaseOnce = (err?: Error | boolean) => {
        if (released) return;
        released = true;
        client.off('error', releaseOnce);
        release(err);
      };
      client.once('error', releaseOnce);
      client.release = releaseOnce;
      return client;
    });
  }
}
