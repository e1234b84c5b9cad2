/** Browser-test support: Debian's Chromium through playwright-core, axe, and page checks shared by the suites. */
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CATALOGS } from '../apps/web/src/lib/server/i18n';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'demo-password-2026';
export const BUREAU_EMAIL = 'bureau@demo.kgj.gov.cn';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Contexts made without JavaScript: axe cannot run in their pages (its timers never fire). */
const withoutJs = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, opts: { locale: 'zh-CN' | 'en'; javaScriptEnabled?: boolean; width?: number }): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: opts.locale,
    extraHTTPHeaders: { 'accept-language': opts.locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
  // A missing element fails its step with the locator named, well before the test's own timeout.
  context.setDefaultTimeout(15_000);
  if (opts.javaScriptEnabled === false) withoutJs.add(context);
  return context;
}

/** axe-core as @axe-core/playwright (the declared dependency) resolves it, so the version it pins. */
const AXE_SOURCE: string = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core').source;
type AxeRun = (context: Document, options: { resultTypes: string[] }) => Promise<{
  violations: { id: string; help: string; impact?: string | null; nodes: { target: unknown[] }[] }[];
}>;

/** axe: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  if (withoutJs.has(page.context())) return expectAccessibleWithoutJs(page, label);
  // Run in the page itself (ours have no frames to finish across). axe-core is injected once per document
  // (a client-side navigation keeps it) and asked for the violations only: AxeBuilder injected it twice
  // a run and brought every passing node back as well, megabytes of JSON on the larger pages, which
  // together made two thirds of the time of a run. The rules are the same.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const bad = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run: AxeRun } }).axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(bad, `axe on ${label}`).toEqual([]);
}

/**
 * A page rendered without JavaScript, audited as rendered: its DOM (scripts removed) is loaded, with
 * the same styles from the server, into a page of a JavaScript-enabled context where axe can run.
 */
async function expectAccessibleWithoutJs(page: Page, label: string) {
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<head>/i, `<head><base href="${page.url()}">`);
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser for the axe mirror');
  let mirror = mirrors.get(browser);
  if (!mirror) mirrors.set(browser, (mirror = browser.newContext({ baseURL: BASE_URL }).then((c) => c.newPage())));
  const copy = await mirror;
  await copy.setViewportSize(page.viewportSize() ?? { width: 1280, height: 900 });
  await copy.setContent(html);
  await expectAccessible(copy, `${label}, rendered without JavaScript`);
}
/** One page per browser for the copies axe audits (closed with the browser). */
const mirrors = new WeakMap<Browser, Promise<Page>>();

/** English pages show no Chinese except user-entered text (marked data-user-text) and elements in lang="zh-CN". */
export async function expectNoChineseOnEnglishPage(page: Page, label: string, allowed: string[] = []) {
  const offending = await page.evaluate((allowedTexts) => {
    const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!cjk.test(text)) continue;
      const el = node.parentElement;
      if (!el || el.closest('[data-user-text], [lang="zh-CN"], [lang="zh"], script, style')) continue;
      if (allowedTexts.some((a) => text.includes(a))) continue;
      out.push(text.trim());
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]')) {
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr);
        if (v && cjk.test(v) && !el.closest('[data-user-text], [lang="zh-CN"]')) out.push(`${attr}=${v}`);
      }
    }
    return out;
  }, allowed);
  expect(offending, `Chinese text on English page ${label}`).toEqual([]);
}

/** No horizontal scroll at the current width. */
export async function expectNoHorizontalScroll(page: Page, label: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `horizontal scroll on ${label}`).toBeLessThanOrEqual(clientWidth);
}

let seq = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A valid, fresh USCC: 17 characters plus the GB 32100-2015 check character. */
export function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const n = (Date.now() * 100 + seq++) % 1e9;
  const body = `9113010${String(n).padStart(9, '0')}X`.slice(0, 17);
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i]!, 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------
// Shared steps. Expected texts come from the web app's own message files (and the API's problem
// messages), so a copy edit does not break the suite; language itself is checked independently
// (html lang, CJK in Chinese headings, no Chinese on English pages).

export type Locale = 'zh-CN' | 'en';
export type { Messages } from '../apps/web/src/lib/i18n';
export const MESSAGES = CATALOGS;
export const LOCALES: Locale[] = ['zh-CN', 'en'];

const CJK = /[\u3400-\u9fff]/;

/** The page's language: `<html lang>` and the level-1 heading, whose script must match the language. */
export async function expectPage(page: Page, locale: Locale, heading: string) {
  const h1 = page.getByRole('heading', { level: 1, name: heading, exact: true });
  await h1.waitFor();
  expect(await page.locator('html').getAttribute('lang'), `html lang on ${page.url()}`).toBe(locale);
  const text = (await h1.innerText()).trim();
  if (locale === 'zh-CN') expect(text, 'a Chinese page has a Chinese heading').toMatch(CJK);
  else expect(text, 'an English page has an English heading').not.toMatch(CJK);
}

/** axe on every page; on English pages also no Chinese outside user-entered text. */
export async function checkPage(page: Page, locale: Locale, label: string) {
  await expectAccessible(page, `${label} (${locale})`);
  if (locale === 'en') await expectNoChineseOnEnglishPage(page, label);
}

/**
 * A page state a suite goes through in both languages alike (the same steps, with JavaScript or
 * without it in both): axe once, in Chinese, and the language in each — axe's rules see the same
 * elements, roles, names and colours in either. States only one language reaches (a run without
 * JavaScript opposite one with it, a step of one language only) take `checkPage`.
 */
