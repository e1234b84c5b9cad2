/**
 * In-app notifications, in Chinese and in English: a fresh solver first sees the empty page and a
 * header link without a count; then asks two questions about a challenge and the owner answers them
 * (through the API), the background loop turns the events into notifications, and the solver sees
 * the badge (its count in the link's accessible name), the page (a sentence per notification with
 * the challenge's title in the reader's language, linked), marks one read and then all. The English
 * run does it without JavaScript: the forms post natively. Also: anonymous visitors go to sign-in.
 * axe on every page visited.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiLogin,
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  DEMO_PASSWORD,
  expectPage,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signInAs,
  unique,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const PASSWORD = 'correct-horse-battery';
const DAY = 24 * 3600 * 1000;



/** A foreign university's researcher, registered through the API: nobody has told them anything yet. */
async function freshSolver(locale: Locale) {
  const id = unique('nt');
  const domain = `${id}.example.edu`;
  const email = `researcher@${domain}`;
  await apiCall('/auth/register', {
    body: {
      email, password: PASSWORD, displayName: 'Ada Researcher', role: 'solver', locale,
      organization: { kind: 'university', country: 'DE', nameEn: `University ${id}`, website: `https://www.${domain}`, emailDomain: domain },
    },
  });
  return { email, token: await apiLogin(email, PASSWORD) };
}

