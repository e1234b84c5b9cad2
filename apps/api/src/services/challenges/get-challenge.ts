import { challenges, organizations } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { eq } from 'drizzle-orm';
import type { ChallengeView } from '../../schemas/challenges';
import type { ServiceContext } from '../context';
import { challengeAccess, loadReaderFacts } from './access';
import { ownerNameColumns, presentChallenge } from './present';

/** One challenge as `actor` may see it; `not_found` when the actor may not know it exists. */
export async function getChallenge(ctx: ServiceContext, actor: Actor, id: string): Promise<ChallengeView> {
  const [found] = await ctx.db
    .select({ challenge: challenges, owner: ownerNameColumns })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.ownerOrganizationId))
    .where(eq(challenges.id, id))
    .limit(1);
  if (!found) throw new AppError('not_found');
  const facts = await loadReaderFacts(ctx.db, actor, [id]);
  const access = challengeAccess(actor, found.challenge, facts(id));
  if (access === 'none') throw new AppError('not_found');
  return presentChallenge(ctx.db, actor, found.challenge, found.owner, access, ctx.clock.now());
}
