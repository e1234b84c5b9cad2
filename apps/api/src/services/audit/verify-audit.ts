import { verifyAuditChain } from '@challenge/db';
import type { Actor } from '@challenge/domain';
import type { ServiceContext } from '../context';
import { assertMayReadAudit } from './read-audit';

/** Recomputes the whole hash chain (bureau only); every row that does not match is reported by id. */
export async function verifyAudit(ctx: ServiceContext, actor: Actor) {
  assertMayReadAudit(actor, 'verify');
  return verifyAuditChain(ctx.db);
}
