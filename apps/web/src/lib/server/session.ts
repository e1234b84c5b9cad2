/**
 * Tokens live only in httpOnly cookies: `at` (access, 15 min) and `rt` (refresh, 30 days).
 * The browser's scripts never see them; every API call is made server-side with them.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Me, TokenPair } from '$lib/types';
import { createApi, isApiError } from './api';

export const ACCESS_COOKIE = 'at';
export const REFRESH_COOKIE = 'rt';
export const LANG_COOKIE = 'lang';

const ACCESS_MAX_AGE_S = 15 * 60;
const REFRESH_MAX_AGE_S = 30 * 24 * 3600;
const LANG_MAX_AGE_S = 365 * 24 * 3600;

const cookieOptions = (url: URL, maxAge: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: url.protocol === 'https:',
  maxAge,
});

export function setTokenCookies(cookies: Cookies, url: URL, pair: TokenPair) {
  cookies.set(ACCESS_COOKIE, pair.accessToken, cookieOptions(url, ACCESS_MAX_AGE_S));
  cookies.set(REFRESH_COOKIE, pair.refreshToken, cookieOptions(url, REFRESH_MAX_AGE_S));
}

export function clearTokenCookies(cookies: Cookies, url: URL) {
  cookies.delete(ACCESS_COOKIE, cookieOptions(url, 0));
  cookies.delete(REFRESH_COOKIE, cookieOptions(url, 0));
}

export function setLangCookie(cookies: Cookies, url: URL, locale: string) {
  cookies.set(LANG_COOKIE, locale, cookieOptions(url, LANG_MAX_AGE_S));
}

/**
 * Refresh tokens rotate and a reused one revokes the whole sign-in, so parallel requests of one
 * browser carrying the same expired session must share a single refresh. Results are kept briefly
 * for requests that arrive just after it completed (still carrying the old cookie).
 */
const refreshes = new Map<string, { result: Promise<TokenPair | null>; expiresAt: number }>();
const REFRESH_SHARE_MS = 20_000;

function sharedRefresh(event: RequestEvent, refreshToken: string): Promise<TokenPair | null> {
  const now = Date.now();
  for (const [key, entry] of refreshes) if (entry.expiresAt < now) refreshes.delete(key);
  const existing = refreshes.get(refreshToken);
  if (existing) return existing.result;
  const result = createApi(event)
    .auth.refresh(refreshToken)
    .catch((e: unknown) => {
      // A refused token ends the session; anything else (rate limit, outage) leaves the cookies for a retry.
      if (isApiError(e) && (e.status === 401 || e.status === 422)) return null;
      refreshes.delete(refreshToken);
      throw e;
    });
  refreshes.set(refreshToken, { result, expiresAt: now + REFRESH_SHARE_MS });
  return result;
}

export interface Session {
  user: Me | null;
  accessToken: string | null;
}

/** Reads the cookies, refreshing the access token when it expired; clears them when they are refused. */
export async function resolveSession(event: RequestEvent): Promise<Session> {
  const { cookies, url } = event;
  const accessToken = cookies.get(ACCESS_COOKIE);
  const refreshToken = cookies.get(REFRESH_COOKIE);
  const api = createApi(event);
  const anonymous: Session = { user: null, accessToken: null };

  const refreshAndRetry = async (): Promise<Session> => {
    if (!refreshToken) {
      clearTokenCookies(cookies, url);
      return anonymous;
    }
    let pair: TokenPair | null;
    try {
      pair = await sharedRefresh(event, refreshToken);
    } catch (e) {
      console.error('token refresh failed', e);
      return anonymous;
    }
    if (!pair) {
      clearTokenCookies(cookies, url);
      return anonymous;
    }
    setTokenCookies(cookies, url, pair);
    try {
      return { user: await api.me.get(pair.accessToken), accessToken: pair.accessToken };
    } catch (e) {
      if (isApiError(e) && e.status === 401) clearTokenCookies(cookies, url);
      else console.error('GET /api/me failed', e);
      return anonymous;
    }
  };

  if (accessToken) {
    try {
      return { user: await api.me.get(accessToken), accessToken };
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.status === 401 && e.code === 'token_expired') return refreshAndRetry();
      if (e.status === 401) {
        clearTokenCookies(cookies, url);
        return anonymous;
      }
      console.error('GET /api/me failed', e);
      return anonymous;
    }
  }
  if (refreshToken) return refreshAndRetry();
  return anonymous;
}