export async function checkSharedState(page: Page, locale: Locale, label: string) {
  if (locale === 'zh-CN') return checkPage(page, locale, label);
  expect(await page.locator('html').getAttribute('lang'), `html lang on ${label}`).toBe(locale);
  await expectNoChineseOnEnglishPage(page, label);
}

/**
 * Signs in through the login page (already open or opened here) and waits for the page it leads to;
 * with `keyboard`, by typing, Tab and Enter alone.
 */
export async function signIn(page: Page, locale: Locale, email: string, password = DEMO_PASSWORD, opts: { open?: boolean; expectPath?: string; keyboard?: boolean } = {}) {
  const t = MESSAGES[locale];
  if (opts.open ?? true) await page.goto('/login');
  await expectPage(page, locale, t.login.title);
  // A click while SvelteKit is starting could be lost between the native post and the enhanced one.
  if (!withoutJs.has(page.context())) await waitForHydration(page);
  const emailBox = page.getByRole('textbox', { name: t.login.email, exact: true });
  const passwordBox = page.getByLabel(t.login.password, { exact: true });
  if (opts.keyboard) {
    await emailBox.focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await passwordBox.evaluate((el) => el === document.activeElement), 'Tab moves from the e-mail to the password').toBe(true);
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  } else {
    await emailBox.fill(email);
    await passwordBox.fill(password);
    await page.getByRole('button', { name: t.login.submit, exact: true }).click();
  }
  const expected = opts.expectPath ?? '/account';
  try {
    await page.waitForURL((url) => url.pathname === expected);
  } catch (error) {
    const shown = await page.getByRole('alert').allInnerTexts().catch(() => []);
    throw new Error(`signing in as ${email} did not reach ${expected}: on ${page.url()}, alerts ${JSON.stringify(shown)}`, { cause: error });
  }
}

/**
 * Signs a browser context in without a page: the login form's action is posted from the context's
 * own request client, so the context holds exactly the session cookies the web app sets. For every
 * suite whose subject is not signing in, which took a page load, hydration and a redirect each (about
 * a hundred of them); the login page itself is exercised through `signIn` in layout, onboarding, users
 * and browse. Opens no page: go where the test starts. It asks for HTML, as a browser's form post does:
 * asked for JSON, SvelteKit answers an action with 200 and the redirect in the body.
 */
export async function signInAs(context: BrowserContext, email: string, password = DEMO_PASSWORD) {
  const res = await context.request.post('/login', { form: { email, password }, headers: { origin: new URL(BASE_URL).origin, accept: 'text/html' }, maxRedirects: 0 });
  if (res.status() !== 303) throw new Error(`signing in as ${email} was answered ${res.status()}, not a redirect: ${(await res.text()).slice(0, 500)}`);
}

/**
 * One page per reader (anonymous, or signed in as an e-mail) and JavaScript setting, opened on first
 * use and reused after: a context with its first page costs about a second on a busy machine, and the
 * story suites look at the same pages as the same people again and again.
 */
export function readers(browser: Browser, locale: Locale) {
  const pages = new Map<string, Promise<Page>>();
  return {
    page(as: { email?: string; password?: string; javaScript?: boolean } = {}): Promise<Page> {
      const javaScriptEnabled = as.javaScript ?? true;
      const key = `${as.email ?? ''} ${javaScriptEnabled}`;
      let page = pages.get(key);
      if (!page) {
        page = newContext(browser, { locale, javaScriptEnabled }).then(async (context) => {
          if (as.email) await signInAs(context, as.email, as.password);
          return context.newPage();
        });
        pages.set(key, page);
      }
      return page;
    },
    close: () => Promise.all([...pages.values()].map(async (page) => (await page).context().close())),
  };
}
export type Readers = ReturnType<typeof readers>;

/** The header's sign-out button; back on the home page, signed out. */
export async function signOut(page: Page, locale: Locale) {
  const t = MESSAGES[locale];
  await page.getByRole('banner').getByRole('button', { name: t.nav.signOut, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('banner').getByRole('link', { name: t.nav.signIn, exact: true }).waitFor();
  expect(await page.getByRole('banner').getByRole('button', { name: t.nav.signOut }).count(), 'no sign-out button after signing out').toBe(0);
}

/** The texts an input is described by (hint, live check, error), through its aria-describedby. */
export async function descriptionOf(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `<missing #${id}>`)
      .join(' | '),
  );
}

/** The same code with one character changed: well-formed, but the check character no longer fits. */
export function corruptUscc(uscc: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const i = 10;
  const c = alphabet[(alphabet.indexOf(uscc[i]!) + 1) % alphabet.length]!;
  return uscc.slice(0, i) + c + uscc.slice(i + 1);
}

/**
 * Waits until SvelteKit has started in the page (its router marks the history entry) and the page's
 * modules have loaded, so that what follows exercises the enhanced page rather than a native post.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => (history.state as Record<string, unknown> | null)?.['sveltekit:history'] !== undefined);
  await page.waitForLoadState('networkidle');
}

// ---------------------------------------------------------------------------------------------
// The API, for setting a story up quickly (and reading what a page should show).

/** A JSON call to the API (or raw bytes, for uploads); a refused call throws with its status and problem details. */
export async function apiCall<T>(path: string, opts: { token?: string; method?: string; body?: unknown; bytes?: Uint8Array<ArrayBuffer> } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined;
  if (opts.bytes) {
    headers['content-type'] = 'application/octet-stream';
    body = opts.bytes;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const method = opts.method ?? (body !== undefined ? 'POST' : 'GET');
  const res = await fetch(`${BASE_URL}/api${path}`, { method, headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An access token (15 minutes by the API's clock: sign in again after moving the test clock). */
export const apiLogin = async (email: string, password = DEMO_PASSWORD) => (await apiCall<{ accessToken: string }>('/auth/login', { body: { email, password } })).accessToken;