/** The outbox is worked through every few seconds (NOTIFY_INTERVAL_MS): wait for it, not for the clock. */
async function waitForUnread(token: string, count: number) {
  const until = Date.now() + 30_000;
  for (;;) {
    const { unread } = await apiCall<{ unread: number }>('/notifications/unread-count', { token });
    if (unread === count) return;
    if (Date.now() > until) throw new Error(`expected ${count} unread notifications, still ${unread}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

let browser: Browser;
let challenge: { id: string; titleZh: string; titleEn: string };
let enterprise: string;

beforeAll(async () => {
  browser = await launch();
  enterprise = await apiLogin(ENTERPRISE_EMAIL);
  const bureau = await apiLogin(BUREAU_EMAIL);
  const id = unique('');
  const body = {
    titleZh: `轧辊表面裂纹在线检测 ${id}`,
    titleEn: `Online detection of roll surface cracks ${id}`,
    summaryZh: '在线识别热轧工作辊表面 0.2 mm 以上的裂纹。',
    summaryEn: 'Detect surface cracks of 0.2 mm and more on hot-rolling work rolls online.',
    descriptionZh: '我公司热连轧产线工作辊裂纹靠离线磨床探伤发现，漏检导致断辊。',
    descriptionEn: 'Cracks in our work rolls are found only by offline grinder inspection; missed ones break rolls.',
    industry: 'high_end_equipment',
    category: 'bottleneck',
    indicators: [{ nameZh: '最小可检裂纹', nameEn: 'Smallest detectable crack', target: '≤ 0.2', unit: 'mm', method: '人工刻痕标样对比' }],
    eligibilityZh: '具有机器视觉或涡流检测经验的单位。',
    eligibilityEn: 'Organisations experienced in machine vision or eddy-current testing.',
    enterpriseShareFen: 60_000_000,
    requestedSpecialFundFen: 20_000_000,
    deadline: new Date(Date.now() + 60 * DAY).toISOString(),
    durationMonths: 12,
    maxWinners: 1,
    ipTermsZh: '新产生的知识产权归双方共有。',
    ipTermsEn: 'New intellectual property is owned jointly.',
    visibility: 'public',
    domesticOnly: false,
  };
  const created = await apiCall<{ id: string }>('/challenges', { token: enterprise, body });
  await apiCall(`/challenges/${created.id}/submit`, { token: enterprise, body: {} });
  await apiCall(`/challenges/${created.id}/approve`, { token: bureau, body: { specialFundFen: 20_000_000 } });
  challenge = { id: created.id, titleZh: body.titleZh, titleEn: body.titleEn };
});
afterAll(async () => {
  await browser?.close();
});

/** The header's notifications link, found by its exact accessible name. */
const headerLink = (page: Page, name: string) => page.getByRole('banner').getByRole('link', { name, exact: true });

describe.each(LOCALES)('notifications in %s', (locale: Locale) => {
  const t = MESSAGES[locale];
  const n = t.notifications;
  const javaScriptEnabled = locale === 'zh-CN';

  it('anonymous visitors are sent to sign in', async () => {
    const context = await newContext(browser, { locale });
    try {
      const page = await context.newPage();
      await page.goto('/notifications');
      const url = new URL(page.url());
      expect(url.pathname).toBe('/login');
      expect(url.searchParams.get('next')).toBe('/notifications');
      expect(await page.getByRole('banner').getByRole('link', { name: n.nav }).count(), 'no notifications link when signed out').toBe(0);
    } finally {
      await context.close();
    }
  });

  it(`empty, then two answers arrive; one read, then all (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async () => {
    const solver = await freshSolver(locale);
    const context = await newContext(browser, { locale, javaScriptEnabled });
    try {
      await signInAs(context, solver.email, PASSWORD);
      const page = await context.newPage();
      await page.goto('/account');

      // Nothing yet: the link carries no count, the page says so.
      await headerLink(page, n.nav).click();
      await page.waitForURL((u) => u.pathname === '/notifications');
      await expectPage(page, locale, n.title);
      await page.getByRole('heading', { name: n.emptyTitle, exact: true }).waitFor();
      expect(await page.getByRole('button', { name: n.markAllRead }).count()).toBe(0);
      await checkPage(page, locale, 'notifications, empty');

      const challengeTitle = locale === 'en' ? challenge.titleEn : challenge.titleZh;
      const asked: { id: string }[] = [];
      for (const body of [`测试问题一：检测速度要求是多少？${unique('')}`, `测试问题二：是否允许停机安装？${unique('')}`]) {
        asked.push(await apiCall<{ id: string }>(`/challenges/${challenge.id}/questions`, { token: solver.token, body: { body } }));
      }
      for (const q of asked) await apiCall(`/questions/${q.id}/answer`, { token: enterprise, body: { answer: '轧制线速度最高 15 m/s，允许在定修期间安装。' } });
      await waitForUnread(solver.token, 2);

      // The badge: the count is in the link's name.
      await page.reload();
      await headerLink(page, fill(n.navUnread, { count: 2 })).waitFor();
      await page.getByText(fill(n.unreadSummary, { count: 2 }), { exact: true }).waitFor();
      const list = page.getByRole('list', { name: n.listLabel, exact: true });
      const items = list.getByRole('listitem');
      expect(await items.count()).toBe(2);
      const sentence = fill(n.sentences.question_answered, { challenge: challengeTitle });
      for (const item of await items.all()) {
        expect((await item.locator('.sentence').innerText()).trim()).toBe(sentence);
        const link = item.getByRole('link', { name: challengeTitle, exact: true });
        expect(await link.getAttribute('href')).toBe(`/challenges/${challenge.id}`);
        expect(await link.getAttribute('lang')).toBe(locale);
        await item.getByText(n.unread, { exact: true }).waitFor();
        expect(await item.locator('time').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\+8$/);
      }
      await checkPage(page, locale, 'notifications, two unread');

      // One read: its mark and button go, the badge counts one.
      await items.first().getByRole('button', { name: n.markRead, exact: true }).click();
      await page.getByRole('status').filter({ hasText: n.markedRead }).waitFor();
      await headerLink(page, fill(n.navUnread, { count: 1 })).waitFor();
      expect(await list.getByText(n.unread, { exact: true }).count()).toBe(1);
      expect(await list.getByRole('button', { name: n.markRead, exact: true }).count()).toBe(1);
      await checkPage(page, locale, 'notifications, one read');

      // All read: no badge, no buttons, both notifications still listed.
      await page.getByRole('button', { name: n.markAllRead, exact: true }).click();
      await page.getByRole('status').filter({ hasText: n.markedAllRead }).waitFor();
      await headerLink(page, n.nav).waitFor();
      await page.getByText(n.allReadSummary, { exact: true }).waitFor();
      expect(await list.getByRole('listitem').count()).toBe(2);
      expect(await list.getByText(n.unread, { exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: n.markRead }).count()).toBe(0);
      await checkPage(page, locale, 'notifications, all read');

      // The title links to the challenge.
      await list.getByRole('link', { name: challengeTitle, exact: true }).first().click();
      await page.waitForURL((u) => u.pathname === `/challenges/${challenge.id}`);
    } finally {
      await context.close();
    }
  });
});
