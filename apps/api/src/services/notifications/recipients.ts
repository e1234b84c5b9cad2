import { applications, challengeFollows, queryRows, questions, type Db } from '@challenge/db';
import { eq, sql } from 'drizzle-orm';

type EventRow = { kind: string; challengeId: string | null; subjectId: string | null; payload: unknown };

/** One recipient; `via: 'follow'` when the only reason is following the challenge (the wording says so). */
export interface Recipient {
  userId: string;
  via?: 'follow';
}

/** What followers of a challenge hear of (issue: oversight and reach — amendments, Q&A answers, the decision). */
const FOLLOWED_KINDS = new Set(['challenge_amended', 'question_answered', 'decision_published']);

/**
 * Everyone the event concerns directly, then the challenge's followers not already among them — never
 * whoever caused the event.
 */
export async function recipientsOf(db: Db, event: EventRow): Promise<Recipient[]> {
  const direct = await directRecipientsOf(db, event);
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const actorId = typeof payload.actorId === 'string' ? payload.actorId : null;
  const recipients: Recipient[] = direct.map((userId) => ({ userId }));
  if (event.challengeId && FOLLOWED_KINDS.has(event.kind)) {
    const seen = new Set(direct);
    const followers = await db.select({ userId: challengeFollows.userId }).from(challengeFollows).where(eq(challengeFollows.challengeId, event.challengeId));
    for (const { userId } of followers) {
      if (!seen.has(userId) && userId !== actorId) recipients.push({ userId, via: 'follow' });
    }
  }
  return recipients;
}

/**
 * Who hears of an event (issue: apply–review–award, "Notifications"). Decided when the outbox is
 * processed, from the facts recorded with the event and the database as it is then. Each rule names
 * only people who may already see what the notification points at.
 */
async function directRecipientsOf(db: Db, event: EventRow): Promise<string[]> {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const actorId = typeof payload.actorId === 'string' ? payload.actorId : null;
  switch (event.kind) {
    case 'question_answered': {
      // Only the asker: an answered question is public, but the asker is the one waiting for it.
      if (!event.subjectId) return [];
      const [q] = await db.select({ askedBy: questions.askedBy }).from(questions).where(eq(questions.id, event.subjectId));
      return q ? [q.askedBy] : [];
    }
    case 'challenge_amended': {
      // Everyone who asked about the challenge or has an application to it (not withdrawn), but not
      // whoever made the amendment.
      if (!event.challengeId) return [];
      const rows = await queryRows<{ user_id: string }>(db, sql`
        select ${questions.askedBy} as user_id from ${questions} where ${questions.challengeId} = ${event.challengeId}
        union
        select ${applications.createdBy} from ${applications}
        where ${applications.challengeId} = ${event.challengeId} and ${applications.state} <> 'withdrawn'`);
      return unique(rows.map((r) => r.user_id)).filter((id) => id !== actorId);
    }
    case 'eligibility_result':
    case 'awarded': {
      if (!event.subjectId) return [];
      const [a] = await db.select({ createdBy: applications.createdBy }).from(applications).where(eq(applications.id, event.subjectId));
      return a ? [a.createdBy] : [];
    }
    default: {
      // Events whose subject names its recipients outright (review_assigned → the expert, …).
      const ids = Array.isArray(payload.recipientIds) ? payload.recipientIds.filter((x): x is string => typeof x === 'string') : [];
      return unique(ids);
    }
  }
}

const unique = (xs: string[]) => [...new Set(xs)];

