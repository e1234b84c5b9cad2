import { applications, queryRows, questions, type Db } from '@challenge/db';
import { eq, sql } from 'drizzle-orm';

type EventRow = { kind: string; challengeId: string | null; subjectId: string | null; payload: unknown };

/**
 * Who hears of an event (issue: apply–review–award, "Notifications"). Decided when the outbox is
 * processed, from the facts recorded with the event and the database as it is then. Each rule names
 * only people who may already see what the notification points at.
 */
export async function recipientsOf(db: Db, event: EventRow): Promise<string[]> {
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

