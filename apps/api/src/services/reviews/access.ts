import { reviewAssignments, type Db } from '@challenge/db';
import { AppError } from '@challenge/domain';
import { and, eq } from 'drizzle-orm';

/**
 * Whether an expert may open an application (product.md "Rules that must always hold": only the
 * applications assigned to it, and none where it has a conflict): assigned and declared free of
 * conflict → yes; assigned but not declared yet → `conflict_declaration_required`; otherwise (not
 * assigned, or recused) → no, answered as not found.
 */
export async function expertMayRead(db: Db, expertId: string, applicationId: string): Promise<boolean> {
  const [a] = await db.select({ conflict: reviewAssignments.conflict }).from(reviewAssignments)
    .where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.expertId, expertId)));
  if (!a || a.conflict === true) return false;
  if (a.conflict === null) throw new AppError('conflict_declaration_required');
  return true;
}
