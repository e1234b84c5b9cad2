/**
 * The public challenge pages: the home page's figures and newest challenges, the list's filters and
 * empty state, a challenge's details (indicators, bounty split, amendments, attachments), the
 * confidentiality gate of a restricted challenge, and the 404 page — in Chinese and English.
 *
 * The challenges are made here through the API (the demo enterprise drafts and submits, the demo
 * bureau approves), so the suite does not depend on the demo catalogue.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiLogin,
  BASE_URL,
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  DEMO_PASSWORD,
  expectNoHorizontalScroll,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signIn,
  unique,
  waitForHydration,
  type Locale,
} from './support';

const ENTERPRISE_EMAIL = 'wang@jingxing-steel.demo.cn';
const SOLVER_EMAIL = 'chen@ustb.edu.cn';
const DAY = 24 * 3600 * 1000;

// ---- the API, as the demo accounts -----------------------------------------------------------------



interface Made {
  id: string;
  titleZh: string;
  titleEn: string;
  bountyFen: number;
  enterpriseShareFen: number;
  specialFundFen: number;
  indicatorZh: string;
  indicatorEn: string;
}

/** A draft of the demo enterprise, complete enough to submit. */
function draftBody(id: string, overrides: Record<string, unknown>) {
  return {
    titleZh: `连铸坯中心偏析控制 ${id}`,
    titleEn: `Centre segregation control in continuous casting ${id}`,
    summaryZh: '将 Q355 板坯中心偏析评级稳定控制在 C 类 1.0 级以内。',
    summaryEn: 'Keep centre segregation of Q355 slabs at class C 1.0 or better.',
    descriptionZh: '我公司 2 号连铸机生产 Q355 板坯，中心偏析评级波动大。\n希望通过轻压下和电磁搅拌工艺优化解决。',
    descriptionEn: 'Our caster no. 2 makes Q355 slabs whose centre segregation varies widely.\nWe seek soft-reduction and electromagnetic stirring improvements.',
    industry: 'metallurgy_new_materials',
    category: 'common_key_technology',
    indicators: [
      { nameZh: `中心偏析评级 ${id}`, nameEn: `Centre segregation class ${id}`, target: '≤ C 1.0', unit: '级', method: '按 YB/T 4003 低倍检验，连续 30 炉' },
      { nameZh: '中心疏松', nameEn: 'Centre porosity', target: '≤ 1.0', unit: '级', method: 'GB/T 226 酸浸试验' },
    ],
    eligibilityZh: '具有连铸工艺研究经验的高校、科研院所或企业。',
    eligibilityEn: 'Universities, institutes or companies with continuous-casting research experience.',
    enterpriseShareFen: 80_000_000,
    requestedSpecialFundFen: 40_000_000,
    deadline: new Date(Date.now() + 40 * DAY).toISOString(),
    durationMonths: 12,
    maxWinners: 2,
    ipTermsZh: '新产生的知识产权归双方共有。',
    ipTermsEn: 'New intellectual property is owned jointly.',
    visibility: 'public',
    domesticOnly: false,
    ...overrides,
  };
}

/** Drafted (with `before` run on the draft), submitted by the enterprise and approved by the bureau. */
async function publish(tokens: { enterprise: string; bureau: string }, id: string, overrides: Record<string, unknown>, specialFundFen: number, before?: (challengeId: string) => Promise<void>): Promise<Made> {
  const body = draftBody(id, overrides);
  const created = await apiCall<{ id: string }>('/challenges', { token: tokens.enterprise, body });
  await before?.(created.id);
  await apiCall(`/challenges/${created.id}/submit`, { token: tokens.enterprise, body: {} });
  const approved = await apiCall<{ bountyFen: number }>(`/challenges/${created.id}/approve`, { token: tokens.bureau, body: { specialFundFen } });
  return {
    id: created.id,
    titleZh: body.titleZh,
    titleEn: body.titleEn,
    bountyFen: approved.bountyFen,
    enterpriseShareFen: body.enterpriseShareFen,
    specialFundFen,
    indicatorZh: body.indicators[0]!.nameZh,
    indicatorEn: body.indicators[0]!.nameEn,
  };
}

// ---- the suite -------------------------------------------------------------------------------------

