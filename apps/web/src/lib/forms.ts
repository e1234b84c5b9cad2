/** Form failures as actions return them and components show them (no server code here). */
import type { Translate } from '$lib/i18n';

export interface FormIssue {
  /** The input's name, e.g. `organization.uscc`. */
  field: string;
  code: string;
  message: string;
  /** What the API's message names, as values (e.g. `reason` and `applicationId` of a conflict). */
  params?: Record<string, string | number>;
}

export interface FormProblem {
  title: string;
  detail: string;
  code?: string;
  fields: FormIssue[];
}

export interface FormFailure {
  values?: Record<string, string>;
  problem: FormProblem;
  /** Which item of a list the failure belongs to (e.g. the organisation whose rejection failed). */
  target?: string;
  action?: string;
}

/** The API reports schema errors at `body.organization.uscc` and rule errors at `organization.uscc`. */
export const normalizeField = (field: string): string => field.replace(/^(body|querystring|params)(\.|$)/, '');

export const fieldId = (name: string, prefix = 'f'): string => `${prefix}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** Codes we describe ourselves; anything else shows the API's localised message. */
const OWN_CODES = new Set([
  'email_taken',
  'uscc_invalid',
  'uscc_required',
  'foreign_identity_required',
  'email_domain_mismatch',
  'role_not_allowed',
  'organization_kind_not_allowed',
  'required',
  'uscc_length',
  'uscc_charset',
  'uscc_check_character',
]);
/** JSON-schema keywords: the API's message is a predicate ("must be at least 8 characters") for the label. */
const SCHEMA_KEYWORDS = new Set(['minLength', 'maxLength', 'format', 'pattern', 'enum', 'type', 'const', 'anyOf', 'minimum', 'maximum', 'additionalProperties']);

export function issueText(t: Translate, issue: FormIssue, label: string | undefined): string {
  if (OWN_CODES.has(issue.code)) return t(`form.codes.${issue.code}` as Parameters<Translate>[0], { label: label ?? '' });
  if (SCHEMA_KEYWORDS.has(issue.code) && label) return t('form.predicate', { label, message: issue.message });
  return issue.message;
}

/** The issue for one input, if any. */
export const issueFor = (problem: FormProblem | undefined | null, field: string): FormIssue | undefined =>
  problem?.fields.find((f) => f.field === field);
