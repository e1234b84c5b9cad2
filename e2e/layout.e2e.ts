/**
 * The web shell: small screens, the language switch, the skip link, the guards of the bureau's pages
 * and the Origin check on state-changing requests.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  expectNoHorizontalScroll,
  expectPage,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signIn,
  signInAs,
  unique,
  waitForHydration,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const EVIL = 'https://evil.example';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page, checks its language and heading, that it fits 360 px, and axe (and no Chinese in English). */
async function visitNarrow(page: Page, locale: Locale, path: string, heading: string) {
  await page.goto(path);
  expect(new URL(page.url()).pathname + new URL(page.url()).search, `no redirect from ${path}`).toBe(path);
  await expectPage(page, locale, heading);
  await expectNoHorizontalScroll(page, `${path} at 360 px (${locale})`);
  await checkSharedState(page, locale, `${path} at 360 px`);
}

describe('at 360 px width', () => {
  it.each(LOCALES)('home, register, login and the challenge list fit without horizontal scroll in %s', async (locale) => {
    const t = MESSAGES[locale];
    const context = await newContext(browser, { locale, width: 360 });
    try {
      const page = await context.newPage();
      await visitNarrow(page, locale, '/', t.home.title);
      await visitNarrow(page, locale, '/register', t.register.title);
      await visitNarrow(page, locale, '/login', t.login.title);
      await visitNarrow(page, locale, '/challenges', t.browse.list.title);
    } finally {
      await context.close();
    }
  });

  describe('signed in as the bureau', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newContext(browser, { locale: 'zh-CN', width: 360 });
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    it('a bureau page visited anonymously leads to sign-in, and back to it after signing in with the keyboard alone', async () => {
      const t = MESSAGES['zh-CN'];
      await page.goto('/bureau/users');
      const url = new URL(page.url());
      expect(url.pathname).toBe('/login');
      expect(url.searchParams.get('next')).toBe('/bureau/users');
      await signIn(page, 'zh-CN', BUREAU_EMAIL, undefined, { open: false, expectPath: '/bureau/users', keyboard: true });
      await expectPage(page, 'zh-CN', t.bureauUsers.title);
    });

    it.each(LOCALES)('account, organisations and users fit without horizontal scroll in %s', async (locale) => {
      const t = MESSAGES[locale];
      await context.addCookies([{ name: 'lang', value: locale, url: BASE_URL }]);
      await visitNarrow(page, locale, '/account', t.account.title);
      await visitNarrow(page, locale, '/bureau/organizations', t.bureauOrgs.title);
      await visitNarrow(page, locale, '/bureau/organizations?status=all', t.bureauOrgs.title);
      await visitNarrow(page, locale, '/bureau/users', t.bureauUsers.title);
    });

    it('refuses state-changing requests from another origin with 403', async () => {
      const t = MESSAGES['zh-CN'];
      await context.addCookies([{ name: 'lang', value: 'zh-CN', url: BASE_URL }]);
      const email = `${unique('csrf.')}@evil.test`;

      // A form post to an action (opening an account) with a foreign Origin: refused, nothing created.
      const create = await context.request.post('/bureau/users?/create', {
        headers: { origin: EVIL, accept: 'text/html' },
        form: { displayName: 'Mallory', email, role: 'bureau', locale: 'en', password: 'evil-password-123' },
        maxRedirects: 0,
      });
      expect(create.status()).toBe(403);

      // Signing out from another origin is refused too.
      const logout = await context.request.post('/logout', { headers: { origin: EVIL, accept: 'text/html' }, form: {}, maxRedirects: 0 });
      expect(logout.status()).toBe(403);

      // Not only form encodings (which SvelteKit itself checks): the app's own check refuses a JSON post too.
      const json = await context.request.post('/lang', { headers: { origin: EVIL, 'content-type': 'application/json' }, data: { locale: 'en' }, maxRedirects: 0 });
      expect(json.status()).toBe(403);
      expect(await json.text()).toBe(t.errors.originMismatch);

      // The same post from our own origin goes through (so the 403s above are about the origin).
      const own = await context.request.post('/lang', { headers: { origin: new URL(BASE_URL).origin, accept: 'text/html' }, form: { locale: 'zh-CN', redirectTo: '/account' }, maxRedirects: 0 });
      expect(own.status()).toBe(303);
      expect(own.headers()['location']).toBe('/account');

      // Still signed in, and no account was opened.
      await page.goto(`/bureau/users?q=${encodeURIComponent(email)}`);
      await expectPage(page, 'zh-CN', t.bureauUsers.title);
      await page.getByRole('heading', { name: t.bureauUsers.emptyTitle, exact: true }).waitFor();
      expect(await page.getByText(email).count()).toBe(0);
    });
  });
});

