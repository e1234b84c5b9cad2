/** Socket-level failures: the server is down, restarting, or the network between is. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE class 08 (connection exception), 57P01–57P03 (shut down, crashed, starting up), 53300 (too many connections). */
const UNAVAILABLE_STATES = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
/** node-postgres reports a dropped or unobtainable connection as plain errors without a code. */
const LOST_CONNECTION = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
]);

/**
 * Whether an error means the database could not be reached — a restart, a failover, the network —
 * rather than that it refused the statement: the same request may succeed a moment later, so the API
 * answers 503 instead of 500. Drizzle wraps the driver's error as `cause`; the chain is followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
    if (LOST_CONNECTION.has(e.message)) return true;
  }
  return false;
}
