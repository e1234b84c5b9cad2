/**
 * The one way the web app talks to the API: server-side only, through `event.fetch` (which
 * hooks.server.ts `handleFetch` routes in-process or to API_ORIGIN), with the caller's access token
 * and language. Problem-details answers become a typed ApiError.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n';
import { createTranslator } from './i18n';
import type {
  Attachment,
  Challenge,
  ChallengeInput,
  ChallengeListPage,
  ChallengeListQuery,
  ChallengeManage,
  ChallengeStats,
  AmendmentKind,
  CreateUserInput,
  JoinDecision,
  JoinRequest,
  Me,
  Organization,
  OrganizationStatus,
  Paged,
  RegisterInput,
  RegisterResult,
  Role,
  TokenPair,
  User,
  UserStatus,
} from '$lib/types';
import type { Question, QuestionPage } from '$lib/qa';
import type { NotificationPage } from '$lib/notifications';
import type { ApplicationAttachment, ApplicationPage, ApplicationPatch, ApplicationState, ApplicationView } from '$lib/apply';
import type { AssignInput, AssignmentRow, AssignResult, Expert, ExpertProfileInput, MyReview, MyReviewSheet, OrgNames, Ranking, ReviewInput, Rubric, RubricCriterion } from '$lib/review';
import type { Decision, DecisionInput, FinalizeResult, Objection, ObjectionInput, ResolveInput } from '$lib/decision';
import type { CalendarYear, CalendarYearInput } from '$lib/calendar';
import type { Budget, BudgetList, LedgerCheck, LedgerView } from '$lib/funds';
import type { Dashboard, DashboardFilter } from '$lib/dashboard';
import type { AuditFacets, AuditPage, AuditQuery, AuditVerification } from '$lib/audit';
import type { ChangeRequestInput, IndicatorResultInput, MilestoneAttachment, Payee, ProjectSummary, ProjectView, QueuedRelease, Release } from '$lib/projects';
import type { ResultsPage } from '$lib/results';
import type { EmailPreferences, FollowedChallenge, SavedQuery, SavedSearch, UnsubscribeView } from '$lib/reach';
import type { NotificationKind } from '@challenge/domain';

export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
  /** The values the message names (ids, amounts, reason codes). */
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: ApiFieldError[],
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Query = Record<string, string | number | undefined | null>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Overrides the token of the signed-in user (hooks use it while the session is being resolved). */
  token?: string | null;
  /** Extra request headers (e.g. `idempotency-key`). */
  headers?: Record<string, string>;
}

type ApiEvent = Pick<RequestEvent, 'fetch' | 'locals'>;

function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isProblem(v: unknown): v is { title?: unknown; detail?: unknown; code?: unknown; errors?: unknown } {
  return typeof v === 'object' && v !== null;
}

