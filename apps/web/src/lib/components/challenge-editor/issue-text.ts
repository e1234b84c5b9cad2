/**
 * Field problems in words, the same way whether the browser found them (live check) or the server
 * did (its answer to save or submit): the field's own label, then what is wrong with it.
 */
import type { Translate } from '$lib/i18n';

export interface IssueLike {
  field: string;
  code: string;
  params?: Record<string, string | number>;
  /** The API's localised message, used when we have no words of our own for the code. */
  message?: string;
}

const FIELD_LABELS = {
  titleZh: 'challenge.fields.titleZh',
  titleEn: 'challenge.fields.titleEn',
  summaryZh: 'challenge.fields.summaryZh',
  summaryEn: 'challenge.fields.summaryEn',
  descriptionZh: 'challenge.fields.descriptionZh',
  descriptionEn: 'challenge.fields.descriptionEn',
  industry: 'challenge.fields.industry',
  category: 'challenge.fields.category',
  indicators: 'challenge.fields.indicators',
  eligibilityZh: 'challenge.fields.eligibilityZh',
  eligibilityEn: 'challenge.fields.eligibilityEn',
  enterpriseShare: 'challenge.fields.enterpriseShare',
  requestedSpecialFund: 'challenge.fields.requestedSpecialFund',
  specialFund: 'challenge.fields.specialFund',
  specialFundFen: 'challenge.fields.specialFund',
  deadline: 'manage.fieldLabels.deadline',
  newDeadline: 'manage.fieldLabels.deadline',
  durationMonths: 'challenge.fields.durationMonths',
  maxWinners: 'challenge.fields.maxWinners',
  ipTermsZh: 'challenge.fields.ipTermsZh',
  ipTermsEn: 'challenge.fields.ipTermsEn',
  visibility: 'challenge.fields.visibility',
  domesticOnly: 'challenge.fields.domesticOnly',
  attachment: 'manage.fieldLabels.attachment',
  reason: 'manage.fieldLabels.reason',
  textZh: 'manage.decision.amendTextZh',
  textEn: 'manage.decision.amendTextEn',
  note: 'manage.decision.note',
} as const;

const INDICATOR_LABELS = {
  nameZh: 'challenge.fields.indicatorName',
  nameEn: 'challenge.fields.indicatorNameEn',
  target: 'challenge.fields.indicatorTarget',
  unit: 'challenge.fields.indicatorUnit',
  method: 'challenge.fields.indicatorMethod',
} as const;

/** The label of a form field by its input name; an indicator's field names its row. */
export function fieldLabel(t: Translate, field: string, overrides: Record<string, string> = {}): string {
  if (overrides[field]) return overrides[field];
  const m = /^indicators\.(\d+)\.(\w+)$/.exec(field);
  if (m) {
    const key = INDICATOR_LABELS[m[2] as keyof typeof INDICATOR_LABELS];
    return t('manage.fieldLabels.indicator', { n: Number(m[1]) + 1, field: key ? t(key) : m[2]! });
  }
  const key = FIELD_LABELS[field as keyof typeof FIELD_LABELS];
  return key ? t(key) : field;
}

const CHOICES = new Set(['industry', 'category', 'visibility']);

/** One sentence for one problem of one field. */
export function issueSentence(t: Translate, issue: IssueLike, overrides: Record<string, string> = {}): string {
  const label = fieldLabel(t, issue.field, overrides);
  const p = issue.params ?? {};
  if (issue.field === 'attachment' && issue.code === 'required') return t('manage.issues.no_file');
  switch (issue.code) {
    case 'required':
      return CHOICES.has(issue.field) ? t('manage.issues.choose', { label }) : t('manage.issues.required', { label });
    case 'enum':
      return t('manage.issues.choose', { label });
    case 'indicator_required':
    case 'bounty_zero':
      return t(`manage.issues.${issue.code}`);
    case 'not_future':
    case 'invalid_amount':
    case 'invalid_yuan':
    case 'invalid_deadline':
    case 'exceeds_requested':
      return t(`manage.issues.${issue.code}`, { label });
    case 'reason_length':
    case 'text_length':
      return t(`manage.issues.${issue.code}`, { label });
    case 'out_of_range':
      if (p.min !== undefined && p.max !== undefined) return t('manage.issues.out_of_range', { label, min: p.min, max: p.max });
      break;
    case 'too_far':
      if (p.years !== undefined) return t('manage.issues.too_far', { label, years: p.years });
      break;
    case 'maxItems':
      if (p.limit !== undefined) return t('manage.issues.maxItems', { label, limit: p.limit });
      break;
  }
  // Codes we have no words for (length limits, file types, …): the API's own localised message.
  if (issue.message) return t('manage.issues.other', { label, message: issue.message });
  return t('manage.issues.required', { label });
}