let browser: Browser;
let open: Made;
let restricted: Made;
let draftId: string;
let tokens: { enterprise: string; bureau: string };
const attachmentName = `技术规格说明-${unique('')}.txt`;
const attachmentText = '连铸坯中心偏析控制技术规格 / technical specification\n';

beforeAll(async () => {
  browser = await launch();
  tokens = { enterprise: await apiLogin(ENTERPRISE_EMAIL), bureau: await apiLogin(BUREAU_EMAIL) };
  const id = unique('');
  // An amount no demo challenge has, so a bounty range can single it out (and with fen in it).
  const enterpriseShareFen = 98_765_432_1 + (Date.now() % 1000) * 100 + 7;
  open = await publish(tokens, id, { enterpriseShareFen, requestedSpecialFundFen: 50_000_000 }, 33_333_300, async (challengeId) => {
    await apiCall(`/attachments?parentType=challenge&parentId=${challengeId}&filename=${encodeURIComponent(attachmentName)}`, {
      token: tokens.enterprise,
      bytes: new TextEncoder().encode(attachmentText),
    });
  });
  // A clarification by the owner, then a deadline extension by the bureau.
  await apiCall(`/challenges/${open.id}/amendments`, { token: tokens.enterprise, body: { kind: 'clarification', textZh: `试样由发榜企业提供 ${id}`, textEn: `Samples are provided by the owner ${id}` } });
  await apiCall(`/challenges/${open.id}/amendments`, {
    token: tokens.bureau,
    body: { kind: 'deadline_extension', textZh: '应申报单位要求延长截止时间。', textEn: 'Extended at applicants\' request.', newDeadline: new Date(Date.now() + 50 * DAY).toISOString() },
  });
  // Published last: the newest challenge.
  restricted = await publish(tokens, `${id}r`, {
    titleZh: `高炉炉缸侵蚀在线监测（保密）${id}`,
    titleEn: `Online monitoring of blast-furnace hearth erosion (restricted) ${id}`,
    industry: 'high_end_equipment',
    category: 'urgent_need',
    visibility: 'restricted',
    indicators: [{ nameZh: `保密指标 炉缸残厚测量误差 ${id}`, nameEn: `Restricted: hearth thickness error ${id}`, target: '≤ 50', unit: 'mm', method: '与破损调查实测对比' }],
  }, 20_000_000);
  draftId = (await apiCall<{ id: string }>('/challenges', { token: tokens.enterprise, body: draftBody(`${id}d`, {}) })).id;
});
afterAll(async () => {
  await browser?.close();
});

/**
 * An amount as the pages show it (apps/web/src/lib/format.ts formatMoney, which the root type check
 * cannot import): 万元 in Chinese, yuan with separators in English.
 */
function formatMoney(fen: number, locale: Locale): string {
  const yuan = fen / 100;
  if (locale === 'zh-CN') {
    const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
    return yuan >= 10_000 ? `${nf.format(yuan / 10_000)} 万元` : `${nf.format(yuan)} 元`;
  }
  return new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'symbol', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(yuan).replace('CN¥', '¥');
}

const titleIn = (c: Made, locale: Locale) => (locale === 'en' ? c.titleEn : c.titleZh);
const yuan = (fen: number) => (fen / 100).toFixed(2);

