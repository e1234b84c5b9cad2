/**
 * Application field problems in words, the same way whether the browser found them (the domain's
 * rules, live) or the server did (its refusal of a save or a submission, with its own localised
 * message): the field's label, then what is wrong with it.
 */
import { APPLICATION_ISSUE_CODES } from '@challenge/domain';
import { formatMoney } from '$lib/format';
import type { Locale, MessageKey, Translate } from '$lib/i18n';
import type { FormFieldIssue } from './application-form';

const ROW_LABELS = {
  'team.name': 'apply.labels.memberName',
  'team.role': 'apply.labels.memberRole',
  'milestones.title': 'apply.labels.milestoneTitle',
  'milestones.deliverables': 'apply.labels.milestoneDeliverables',
  'milestones.dueDate': 'apply.labels.milestoneDueDate',
  'milestones.amount': 'apply.labels.milestoneAmount',
} as const satisfies Record<string, MessageKey>;

const FIELD_LABELS = {
  team: 'apply.labels.team',
  partners: 'apply.labels.partners',
  leadOrganizationId: 'apply.labels.leadOrganization',
  requested: 'apply.labels.requested',
  milestones: 'apply.labels.milestones',
  priorResults: 'apply.labels.priorResults',
  attachment: 'apply.labels.attachment',
} as const satisfies Record<string, MessageKey>;

/** The label of a form field by its input name (`milestones.2.amount` → "里程碑 3 的金额"). */
export function fieldLabel(t: Translate, field: string): string {
  const response = /^responses\.(\d+)$/.exec(field);
  if (response) return t('apply.labels.response', { n: Number(response[1]) + 1 });
  const row = /^(team|milestones)\.(\d+)\.(\w+)$/.exec(field);
  if (row) {
    const key = ROW_LABELS[`${row[1]}.${row[3]}` as keyof typeof ROW_LABELS];
    if (key) return t(key, { n: Number(row[2]) + 1 });
  }
  const key = FIELD_LABELS[field as keyof typeof FIELD_LABELS];
  return key ? t(key) : field;
}

const ATTACHMENT_ERRORS = {
  no_file: 'apply.attachments.errors.required',
  too_large: 'apply.attachments.errors.tooLarge',
  file_type_not_allowed: 'apply.attachments.errors.file_type_not_allowed',
  attachment_limit_reached: 'apply.attachments.errors.attachment_limit_reached',
  payload_too_large: 'apply.attachments.errors.payload_too_large',
  deadline_passed: 'apply.attachments.errors.deadline_passed',
} as const satisfies Record<string, MessageKey>;

const OWN_CODES = new Set<string>([...APPLICATION_ISSUE_CODES, 'invalid_yuan', 'invalid_partner_id']);
/** Codes the browser's own check decides too: once it no longer finds them, the server's word on them is stale. */
export const isLiveCode = (code: string): boolean => OWN_CODES.has(code);
const MONEY_PARAMS = new Set(['bounty', 'expected', 'actual']);
/** Codes whose sentence needs the numbers the API leaves out of its field errors. */
const PARAM_CODES = new Set(['maxLength', 'maxItems', 'exceeds_bounty', 'before_deadline', 'after_project_end', 'not_increasing', 'milestones_sum_mismatch', 'invalid_partner_id']);

/**
 * One sentence for one problem of one field. The browser's own findings carry parameters, put in
 * words here (amounts as money). A server refusal carries the API's localised message instead (its
 * field errors have no parameters): used when the sentence would need numbers, or for codes we have
 * no words for.
 */
export function issueSentence(t: Translate, locale: Locale, issue: FormFieldIssue): string {
  // A refused upload (the file input's): our own words for the refusals we know, else the API's.
  if (issue.field === 'attachment' && issue.code in ATTACHMENT_ERRORS) return t(ATTACHMENT_ERRORS[issue.code as keyof typeof ATTACHMENT_ERRORS]);
  const label = fieldLabel(t, issue.field);
  const known = OWN_CODES.has(issue.code) && (issue.params !== undefined || !PARAM_CODES.has(issue.code));
  if (!known) return issue.message ? t('apply.issues.other', { label, message: issue.message }) : t('apply.issues.required', { label });
  const params: Record<string, string | number> = { label };
  for (const [k, v] of Object.entries(issue.params ?? {})) params[k] = MONEY_PARAMS.has(k) && typeof v === 'number' ? formatMoney(v, locale) : v;
  return t(`apply.issues.${issue.code}` as MessageKey, params);
}
