/**
 * How the built server delivers pages and assets (issue 9): compressed, with cache headers — public
 * pages revalidated by ETag (304 without a body), a signed-in user's pages never stored, hashed assets
 * kept for a year and sent in the brotli form written at build time, the API's public reads cacheable.
 * Plain HTTP requests, as a browser sends them: no browser needed.
 */
import http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiCall, BASE_URL, BUREAU_EMAIL, DEMO_PASSWORD, MESSAGES } from './support';

const BROWSER = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en' };
const send = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, BASE_URL), { redirect: 'manual', headers: { ...BROWSER, ...headers } });

/** Node's fetch decodes the body itself; these requests read the bytes as they came. */
async function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(new URL(path, BASE_URL), { headers: { ...BROWSER, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, bytes: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function someChallengeId(): Promise<string> {
  const page = await apiCall<{ items: { id: string }[] }>('/challenges?pageSize=1');
  return page.items[0]!.id;
}

describe('public pages', () => {
  it('home, list and a challenge: brotli, revalidated every time, a 304 without a body when unchanged', async () => {
    for (const path of ['/', '/challenges', `/challenges/${await someChallengeId()}`]) {
      const first = await raw(path);
      expect(first.status, path).toBe(200);
      expect(first.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(first.bytes).toString(), path).toMatch(/^<!doctype html>/i);
      expect(first.headers['cache-control'], path).toBe('public, max-age=0, s-maxage=60');
      expect(first.headers.vary, path).toMatch(/cookie/i);
      expect(first.headers.vary, path).toMatch(/accept-language/i);
      let etag = first.headers.etag!;
      expect(etag, path).toMatch(/^(W\/)?"[\w-]+"$/);

      // The home page's figures carry the minute they were read in: a request in the next minute may
      // find it changed — then with another tag, and unchanged again right after.
      let again = await raw(path, { 'if-none-match': etag });
      if (again.status === 200) {
        expect(again.headers.etag, `${path}: a page answered in full has changed`).not.toBe(etag);
        etag = again.headers.etag!;
        again = await raw(path, { 'if-none-match': etag });
      }
      expect(again.status, path).toBe(304);
      expect(again.bytes.length, path).toBe(0);
      // The other language is another page: its own tag, no 304 for the English one.
      expect((await raw(path, { 'if-none-match': etag, 'accept-language': 'zh-CN' })).status, path).toBe(200);
    }
  });

  it('a reader who is not signed in gets the public catalogue, and no page of theirs needs more: no message key shows', async () => {
    const leaves = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string' ? [prefix] : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
    const keys = leaves(MESSAGES.en);
    for (const path of ['/', '/challenges', `/challenges/${await someChallengeId()}`, '/results', '/login', '/register', '/forgot-password']) {
      for (const language of ['en', 'zh-CN']) {
        const res = await send(path, { 'accept-language': language });
        expect(res.status, path).toBe(200);
        const html = await res.text();
        expect(keys.filter((key) => html.includes(key)), `${path} (${language})`).toEqual([]);
      }
    }
  });

  it('a signed-in user’s pages are theirs alone: never stored, no tag', async () => {
    const login = await fetch(new URL('/login', BASE_URL), {
      method: 'POST', redirect: 'manual',
      headers: { origin: new URL(BASE_URL).origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ email: BUREAU_EMAIL, password: DEMO_PASSWORD }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('cache-control')).toBe('private, no-store');
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    for (const path of ['/', '/challenges']) {
      const res = await send(path, { cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('private, no-store');
      expect(res.headers.get('etag'), path).toBeNull();
    }
  });
});

describe('assets and the API', () => {
  it('hashed scripts and styles: kept a year, sent as written at build time in brotli', async () => {
    const html = await (await send('/')).text();
    const assets = [...html.matchAll(/(?:href|src)="([^"]*\/_app\/immutable\/[^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1]!, BASE_URL).pathname);
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets.slice(0, 5)) {
      const res = await raw(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('public,max-age=31536000,immutable');
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(res.bytes).length, path).toBeGreaterThan(res.bytes.length);
    }
  });

  it('an anonymous public read of the API: compressed, cacheable a minute, 304 when unchanged', async () => {
    const first = await raw('/api/challenges?pageSize=20');
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(JSON.parse(brotliDecompressSync(first.bytes).toString()).items.length).toBeGreaterThan(0);
    expect((await raw('/api/challenges?pageSize=20', { 'if-none-match': first.headers.etag! })).status).toBe(304);
  });
});
