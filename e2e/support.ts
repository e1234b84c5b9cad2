/** Browser-test support: Debian's Chromium through playwright-core, axe, and page checks shared by the suites. */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'demo-password-2026';
export const BUREAU_EMAIL = 'bureau@demo.kgj.gov.cn';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newContext(browser: Browser, opts: { locale: 'zh-CN' | 'en'; javaScriptEnabled?: boolean; width?: number }): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: BASE_URL,
    locale: opts.locale,
    extraHTTPHeaders: { 'accept-language': opts.locale === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: opts.width ?? 1280, height: 900 },
  });
}

/** axe: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `axe on ${label}`).toEqual([]);
}

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
