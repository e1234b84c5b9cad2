import type { Db } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import type { ChallengeView } from '../../schemas/challenges';
import type { ServiceContext } from '../context';
import { challengeAccess, loadReaderFacts } from './access';
import { presentChallenge } from './present';

/**
 * A challenge, its owner's name and every row its page shows (indicators, amendments, attachments,
 * the bureau's reviews), as one statement that drizzle builds once per database and PostgreSQL plans
 * once per connection: the most read answer of the API costs one round trip, not four (issue 9's
 * API benchmark). The reviews are read for every reader and shown to the bureau and the owner only.
 */
function challengePage(db: Db) {
  return db.query.challenges.findFirst({
    where: (c, { eq }) => eq(c.id, sql.placeholder('id')),
    with: {
      owner: { columns: { id: true, nameZh: true, nameEn: true } },
      indicators: { orderBy: (i, { asc }) => [asc(i.position)] },
      amendments: { orderBy: (a, { asc }) => [asc(a.createdAt), asc(a.id)] },
      attachments: { where: (a, { eq }) => eq(a.parentType, 'challenge'), orderBy: (a, { asc }) => [asc(a.createdAt), asc(a.id)] },
      reviews: { orderBy: (r, { asc }) => [asc(r.createdAt), asc(r.id)] },
    },
  }).prepare('challenge_page');
}
const prepared = new WeakMap<Db, ReturnType<typeof challengePage>>();

/** One challenge as `actor` may see it; `not_found` when the actor may not know it exists. */
export async function getChallenge(ctx: ServiceContext, actor: Actor, id: string): Promise<ChallengeView> {
  let query = prepared.get(ctx.db);
  if (!query) prepared.set(ctx.db, (query = challengePage(ctx.db)));
  const found = await query.execute({ id });
  if (!found) throw new AppError('not_found');
  const { owner, indicators, amendments, attachments, reviews, ...challenge } = found;
  const facts = await loadReaderFacts(ctx.db, actor, [id]);
  const access = challengeAccess(actor, challenge, facts(id));
  if (access === 'none') throw new AppError('not_found');
  return presentChallenge(actor, challenge, owner, { indicators, amendments, attachments, reviews }, access, ctx.clock.now());
}