async function withPage<T>(opts: { locale: Locale; javaScriptEnabled?: boolean; width?: number }, fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await newContext(browser, opts);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe.each(LOCALES)('in %s', (locale) => {
  const t = MESSAGES[locale];

  it('the home page shows the figures, the newest challenge and the bounty charts', async () => {
    await withPage({ locale }, async (page) => {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: t.home.title, exact: true }).waitFor();

      const figures = page.getByRole('region', { name: t.browse.home.figuresTitle, exact: true });
      const openCount = await figures.locator('.figure').filter({ has: page.getByText(t.browse.home.figures.openChallenges, { exact: true }) }).locator('dd').innerText();
      expect(Number.parseInt(openCount.replace(/\D/g, ''), 10), 'open challenges').toBeGreaterThanOrEqual(2);
      await figures.getByText(t.browse.home.figures.specialFund, { exact: true }).waitFor();

      const newest = page.getByRole('region', { name: t.browse.home.newestTitle, exact: true });
      expect(await newest.getByRole('listitem').count()).toBeGreaterThan(0);
      await newest.getByRole('heading', { name: titleIn(restricted, locale), exact: true }).first().waitFor();

      // Each chart's figures are also a table for assistive technology.
      const charts = page.getByRole('region', { name: t.browse.home.chartsTitle, exact: true });
      for (const caption of [t.browse.home.byIndustry, t.browse.home.byCategory]) await charts.getByRole('table', { name: caption, exact: true }).waitFor({ state: 'attached' });
      const metallurgyRow = charts.getByRole('table', { name: t.browse.home.byIndustry }).getByRole('row', { name: new RegExp(t.challenge.industries.metallurgy_new_materials) });
      expect(await metallurgyRow.count()).toBe(1);
      // No "coming soon" box once challenges exist.
      expect(await page.getByRole('heading', { name: t.home.soonTitle }).count()).toBe(0);

      await checkSharedState(page, locale, 'home with challenges');
      await newest.getByRole('link', { name: titleIn(restricted, locale), exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === `/challenges/${restricted.id}`);
    });
  });

  it('the list filters by bounty range and industry, shows a designed empty state and clears the filters', async () => {
    // Chinese with JavaScript (client-side navigation), English without (plain GET form).
    const js = locale === 'zh-CN';
    await withPage({ locale, javaScriptEnabled: js }, async (page) => {
      await page.goto('/challenges');
      await page.getByRole('heading', { level: 1, name: t.browse.list.title, exact: true }).waitFor();
      if (js) await waitForHydration(page);

      const form = page.getByRole('form', { name: t.browse.list.filtersTitle, exact: true });
      await form.getByRole('textbox', { name: t.browse.list.minBounty }).fill(yuan(open.bountyFen));
      await form.getByRole('textbox', { name: t.browse.list.maxBounty }).fill(yuan(open.bountyFen));
      await form.getByRole('button', { name: t.browse.list.apply, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('minBounty') === yuan(open.bountyFen));

      const results = page.getByRole('region', { name: t.browse.list.resultsTitle, exact: true });
      await results.getByText(t.browse.list.resultCountFiltered.replace('{count}', '1'), { exact: true }).waitFor();
      const card = results.getByRole('article');
      expect(await card.count()).toBe(1);
      await card.getByRole('link', { name: titleIn(open, locale), exact: true }).waitFor();
      await card.getByText(formatMoney(open.bountyFen, locale), { exact: true }).waitFor();
      await card.getByText(t.challenge.industries.metallurgy_new_materials, { exact: true }).waitFor();
      await checkPage(page, locale, 'list, filtered');

      // The same range in another industry: nothing.
      await form.getByRole('combobox', { name: t.browse.list.industry, exact: true }).selectOption('high_end_equipment');
      await form.getByRole('button', { name: t.browse.list.apply, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('industry') === 'high_end_equipment');
      await results.getByRole('heading', { name: t.browse.list.emptyTitle, exact: true }).waitFor();
      expect(await results.getByRole('article').count()).toBe(0);
      await checkPage(page, locale, 'list, empty');

      await results.getByRole('link', { name: t.browse.list.clear, exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/challenges' && url.search === '');
      await results.getByRole('link', { name: titleIn(restricted, locale), exact: true }).waitFor();
      expect(await results.getByRole('article').count()).toBeGreaterThanOrEqual(2);
      // The restricted challenge says so in words.
      await results.getByRole('article').filter({ hasText: titleIn(restricted, locale) }).getByText(t.browse.card.restricted, { exact: true }).waitFor();
    });
  });

  it('a challenge shows its indicators, bounty split, amendments and attachments', async () => {
    await withPage({ locale }, async (page) => {
      const response = await page.goto(`/challenges/${open.id}`);
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: titleIn(open, locale), exact: true }).waitFor();

      const indicators = page.getByRole('table', { name: t.browse.details.indicatorsCaption.replace('{count}', '2'), exact: true });
      await indicators.getByRole('rowheader', { name: new RegExp(locale === 'en' ? open.indicatorEn : open.indicatorZh) }).waitFor();
      for (const column of [t.challenge.fields.indicatorTarget, t.challenge.fields.indicatorUnit, t.challenge.fields.indicatorMethod]) {
        await indicators.getByRole('columnheader', { name: column, exact: true }).waitFor();
      }

      const facts = page.getByRole('region', { name: t.browse.details.keyFacts, exact: true });
      await facts.getByText(formatMoney(open.bountyFen, locale), { exact: true }).waitFor();
      await facts.getByText(formatMoney(open.enterpriseShareFen, locale), { exact: true }).waitFor();
      await facts.getByText(formatMoney(open.specialFundFen, locale), { exact: true }).waitFor();
      await facts.getByText(t.browse.details.maxWinnersMany.replace('{n}', '2'), { exact: true }).waitFor();
      await facts.getByText(t.challenge.deadlineBeijing.replace('{time}', ''), { exact: false }).first().waitFor();

      const amendments = page.getByRole('region', { name: t.browse.details.amendments, exact: true });
      await amendments.getByText(t.challenge.amendmentKinds.deadline_extension, { exact: true }).waitFor();
      await amendments.getByText(t.browse.details.deadlineOld, { exact: false }).waitFor();

      await expectNoHorizontalScroll(page, `challenge at 1280 px (${locale})`);
      await checkSharedState(page, locale, 'challenge details');

      await page.setViewportSize({ width: 360, height: 800 });
      await expectNoHorizontalScroll(page, `challenge at 360 px (${locale})`);
    });
  });

  it('the 404 page answers an unknown challenge and a draft the reader may not see', async () => {
    await withPage({ locale }, async (page) => {
      for (const path of ['/challenges/00000000-0000-4000-8000-000000000000', `/challenges/${draftId}`, '/challenges/not-an-id']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await page.getByRole('heading', { level: 1, name: t.errors.notFoundTitle, exact: true }).waitFor();
      }
    });
  });
});

describe('an attachment', () => {
  it('downloads through the web server as an attachment with its name and type', async () => {
    await withPage({ locale: 'zh-CN' }, async (page) => {
      await page.goto(`/challenges/${open.id}`);
      const files = page.getByRole('region', { name: MESSAGES['zh-CN'].challenge.fields.attachments, exact: true });
      const link = files.getByRole('link', { name: attachmentName, exact: true });
      const href = await link.getAttribute('href');
      expect(href).toMatch(new RegExp(`^/challenges/${open.id}/attachments/[0-9a-f-]{36}$`));

      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(attachmentName);

      const res = await page.context().request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
      expect(res.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(attachmentName)}`);
      expect(res.headers()['content-type']).toMatch(/^text\/plain/);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await res.text()).toBe(attachmentText);

      // An id that names no file is a 404.
      expect((await page.context().request.get(`/challenges/${open.id}/attachments/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
    });
  });
});

describe('a restricted challenge', () => {
  it.each(LOCALES)('anonymous readers see only the summary and a way to sign in (%s)', async (locale) => {
    const t = MESSAGES[locale];
    await withPage({ locale }, async (page) => {
      await page.goto(`/challenges/${restricted.id}`);
      await page.getByRole('heading', { level: 1, name: titleIn(restricted, locale), exact: true }).waitFor();
      const overview = page.getByRole('region', { name: t.browse.detail.summaryFacts, exact: true });
      await overview.getByText(formatMoney(restricted.bountyFen, locale), { exact: true }).waitFor();

      const gate = page.getByRole('region', { name: t.browse.detail.gateTitle, exact: true });
      const signInLink = gate.getByRole('link', { name: t.browse.detail.gateSignIn, exact: true });
      expect(await signInLink.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/challenges/${restricted.id}`)}`);
      // None of the details are in the page.
      expect(await page.getByRole('table').count()).toBe(0);
      const html = await page.content();
      for (const secret of [restricted.indicatorZh, restricted.indicatorEn, '与破损调查实测对比']) expect(html).not.toContain(secret);
      await checkSharedState(page, locale, 'restricted challenge, anonymous');
    });
  });

  it('the demo solver signs in, accepts the confidentiality terms and then sees the indicators', async () => {
    const locale: Locale = 'en';
    const t = MESSAGES[locale];
    await withPage({ locale }, async (page) => {
      await page.goto(`/challenges/${restricted.id}`);
      await page.getByRole('region', { name: t.browse.detail.gateTitle, exact: true }).getByRole('link', { name: t.browse.detail.gateSignIn, exact: true }).click();
      await signIn(page, locale, SOLVER_EMAIL, DEMO_PASSWORD, { open: false, expectPath: `/challenges/${restricted.id}` });

      const gate = page.getByRole('region', { name: t.browse.detail.gateTitle, exact: true });
      await gate.getByRole('heading', { name: t.browse.detail.termsTitle.replace('{version}', '2026-1'), exact: true }).waitFor();
      await gate.getByRole('heading', { name: t.browse.detail.termsZh, exact: true }).waitFor();
      await gate.getByRole('heading', { name: t.browse.detail.termsEn, exact: true }).waitFor();
      await checkPage(page, locale, 'confidentiality terms');
      await waitForHydration(page);

      // Without ticking the box: refused, the reason focused.
      await gate.getByRole('button', { name: t.browse.detail.accept, exact: true }).click();
      await page.getByRole('alert').getByText(t.browse.detail.agreeRequired, { exact: true }).first().waitFor();
      expect(await page.getByRole('table').count()).toBe(0);

      await gate.getByRole('checkbox', { name: t.browse.detail.agree, exact: true }).check();
      await gate.getByRole('button', { name: t.browse.detail.accept, exact: true }).click();
      await page.getByText(t.browse.detail.accepted, { exact: true }).waitFor();
      const indicators = page.getByRole('table', { name: t.browse.details.indicatorsCaption.replace('{count}', '1'), exact: true });
      await indicators.getByRole('rowheader', { name: new RegExp(restricted.indicatorEn) }).waitFor();
      await indicators.getByText('与破损调查实测对比', { exact: true }).waitFor();
      expect(await page.getByRole('region', { name: t.browse.detail.gateTitle }).count()).toBe(0);
      await checkPage(page, locale, 'restricted challenge after accepting');

      // Remembered: a fresh load shows the details straight away.
      await page.reload();
      await indicators.waitFor();
    });
  });
});

describe('the owner and the bureau', () => {
  // Signed in with the access tokens of the set-up (no further sign-ins: they are rate limited per account).
  it.each([
    ['owner', 'enterprise', '/enterprise/challenges/'],
    ['bureau', 'bureau', '/bureau/challenges/'],
  ] as const)('the %s sees the full challenge and a link to its management page', async (_who, key, prefix) => {
    const locale: Locale = 'zh-CN';
    const t = MESSAGES[locale];
    await withPage({ locale }, async (page, context) => {
      await context.addCookies([{ name: 'at', value: tokens[key], url: BASE_URL, httpOnly: true, sameSite: 'Lax' }]);
      await page.goto(`/challenges/${restricted.id}`);
      const manage = page.getByRole('complementary', { name: t.browse.detail.manageTitle, exact: true });
      const link = manage.getByRole('link', { name: key === 'bureau' ? t.browse.detail.manageBureauLink : t.browse.detail.manageOwnerLink, exact: true });
      expect(await link.getAttribute('href')).toBe(`${prefix}${restricted.id}`);
      // No confidentiality gate for them: the details are there.
      await page.getByRole('table', { name: t.browse.details.indicatorsCaption.replace('{count}', '1'), exact: true }).getByRole('rowheader', { name: new RegExp(restricted.indicatorZh) }).waitFor();
      expect(await page.getByRole('region', { name: t.browse.detail.gateTitle }).count()).toBe(0);
      await checkPage(page, locale, `challenge as the ${key}`);
    });
  });
});

describe('at 360 px width', () => {
  it.each(LOCALES)('home, list and a challenge fit without horizontal scroll in %s', async (locale) => {
    await withPage({ locale, width: 360 }, async (page) => {
      // The last one has filters that cannot be used: the list with its error summary.
      for (const path of ['/', '/challenges', `/challenges/${open.id}`, `/challenges/${restricted.id}`, `/challenges?minBounty=${yuan(open.bountyFen)}&maxBounty=1&deadlineBefore=2026-02-30`]) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await expectNoHorizontalScroll(page, `${path} at 360 px (${locale})`);
      }
      await checkSharedState(page, locale, 'list with invalid filters at 360 px');
    });
  });
});
