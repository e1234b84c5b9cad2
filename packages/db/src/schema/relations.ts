import { relations } from 'drizzle-orm';
import { organizations } from './accounts';
import { attachments } from './attachments';
import { challengeAmendments, challengeIndicators, challengeReviews, challenges } from './challenges';

/**
 * What drizzle's relational queries may join: a challenge with its owner and the rows its page shows,
 * read in one statement (services/challenges/get-challenge.ts). Relations are not constraints: the
 * migrations do not change.
 */
export const challengeRelations = relations(challenges, ({ one, many }) => ({
  owner: one(organizations, { fields: [challenges.ownerOrganizationId], references: [organizations.id] }),
  indicators: many(challengeIndicators),
  amendments: many(challengeAmendments),
  reviews: many(challengeReviews),
  // Attachments name their parent by type and id; the query picks parentType 'challenge'.
  attachments: many(attachments),
}));

export const challengeIndicatorRelations = relations(challengeIndicators, ({ one }) => ({
  challenge: one(challenges, { fields: [challengeIndicators.challengeId], references: [challenges.id] }),
}));

export const challengeAmendmentRelations = relations(challengeAmendments, ({ one }) => ({
  challenge: one(challenges, { fields: [challengeAmendments.challengeId], references: [challenges.id] }),
}));

export const challengeReviewRelations = relations(challengeReviews, ({ one }) => ({
  challenge: one(challenges, { fields: [challengeReviews.challengeId], references: [challenges.id] }),
}));

export const attachmentRelations = relations(attachments, ({ one }) => ({
  challenge: one(challenges, { fields: [attachments.parentId], references: [challenges.id] }),
}));
