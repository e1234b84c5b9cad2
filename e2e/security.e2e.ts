/**
 * What the built server sends to browsers (issue 8): the Content-Security-Policy SvelteKit writes for
 * each rendered page (svelte.config.js) — the hash of every inline script is in it, none runs by an
 * 'unsafe-inline' allowance or a nonce — the other security headers (hooks.server.ts for pages, app.ts for the
 * API), and SvelteKit's own Origin check on form actions. Plain HTTP requests: no browser needed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BASE_URL } from './support';

const EVIL = 'https://evil.example';
const OWN = new URL(BASE_URL).origin;
const send = (path: string, init: RequestInit = {}) => fetch(new URL(path, BASE_URL), { redirect: 'manual', ...init });
const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('permissions-policy'), what).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  // The browser tests' server is plain http: it must not pin browsers to TLS.
  expect(headers.get('strict-transport-security'), what).toBeNull();
}

describe('security headers of the built server', () => {
  it.each(['/', '/challenges', '/login', '/register', '/results'])('%s: scripts only by hash or from our origin, no framing, and the common headers', async (path) => {
    const res = await send(path, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = directive(csp, 'script-src') ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(scriptSrc).not.toContain("'nonce-");
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) expect(csp).toContain(d);
    // The policy names the SHA-256 of every inline script of the page, so exactly they run.
    const inline = [...(await res.text()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]!));
    expect(inline.length).toBeGreaterThan(0);
    for (const m of inline) expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(m[2]!).digest('base64')}'`);
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expectCommonHeaders(res.headers, path);
  });

  it('the API, served by the same process, lets nothing in its answers run, load or be framed', async () => {
    for (const path of ['/api/health', '/api/no-such-route']) {
      const res = await send(path);
      expect(res.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expectCommonHeaders(res.headers, path);
    }
  });
});

describe('Origin checks on cookie-authenticated writes', () => {
  const form = (origin: string | undefined) => send('/login', {
    method: 'POST',
    headers: { ...(origin ? { origin } : {}), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: 'email=&password=',
  });

  it("SvelteKit's own check (csrf.checkOrigin) is on: a form action posted from another origin, or with no Origin, is refused before any app code runs", async () => {
    for (const origin of [EVIL, undefined]) {
      const res = await form(origin);
      expect(res.status, String(origin)).toBe(403);
      expect(await res.text(), String(origin)).toBe('Cross-site POST form submissions are forbidden');
    }
  });

  it('the same post from our own origin reaches the action (a form error, not a refusal)', async () => {
    const res = await form(OWN);
    expect(res.status).not.toBe(403);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
