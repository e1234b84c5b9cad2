import { error, fail, isActionFailure, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { createHash, randomUUID } from 'node:crypto';
import type { FormFailure } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { beijingDate } from '$lib/projects';
import { createApi } from '$lib/server/api';
import { failFromApi, invalid, loadFailed, text } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { Indicator } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = ['solver', 'enterprise', 'bureau', 'finance'] as const;

/**
 * One project (任务书) with its milestones and releases, and what the reader may do to it: the solver
 * signs with its payee account and submits reports, the owner signs, reviews and records paying its
 * share, the bureau verifies, resolves and stops, finance disburses the special fund.
 */
export const load: PageServerLoad = async (event) => {
  const me = requireRole(event, ...ROLES);
  if (!UUID.test(event.params.id)) error(404, { message: createTranslator(event.locals.locale)('errors.notFound') });
  try {
    const api = createApi(event);
    const project = await api.projects.get(event.params.id);
    const role = me.user.role;
    // The challenge's technical indicators name the final acceptance's results; a reader who may not
    // read the challenge still sees the results, numbered.
    const indicators = await api.challenges.get(project.challenge.id).then((c): Indicator[] => ('indicators' in c ? c.indicators : []), (): Indicator[] => []);
    return {
      project,
      indicators,
      relation: {
        solver: role === 'solver' && me.organization?.id === project.organization.id,
        // The API shows an enterprise only the projects of its own challenges.
        owner: role === 'enterprise',
        bureau: role === 'bureau',
        finance: role === 'finance',
      },
      today: beijingDate(new Date()),
      // One key per rendered page, made specific to each payment when sent: sending the same form twice pays once.
      paymentKey: randomUUID(),
    };
  } catch (e) {
    loadFailed(event, e);
  }
};

type Event = RequestEvent<{ id: string }>;
type Done = { action: string; target: string; done: true };

/** A form action: reads the form, calls the API; success and refusal both name the action and its target. */
const action = (name: string, targetField: string | null, step: (event: Event, form: FormData, target: string) => unknown, values: (form: FormData) => Record<string, string> = () => ({})) =>
  async (event: Event): Promise<ActionFailure<FormFailure> | Done> => {
    requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const target = targetField ? text(form, targetField) : event.params.id;
    const extra = { action: name, target };
    try {
      const result = await step(event, form, target);
      if (isActionFailure(result)) return result as unknown as ActionFailure<FormFailure>;
    } catch (e) {
      return failFromApi(event, e, values(form), extra);
    }
    return { ...extra, done: true as const };
  };

/** A required text field: the refusal if empty, as the API would give it. */
const required = (event: Event, form: FormData, field: string, extra: { action: string; target: string }, values: Record<string, string>) =>
  text(form, field) === '' ? invalid(event, [{ field, code: 'required', message: '' }], values, extra) : null;

/** The results form's inputs as sent, to show them again after a refusal. */
const resultValues = (form: FormData): Record<string, string> =>
  Object.fromEntries([...form.keys()].filter((k) => k.startsWith('results.')).map((k) => [k, text(form, k)]));

export const actions: Actions = {
  signSolver: async (event): Promise<ActionFailure<FormFailure> | Done> => {
    requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const payee = { accountName: text(form, 'accountName'), bank: text(form, 'bank'), accountNumber: text(form, 'accountNumber') };
    const extra = { action: 'signSolver', target: event.params.id };
    const missing = Object.entries(payee).filter(([, v]) => v === '').map(([k]) => ({ field: `payee.${k}`, code: 'required', message: '' }));
    if (missing.length > 0) return invalid(event, missing, payee, extra);
    try {
      await createApi(event).projects.sign(event.params.id, payee);
    } catch (e) {
      return failFromApi(event, e, payee, extra);
    }
    return { ...extra, done: true as const };
  },

  signOwner: action('signOwner', null, (event) => createApi(event).projects.sign(event.params.id)),

  submit: action('submit', 'milestoneId', (event, form, target) =>
    required(event, form, 'report', { action: 'submit', target }, { report: text(form, 'report') }) ?? createApi(event).projects.submit(target, text(form, 'report')),
  (form) => ({ report: text(form, 'report') })),

  /**
   * A deliverable file for a milestone the solver may still submit (its own form, multipart; works
   * without JavaScript). A refusal of the file is the file input's (type, size, state), in the reader's words.
   */
  attach: async (event): Promise<ActionFailure<FormFailure> | Done> => {
    requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const target = text(form, 'milestoneId');
    const extra = { action: 'attach', target };
    const file = form.get('attachment');
    if (!(file instanceof File) || file.name === '') return invalid(event, [{ field: 'attachment', code: 'no_file', message: '' }], {}, extra);
    if (file.size > ATTACHMENT_MAX_BYTES) {
      const t = createTranslator(event.locals.locale);
      return fail(413, { ...extra, problem: { title: t('form.invalidTitle'), detail: t('form.invalidDetail'), fields: [{ field: 'attachment', code: 'too_large', message: '' }] } });
    }
    try {
      await createApi(event).attachments.uploadToMilestone(target, file.name, new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      const base = failFromApi(event, e, {}, extra);
      const p = base.data.problem;
      // The API names the body or the query of an upload, or no field at all (type, size, state).
      const fields = p.fields.length > 0 ? p.fields.map((f) => ({ ...f, field: 'attachment' })) : [{ field: 'attachment', code: p.code ?? 'invalid', message: p.detail }];
      return fail(base.status, { ...extra, problem: { ...p, fields } });
    }
    return { ...extra, done: true as const };
  },

  accept: action('accept', 'milestoneId', (event, _form, target) => createApi(event).projects.review(target, { accept: true })),

  return: action('return', 'milestoneId', (event, form, target) =>
    required(event, form, 'feedback', { action: 'return', target }, { feedback: text(form, 'feedback') }) ?? createApi(event).projects.review(target, { accept: false, feedback: text(form, 'feedback') }),
  (form) => ({ feedback: text(form, 'feedback') })),

  verify: action('verify', 'milestoneId', (event, _form, target) => createApi(event).projects.verify(target)),

  disburse: action('disburse', 'releaseId', (event, form, target) => {
    const reference = text(form, 'paymentReference');
    // Finance must give the treasury's reference; the owner may.
    if (event.locals.user?.user.role === 'finance' && reference === '') return required(event, form, 'paymentReference', { action: 'disburse', target }, { paymentReference: reference });
    // The page's key, for this release and this reference: sending the same form again is the same
    // payment (the API answers as the first time); a corrected reference is a new request.
    const page = text(form, 'key');
    const key = page ? `${page}:${target}:${createHash('sha256').update(reference).digest('hex').slice(0, 16)}` : undefined;
    return createApi(event).projects.disburse(target, reference || undefined, key);
  }, (form) => ({ paymentReference: text(form, 'paymentReference') })),

  confirm: action('confirm', 'releaseId', (event, _form, target) => createApi(event).projects.answer(target, { received: true })),

  dispute: action('dispute', 'releaseId', (event, form, target) =>
    required(event, form, 'reason', { action: 'dispute', target }, { reason: text(form, 'reason') }) ?? createApi(event).projects.answer(target, { received: false, reason: text(form, 'reason') }),
  (form) => ({ reason: text(form, 'reason') })),

  resolve: action('resolve', 'releaseId', (event, form, target) => {
    const outcome = text(form, 'outcome');
    const values = { outcome, resolution: text(form, 'resolution') };
    const issues = [
      ...(outcome !== 'paid' && outcome !== 'unpaid' ? [{ field: 'outcome', code: 'required', message: '' }] : []),
      ...(values.resolution === '' ? [{ field: 'resolution', code: 'required', message: '' }] : []),
    ];
    if (issues.length > 0) return invalid(event, issues, values, { action: 'resolve', target });
    return createApi(event).projects.resolve(target, { paid: outcome === 'paid', resolution: values.resolution });
  }, (form) => ({ outcome: text(form, 'outcome'), resolution: text(form, 'resolution') })),

  requestDue: action('requestDue', 'milestoneId', (event, form, target) => {
    const values = { dueDate: text(form, 'dueDate'), reason: text(form, 'reason') };
    const missing = Object.entries(values).filter(([, v]) => v === '').map(([field]) => ({ field, code: 'required', message: '' }));
    if (missing.length > 0) return invalid(event, missing, values, { action: 'requestDue', target });
    return createApi(event).projects.requestChange(event.params.id, { kind: 'due_date', milestoneId: target, ...values });
  }, (form) => ({ dueDate: text(form, 'dueDate'), reason: text(form, 'reason') })),

  requestPayee: action('requestPayee', null, (event, form) => {
    const payee = { accountName: text(form, 'accountName'), bank: text(form, 'bank'), accountNumber: text(form, 'accountNumber') };
    const reason = text(form, 'reason');
    const values = { ...payee, reason };
    const missing = [...Object.entries(payee).map(([k, v]) => [`payee.${k}`, v] as const), ['reason', reason] as const]
      .filter(([, v]) => v === '').map(([field]) => ({ field, code: 'required', message: '' }));
    if (missing.length > 0) return invalid(event, missing, values, { action: 'requestPayee', target: event.params.id });
    return createApi(event).projects.requestChange(event.params.id, { kind: 'payee', payee, reason });
  }, (form) => ({ accountName: text(form, 'accountName'), bank: text(form, 'bank'), accountNumber: text(form, 'accountNumber'), reason: text(form, 'reason') })),

  decide: action('decide', 'requestId', (event, form, target) => {
    const decision = text(form, 'decision');
    const values = { reason: text(form, 'reason') };
    const issues = [
      ...(decision !== 'approve' && decision !== 'reject' ? [{ field: 'decision', code: 'required', message: '' }] : []),
      ...(values.reason === '' ? [{ field: 'reason', code: 'required', message: '' }] : []),
    ];
    if (issues.length > 0) return invalid(event, issues, values, { action: 'decide', target });
    return createApi(event).projects.decideChange(target, { approve: decision === 'approve', reason: values.reason });
  }, (form) => ({ reason: text(form, 'reason') })),

  /** Every indicator's row, as `results.{i}.achieved|evidence|met` with its `results.{i}.position`: the API's own field names. */
  recordResults: action('recordResults', null, (event, form) => {
    const count = Math.min(50, Number(text(form, 'count')) || 0);
    const rows = Array.from({ length: count }, (_, i) => ({
      position: Number(text(form, `results.${i}.position`)),
      achieved: text(form, `results.${i}.achieved`),
      evidence: text(form, `results.${i}.evidence`),
      met: text(form, `results.${i}.met`),
    }));
    const values = resultValues(form);
    const issues = rows.flatMap((r, i) => [
      ...(r.achieved === '' ? [{ field: `results.${i}.achieved`, code: 'required', message: '' }] : []),
      ...(r.evidence === '' ? [{ field: `results.${i}.evidence`, code: 'required', message: '' }] : []),
      ...(r.met !== 'yes' && r.met !== 'no' ? [{ field: `results.${i}.met`, code: 'required', message: '' }] : []),
    ]);
    if (issues.length > 0) return invalid(event, issues, values, { action: 'recordResults', target: event.params.id });
    return createApi(event).projects.recordResults(event.params.id, rows.map((r) => ({ ...r, met: r.met === 'yes' })));
  }, (form) => resultValues(form)),

  stop: action('stop', null, (event, form, target) =>
    required(event, form, 'reason', { action: 'stop', target }, { reason: text(form, 'reason') }) ?? createApi(event).projects.stop(event.params.id, text(form, 'reason')),
  (form) => ({ reason: text(form, 'reason') })),
};
