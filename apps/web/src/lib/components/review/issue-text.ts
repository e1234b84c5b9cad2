/**
 * The review forms' problems in whole sentences (the field's own label, then what is wrong), for the
 * error summary and the message under each input alike. The API's field messages are predicates
 * ("must be between 0 and 10"); codes we have words for get ours.
 */
import type { FormIssue, FormProblem } from '$lib/forms';
import type { Translate } from '$lib/i18n';
import { CONFLICT_REASONS, type ConflictReason } from '$lib/review';

/** The code ErrorSummary shows as it is: the message is already a sentence. */
const SENTENCE = 'sentence';

export function reviewIssueSentence(t: Translate, issue: FormIssue, label: string | undefined): string {
  if (issue.code === SENTENCE) return issue.message;
  if (issue.code === 'assignment_conflict') {
    const reason = issue.params?.reason;
    const because = CONFLICT_REASONS.includes(reason as ConflictReason) ? t(`review.conflictReasons.${reason as ConflictReason}`) : issue.message;
    return label ? t('review.issues.other', { label, message: t('review.assign.conflict', { reason: because }) }) : t('review.assign.conflict', { reason: because });
  }
  if (!label) return issue.message;
  if (issue.code === 'required') return t('review.issues.required', { label });
  if (issue.code === 'choose') return t('review.issues.choose', { label });
  return t('review.issues.other', { label, message: issue.message });
}

/**
 * The problem with every field message turned into a sentence (ErrorSummary then prints it as it
 * is), and the labels of the fields the summary links to.
 */
export function sentenceProblem(t: Translate, problem: FormProblem | null | undefined, labels: Record<string, string>): FormProblem | undefined {
  if (!problem) return undefined;
  // One entry per field (an expert may conflict with several applications for the same reason).
  const byField = new Map<string, string[]>();
  for (const f of problem.fields) {
    const sentence = reviewIssueSentence(t, f, labels[f.field]);
    const list = byField.get(f.field) ?? [];
    if (!list.includes(sentence)) list.push(sentence);
    byField.set(f.field, list);
  }
  return { ...problem, fields: [...byField].map(([field, sentences]): FormIssue => ({ field, code: SENTENCE, message: sentences.join(' ') })) };
}

/** The sentence(s) for one input, if the problem names it. */
export function errorFor(t: Translate, problem: FormProblem | null | undefined, field: string, label: string): string | undefined {
  const sentences = [...new Set((problem?.fields ?? []).filter((f) => f.field === field).map((f) => reviewIssueSentence(t, f, label)))];
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}