describe('the header at desktop and tablet widths', () => {
  // The bureau has the most links (13); sharing a column with the tools, they took four lines at 1280 px.
  it.each(LOCALES)('the bureau\'s links take at most two lines at 1280 px, and the header fits at 800 px, in %s', async (locale) => {
    const t = MESSAGES[locale];
    for (const width of [1280, 800]) {
      const context = await newContext(browser, { locale, width });
      try {
        await signInAs(context, BUREAU_EMAIL);
        const page = await context.newPage();
        await page.goto('/bureau/dashboard');
        await expectPage(page, locale, t.dashboard.title);
        const nav = page.getByRole('navigation', { name: t.nav.label });
        const tops = await nav.getByRole('link').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
        expect(tops.length, 'the bureau\'s links').toBeGreaterThanOrEqual(13);
        expect(new Set(tops).size, `lines of links at ${width} px`).toBeLessThanOrEqual(2);
        await expectNoHorizontalScroll(page, `the dashboard at ${width} px (${locale})`);
      } finally {
        await context.close();
      }
    }
  });
});

describe('guards', () => {
  it('an enterprise user gets the 403 page on the bureau pages', async () => {
    const locale: Locale = 'en';
    const t = MESSAGES[locale];
    const context = await newContext(browser, { locale });
    try {
      await signInAs(context, ENTERPRISE_EMAIL);
      const page = await context.newPage();
      for (const path of ['/bureau/organizations', '/bureau/users']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        expect(new URL(page.url()).pathname).toBe(path);
        await expectPage(page, locale, t.errors.forbiddenTitle);
        await page.getByText(t.errors.forbidden, { exact: true }).waitFor();
        // The queue's content is not there.
        expect(await page.getByRole('heading', { name: t.bureauOrgs.title }).count()).toBe(0);
      }
      await checkPage(page, locale, '403 page');
    } finally {
      await context.close();
    }
  });
});

for (const js of [true, false]) describe(js ? 'with JavaScript' : 'without JavaScript', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { locale: 'zh-CN', javaScriptEnabled: js });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('the language switch changes the page language and stays on the page', async () => {
    const zh = MESSAGES['zh-CN'];
    const en = MESSAGES.en;
    await page.goto('/login');
    await expectPage(page, 'zh-CN', zh.login.title);
    if (js) {
      await waitForHydration(page);
      // Marks this document: an enhanced switch keeps it, a full page load would not.
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    }

    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await expectPage(page, 'en', en.login.title);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('banner').getByRole('link', { name: en.nav.signIn, exact: true }).waitFor();
    if (js) expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), 'switched in place').toBe(true);

    // The choice is remembered by the browser.
    await page.reload();
    await expectPage(page, 'en', en.login.title);

    if (js) await waitForHydration(page);
    await page.getByRole('banner').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
    await expectPage(page, 'zh-CN', zh.login.title);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('the skip link is the first Tab stop and moves focus to the main content', async () => {
    const t = MESSAGES['zh-CN'];
    await page.goto('/');
    await expectPage(page, 'zh-CN', t.home.title);
    if (js) await waitForHydration(page);

    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement | null;
      const box = el?.getBoundingClientRect();
      return { tag: el?.tagName, text: el?.textContent?.trim(), href: el?.getAttribute('href'), top: box?.top ?? -1, height: box?.height ?? 0 };
    });
    expect(focused).toMatchObject({ tag: 'A', text: t.site.skip, href: '#main' });
    // Hidden until focused, then on screen.
    expect(focused.top, 'the focused skip link is on screen').toBeGreaterThanOrEqual(0);
    expect(focused.height).toBeGreaterThan(0);

    await page.keyboard.press('Enter');
    // (Without JavaScript the browser moves focus at once; page functions could not be polled anyway.)
    if (js) await page.waitForFunction(() => document.activeElement?.id === 'main');
    expect(await page.evaluate(() => ({ tag: document.activeElement?.tagName, id: document.activeElement?.id }))).toEqual({ tag: 'MAIN', id: 'main' });
  });
});