function toApiError(status: number, body: unknown, locale: Locale): ApiError {
  const t = createTranslator(locale);
  if (!isProblem(body)) return new ApiError(status, status >= 500 ? 'internal' : 'unknown', t('errors.internalTitle'), t('errors.internal'));
  const errors = Array.isArray(body.errors)
    ? body.errors.filter((e: unknown): e is ApiFieldError => {
        const f = e as Partial<Record<keyof ApiFieldError, unknown>> | null;
        return typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.code === 'string' && typeof f.message === 'string';
      })
    : undefined;
  return new ApiError(
    status,
    typeof body.code === 'string' ? body.code : 'unknown',
    typeof body.title === 'string' ? body.title : t('errors.internalTitle'),
    typeof body.detail === 'string' ? body.detail : t('errors.internal'),
    errors && errors.length > 0 ? errors : undefined,
  );
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function createApi(event: ApiEvent) {
  const locale = event.locals.locale;

  /** One request to the API; problem answers become ApiError, success returns the Response unread. */
  async function send(method: Method, path: string, options: CallOptions & { bytes?: Uint8Array<ArrayBuffer> } = {}): Promise<Response> {
    const headers = new Headers({ accept: 'application/json, application/problem+json', 'accept-language': locale });
    const token = options.token === undefined ? event.locals.accessToken : options.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    let body: BodyInit | undefined;
    if (options.bytes) {
      body = options.bytes;
      headers.set('content-type', 'application/octet-stream');
    } else if (method !== 'GET') {
      // Fastify refuses an empty body sent as JSON, so bodiless actions send `{}`.
      body = JSON.stringify(options.body ?? {});
      headers.set('content-type', 'application/json');
    }
    let res: Response;
    try {
      res = await event.fetch(`/api${path}${toQueryString(options.query)}`, { method, headers, body });
    } catch (cause) {
      console.error('API unreachable', cause);
      const t = createTranslator(locale);
      throw new ApiError(503, 'unavailable', t('errors.unavailableTitle'), t('errors.unavailable'));
    }
    if (!res.ok) throw toApiError(res.status, await readJson(res), locale);
    return res;
  }

  async function call<T>(method: Method, path: string, options: CallOptions = {}): Promise<T> {
    const res = await send(method, path, options);
    return (res.status === 204 ? undefined : await readJson(res)) as T;
  }

  return {
    auth: {
      register: (input: RegisterInput) => call<RegisterResult>('POST', '/auth/register', { body: input, token: null }),
      login: (input: { email: string; password: string }) => call<TokenPair>('POST', '/auth/login', { body: input, token: null }),
      refresh: (refreshToken: string) => call<TokenPair>('POST', '/auth/refresh', { body: { refreshToken }, token: null }),
      logout: (refreshToken: string) => call<void>('POST', '/auth/logout', { body: { refreshToken }, token: null }),
    },
    me: {
      get: (token?: string) => call<Me>('GET', '/me', { token }),
      update: (patch: { displayName?: string; locale?: Locale }) => call<User>('PATCH', '/me', { body: patch }),
    },
    organizations: {
      list: (q: { status?: OrganizationStatus; page?: number; pageSize?: number }) => call<Paged<Organization>>('GET', '/organizations', { query: q }),
      verify: (id: string, reason?: string) => call<Organization>('POST', `/organizations/${encodeURIComponent(id)}/verify`, { body: reason ? { reason } : {} }),
      reject: (id: string, reason: string) => call<Organization>('POST', `/organizations/${encodeURIComponent(id)}/reject`, { body: { reason } }),
      joinRequests: (id: string) => call<{ items: JoinRequest[] }>('GET', `/organizations/${encodeURIComponent(id)}/join-requests`),
    },
    joinRequests: {
      approve: (id: string, reason?: string) => call<JoinDecision>('POST', `/join-requests/${encodeURIComponent(id)}/approve`, { body: reason ? { reason } : {} }),
      reject: (id: string, reason: string) => call<JoinDecision>('POST', `/join-requests/${encodeURIComponent(id)}/reject`, { body: { reason } }),
    },
    challenges: {
      list: (q: ChallengeListQuery) => call<ChallengeListPage>('GET', '/challenges', { query: { ...q } }),
      /** Public headline figures; published challenges only (never drafts or challenges in review). */
      stats: () => call<ChallengeStats>('GET', '/challenges/stats'),
      get: (id: string) => call<Challenge>('GET', `/challenges/${encodeURIComponent(id)}`),
      create: (input: ChallengeInput & { titleZh: string }) => call<ChallengeManage>('POST', '/challenges', { body: input }),
      update: (id: string, patch: ChallengeInput) => call<ChallengeManage>('PATCH', `/challenges/${encodeURIComponent(id)}`, { body: patch }),
      submit: (id: string) => call<ChallengeManage>('POST', `/challenges/${encodeURIComponent(id)}/submit`),
      approve: (id: string, input: { specialFundFen: number; note?: string }) => call<ChallengeManage>('POST', `/challenges/${encodeURIComponent(id)}/approve`, { body: input }),
      return: (id: string, reason: string) => call<ChallengeManage>('POST', `/challenges/${encodeURIComponent(id)}/return`, { body: { reason } }),
      close: (id: string) => call<ChallengeManage>('POST', `/challenges/${encodeURIComponent(id)}/close`),
      cancel: (id: string, reason: string) => call<ChallengeManage>('POST', `/challenges/${encodeURIComponent(id)}/cancel`, { body: { reason } }),
      amend: (id: string, input: { kind: AmendmentKind; textZh: string; textEn?: string; newDeadline?: string }) =>
        call<Challenge>('POST', `/challenges/${encodeURIComponent(id)}/amendments`, { body: input }),
      acceptConfidentiality: (id: string, termsVersion: string) => call<Challenge>('POST', `/challenges/${encodeURIComponent(id)}/confidentiality`, { body: { termsVersion } }),
    },
    questions: {
      list: (challengeId: string, q: { page?: number; pageSize?: number } = {}) =>
        call<QuestionPage>('GET', `/challenges/${encodeURIComponent(challengeId)}/questions`, { query: q }),
      ask: (challengeId: string, body: string) => call<Question>('POST', `/challenges/${encodeURIComponent(challengeId)}/questions`, { body: { body } }),
      answer: (questionId: string, answer: string) => call<Question>('POST', `/questions/${encodeURIComponent(questionId)}/answer`, { body: { answer } }),
    },
    attachments: {
      upload: (challengeId: string, filename: string, bytes: Uint8Array<ArrayBuffer>) =>
        send('POST', '/attachments', { query: { parentType: 'challenge', parentId: challengeId, filename }, bytes }).then((r) => r.json() as Promise<Attachment>),
      /** A file of the applicant's application (while it may edit it). */
      uploadToApplication: (applicationId: string, filename: string, bytes: Uint8Array<ArrayBuffer>) =>
        send('POST', '/attachments', { query: { parentType: 'application', parentId: applicationId, filename }, bytes }).then((r) => r.json() as Promise<ApplicationAttachment>),
      /** A deliverable file of a milestone (the project's solver, while the milestone may be submitted). */
      uploadToMilestone: (milestoneId: string, filename: string, bytes: Uint8Array<ArrayBuffer>) =>
        send('POST', '/attachments', { query: { parentType: 'milestone', parentId: milestoneId, filename }, bytes }).then((r) => r.json() as Promise<MilestoneAttachment>),
      /** The API's answer as it is (headers and body stream), for the web route that passes a download on. */
      download: (id: string) => send('GET', `/attachments/${encodeURIComponent(id)}`),
    },
    notifications: {
      list: (q: { page?: number; pageSize?: number }) => call<NotificationPage>('GET', '/notifications', { query: q }),
      unreadCount: () => call<{ unread: number }>('GET', '/notifications/unread-count'),
      markRead: (id: string) => call<{ unread: number }>('POST', `/notifications/${encodeURIComponent(id)}/read`),
      markAllRead: () => call<{ unread: number }>('POST', '/notifications/read-all'),
    },
    /** Applications (揭榜): the solver's own, through the API's applicant view. */
    applications: {
      create: (challengeId: string, draft: ApplicationPatch = {}) =>
        call<ApplicationView>('POST', `/challenges/${encodeURIComponent(challengeId)}/applications`, { body: draft }),
      list: (q: { page?: number; pageSize?: number } = {}) => call<ApplicationPage>('GET', '/applications', { query: q }),
      get: (id: string) => call<ApplicationView>('GET', `/applications/${encodeURIComponent(id)}`),
      save: (id: string, patch: ApplicationPatch) => call<ApplicationView>('PATCH', `/applications/${encodeURIComponent(id)}`, { body: patch }),
      submit: (id: string) => call<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/submit`),
      withdraw: (id: string) => call<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/withdraw`),
    },
    /** Expert review (专家评审): eligibility, the expert pool, rubric, assignment, the expert's declaration and scores, the ranking. */
    reviews: {
      /** Submitted applications (latest frozen versions): the bureau; the owner after the deadline. */
      applications: (challengeId: string, q: { page?: number; pageSize?: number; state?: ApplicationState } = {}) =>
        call<ApplicationPage>('GET', `/challenges/${encodeURIComponent(challengeId)}/applications`, { query: q }),
      /** One application: the bureau, the owner after the deadline, an assigned expert once declared free of conflict. */
      application: (applicationId: string) => call<ApplicationView>('GET', `/applications/${encodeURIComponent(applicationId)}`),
      eligibility: (applicationId: string, input: { eligible: boolean; reason?: string }) =>
        call<ApplicationView>('POST', `/applications/${encodeURIComponent(applicationId)}/eligibility`, { body: input }),
      experts: (expertise: string[] = []) => call<{ items: Expert[] }>('GET', '/experts', { query: { expertise: expertise.join(',') } }),
      setExpertProfile: (expertId: string, input: ExpertProfileInput) => call<ExpertProfileInput>('PUT', `/experts/${encodeURIComponent(expertId)}/profile`, { body: input }),
      /** Every assignment of the challenge with its declaration and total (the bureau). */
      assignments: (challengeId: string) => call<{ items: AssignmentRow[] }>('GET', `/challenges/${encodeURIComponent(challengeId)}/reviewers`),
      assign: (challengeId: string, input: AssignInput) => call<AssignResult>('POST', `/challenges/${encodeURIComponent(challengeId)}/reviewers`, { body: input }),
      rubric: (challengeId: string) => call<Rubric>('GET', `/challenges/${encodeURIComponent(challengeId)}/rubric`),
      setRubric: (challengeId: string, criteria: RubricCriterion[]) => call<Rubric>('PUT', `/challenges/${encodeURIComponent(challengeId)}/rubric`, { body: { criteria } }),
      ranking: (challengeId: string) => call<Ranking>('GET', `/challenges/${encodeURIComponent(challengeId)}/ranking`),
      /** The signed-in expert's assignments. */
      mine: () => call<{ items: MyReview[] }>('GET', '/reviews'),
      /** The expert's own declaration and saved scores on one application. */
      sheet: (applicationId: string) => call<MyReviewSheet>('GET', `/applications/${encodeURIComponent(applicationId)}/review`),
      /** The expert's conflict declaration (final), then its scores (revisable while in review). */
      submit: (applicationId: string, input: ReviewInput) => call<MyReviewSheet>('PUT', `/applications/${encodeURIComponent(applicationId)}/review`, { body: input }),
    },
    /** Decision and public notice (公示): the bureau decides, anyone signed in objects during the notice, the bureau resolves and makes the award final. */
    decisions: {
      /** The latest decision on a challenge (everyone who may see the challenge); 404 when there is none. */
      get: (challengeId: string) => call<Decision>('GET', `/challenges/${encodeURIComponent(challengeId)}/decision`),
      decide: (challengeId: string, input: DecisionInput) => call<Decision>('POST', `/challenges/${encodeURIComponent(challengeId)}/decision`, { body: input }),
      /** All objections for the bureau; the reader's own for anyone else. */
      objections: (challengeId: string) => call<{ items: Objection[] }>('GET', `/challenges/${encodeURIComponent(challengeId)}/objections`),
      object: (challengeId: string, input: ObjectionInput) => call<Objection>('POST', `/challenges/${encodeURIComponent(challengeId)}/objections`, { body: input }),
      resolve: (objectionId: string, input: ResolveInput) => call<Objection>('POST', `/objections/${encodeURIComponent(objectionId)}/resolve`, { body: input }),
      finalize: (challengeId: string) => call<FinalizeResult>('POST', `/challenges/${encodeURIComponent(challengeId)}/finalize`),
    },
    /** The working-day calendar (节假日和调休): anyone reads a year; the bureau replaces it. */
    calendar: {
      get: (year: number) => call<CalendarYear>('GET', `/calendar/${year}`),
      set: (year: number, input: CalendarYearInput) => call<CalendarYear>('PUT', `/calendar/${year}`, { body: input }),
    },
    /** The special fund (专项资金): the finance bureau and the bureau read each year's budget and the ledger check; the finance bureau sets a budget. */
    funds: {
      budgets: () => call<BudgetList>('GET', '/budgets'),
      setBudget: (year: number, budgetFen: number) => call<Budget>('PUT', `/budgets/${year}`, { body: { budgetFen } }),
      check: () => call<LedgerCheck>('GET', '/ledger/check'),
      /** Balances by account (key containing `account`) and the transfers touching them, newest first. */
      ledger: (q: { account?: string; page?: number; pageSize?: number }) => call<LedgerView>('GET', '/ledger', { query: q }),
      /** The special-fund releases awaiting disbursement, oldest first, each with whether it may be paid now. */
      releases: () => call<{ items: QueuedRelease[] }>('GET', '/releases'),
    },
    /** The bureau's portfolio figures and the exports (CSV, XLSX) with the same filters; finance may export releases and the ledger. */
    reports: {
      dashboard: (filter: DashboardFilter) => call<Dashboard>('GET', '/dashboard', { query: { ...filter } }),
      /** The API's answer as it is (headers and body stream), for the web route that passes the file on. */
      download: (file: string, filter: DashboardFilter) => send('GET', `/reports/${encodeURIComponent(file)}`, { query: { ...filter } }),
    },
    /** Projects (任务书): signing, milestones (solver submits, owner reviews, bureau verifies), releases by funding source. */
    projects: {
      list: () => call<{ items: ProjectSummary[] }>('GET', '/projects'),
      get: (id: string) => call<ProjectView>('GET', `/projects/${encodeURIComponent(id)}`),
      sign: (id: string, payee?: Payee) => call<ProjectView>('POST', `/projects/${encodeURIComponent(id)}/sign`, { body: payee ? { payee } : {} }),
      stop: (id: string, reason: string) => call<ProjectView>('POST', `/projects/${encodeURIComponent(id)}/stop`, { body: { reason } }),
      /** The solver asks the bureau to move a milestone's due date or to change the payee account. */
      requestChange: (id: string, input: ChangeRequestInput) => call<ProjectView>('POST', `/projects/${encodeURIComponent(id)}/change-requests`, { body: input }),
      decideChange: (requestId: string, input: { approve: boolean; reason: string }) => call<ProjectView>('POST', `/change-requests/${encodeURIComponent(requestId)}/decide`, { body: input }),
      /** Final acceptance: the owner records every technical indicator's result (replacing what was recorded). */
      recordResults: (id: string, results: IndicatorResultInput[]) => call<ProjectView>('PUT', `/projects/${encodeURIComponent(id)}/indicator-results`, { body: { results } }),
      submit: (milestoneId: string, report: string) => call<ProjectView>('POST', `/milestones/${encodeURIComponent(milestoneId)}/submit`, { body: { report } }),
      review: (milestoneId: string, input: { accept: true } | { accept: false; feedback: string }) => call<ProjectView>('POST', `/milestones/${encodeURIComponent(milestoneId)}/review`, { body: input }),
      verify: (milestoneId: string) => call<ProjectView>('POST', `/milestones/${encodeURIComponent(milestoneId)}/verify`),
      /** Finance (special fund, reference required) or the owner (its share); the same key makes a retry answer the same. */
      disburse: (releaseId: string, paymentReference: string | undefined, idempotencyKey?: string) =>
        call<Release>('POST', `/releases/${encodeURIComponent(releaseId)}/disburse`, { body: paymentReference ? { paymentReference } : {}, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} }),
      answer: (releaseId: string, input: { received: true } | { received: false; reason: string }) => call<Release>('POST', `/releases/${encodeURIComponent(releaseId)}/answer`, { body: input }),
      resolve: (releaseId: string, input: { paid: boolean; resolution: string }) => call<Release>('POST', `/releases/${encodeURIComponent(releaseId)}/resolve`, { body: input }),
    },
    /** Public results (揭榜结果): final awards, winners and their projects' progress; the same for every reader. */
    results: {
      list: (q: { industry?: string; page?: number; pageSize?: number }) => call<ResultsPage>('GET', '/results', { query: q }),
    },
    /** The audit log (审计日志), the bureau's alone: records newest first by filter, the filters' choices, the hash chain recomputed. */
    audit: {
      list: (q: AuditQuery) => call<AuditPage>('GET', '/audit', { query: { ...q } }),
      facets: () => call<AuditFacets>('GET', '/audit/facets'),
      verify: () => call<AuditVerification>('GET', '/audit/verify'),
    },
    /** E-mail: the user's choices per kind, proving the address, resetting a password, a mail's unsubscribe link (no sign-in). */
    email: {
      preferences: () => call<EmailPreferences>('GET', '/me/email-preferences'),
      setPreferences: (kinds: { kind: NotificationKind; email: boolean }[]) => call<EmailPreferences>('PUT', '/me/email-preferences', { body: { kinds } }),
      resendVerification: () => call<{ sent: boolean }>('POST', '/auth/verify-email/resend'),
      verify: (token: string) => call<{ verified: true }>('POST', '/auth/verify-email', { body: { token }, token: null }),
      /** Answers the same whether or not an account has the address. */
      requestReset: (email: string) => call<void>('POST', '/auth/password-reset/request', { body: { email }, token: null }),
      resetPassword: (token: string, password: string) => call<void>('POST', '/auth/password-reset', { body: { token, password }, token: null }),
      /** What the link names; changes nothing (mail scanners open links). */
      unsubscribeView: (token: string) => call<UnsubscribeView>('GET', '/unsubscribe', { query: { token }, token: null }),
      unsubscribe: (token: string) => call<UnsubscribeView>('POST', '/unsubscribe', { query: { token }, token: null }),
    },
    /** Following challenges and saved searches with alerts. */
    subscriptions: {
      following: (challengeId: string) => call<{ following: boolean }>('GET', `/challenges/${encodeURIComponent(challengeId)}/follow`),
      follow: (challengeId: string) => call<{ following: boolean }>('PUT', `/challenges/${encodeURIComponent(challengeId)}/follow`),
      unfollow: (challengeId: string) => call<{ following: boolean }>('DELETE', `/challenges/${encodeURIComponent(challengeId)}/follow`),
      follows: () => call<{ items: FollowedChallenge[] }>('GET', '/me/follows'),
      searches: () => call<{ items: SavedSearch[] }>('GET', '/me/saved-searches'),
      saveSearch: (input: { name: string; query: SavedQuery; alerts?: boolean }) => call<SavedSearch>('POST', '/me/saved-searches', { body: input }),
      updateSearch: (id: string, patch: { name?: string; alerts?: boolean }) => call<SavedSearch>('PATCH', `/me/saved-searches/${encodeURIComponent(id)}`, { body: patch }),
      deleteSearch: (id: string) => call<void>('DELETE', `/me/saved-searches/${encodeURIComponent(id)}`),
    },
    users: {
      list: (q: { role?: Role; status?: UserStatus; q?: string; page?: number; pageSize?: number }) => call<Paged<User>>('GET', '/users', { query: q }),
      create: (input: CreateUserInput) => call<User>('POST', '/users', { body: input }),
      disable: (id: string, reason?: string) => call<User>('POST', `/users/${encodeURIComponent(id)}/disable`, { body: reason ? { reason } : {} }),
      enable: (id: string) => call<User>('POST', `/users/${encodeURIComponent(id)}/enable`),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
