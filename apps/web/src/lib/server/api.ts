/**
 * The one way the web app talks to the API: server-side only, through `event.fetch` (which
 * hooks.server.ts `handleFetch` routes in-process or to API_ORIGIN), with the caller's access token
 * and language. Problem-details answers become a typed ApiError.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { createTranslator, type Locale } from '$lib/i18n';
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

export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
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
type Method = 'GET' | 'POST' | 'PATCH';

interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Overrides the token of the signed-in user (hooks use it while the session is being resolved). */
  token?: string | null;
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
    attachments: {
      upload: (challengeId: string, filename: string, bytes: Uint8Array<ArrayBuffer>) =>
        send('POST', '/attachments', { query: { parentType: 'challenge', parentId: challengeId, filename }, bytes }).then((r) => r.json() as Promise<Attachment>),
      /** The API's answer as it is (headers and body stream), for the web route that passes a download on. */
      download: (id: string) => send('GET', `/attachments/${encodeURIComponent(id)}`),
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
