/**
 * The audit viewer (审计日志), in each language: the bureau opens it from the header and sees the hash
 * chain verified with the count the API checks; filters by a challenge's approval through the form,
 * finds exactly the records the API finds, linked to the challenge; opens the before/after and sees
 * the state marked as changed; a filter matching nothing shows the empty state. axe on every state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, AuditVerification } from '../apps/web/src/lib/audit';
import { apiCall, apiLogin, BUREAU_EMAIL, checkSharedState, expectPage, launch, LOCALES, MESSAGES, newContext, signInAs } from './support';

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('the audit viewer in %s', (locale) => {
  const t = MESSAGES[locale];
  const a = t.audit;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  beforeAll(async () => {
    context = await newContext(browser, { locale });
    page = await context.newPage();
    token = await apiLogin(BUREAU_EMAIL);
  });
  afterAll(async () => {
    await context?.close();
  });

  const checkedOnPage = async (p: Page) => Number(/\d+/.exec(await p.locator('[data-chain="ok"]').innerText())?.[0]);

  it('shows the chain verified, filters by an entity, opens its before/after', async () => {
    await signInAs(context, BUREAU_EMAIL);
    await page.goto('/account');
    const before = await apiCall<AuditVerification>('/audit/verify', { token });
    await page.getByRole('banner').getByRole('link', { name: a.nav, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/bureau/audit');
    await expectPage(page, locale, a.title);

    // The chain: verified, with at least as many records as the API checked a moment before.
    const chain = page.locator('[data-chain="ok"]');
    await chain.getByRole('heading', { name: a.chain.okTitle, exact: true }).waitFor();
    const checked = await checkedOnPage(page);
    expect(checked).toBeGreaterThanOrEqual(before.checked);
    expect(await chain.innerText()).toContain(fill(a.chain.ok, { checked }));
    expect(await page.locator('[data-chain="broken"]').count()).toBe(0);
    await checkSharedState(page, locale, 'audit log');

    // A challenge's approval, filtered through the form.
    const approval = (await apiCall<AuditPage>('/audit?action=challenge.approve&pageSize=1', { token })).items[0]!;
    expect(approval, 'the demo data holds an approved challenge').toBeDefined();
    const challengeId = approval.entity.id;
    await page.getByLabel(a.filter.entityType, { exact: true }).selectOption('challenge');
    await page.getByLabel(a.filter.action, { exact: true }).selectOption('challenge.approve');
    await page.getByRole('textbox', { name: a.filter.entityId, exact: true }).fill(challengeId);
    await page.getByRole('search').getByRole('button', { name: a.filter.submit, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('entityId') === challengeId);

    const expected = await apiCall<AuditPage>(`/audit?entityType=challenge&action=challenge.approve&entityId=${challengeId}`, { token });
    const rows = page.locator('tr[data-record]');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-record'))))).toEqual(expected.items.map((r) => r.id));
    const row = page.locator(`tr[data-record="${approval.id}"]`);
    const link = row.getByRole('link', { name: challengeId, exact: true });
    expect(await link.getAttribute('href')).toBe(`/bureau/challenges/${challengeId}`);

    // The before/after: closed until asked, then the state marked as changed in words.
    const diff = row.locator('table.diff');
    expect(await diff.isVisible()).toBe(false);
    await row.locator('summary').click();
    await diff.waitFor();
    const state = diff.locator('tr[data-field="state"]');
    expect(await state.getAttribute('data-changed')).toBe('true');
    expect(await state.getByRole('rowheader').innerText()).toContain(a.table.changed);
    expect((await state.getByRole('cell').allInnerTexts()).map((s) => s.trim())).toEqual(['pending_review', 'published']);
    await checkSharedState(page, locale, 'audit log, filtered, a diff open');

    // Nothing matches: the empty state, with the way back.
    await page.goto('/bureau/audit?entityId=no-such-entity');
    await page.locator('[data-empty]').getByRole('heading', { name: a.empty.title, exact: true }).waitFor();
    expect(await page.locator('[data-empty]').innerText()).toContain(a.empty.filtered);
    await page.getByRole('link', { name: a.filter.clear, exact: true }).waitFor();
    await checkSharedState(page, locale, 'audit log, empty');
  });
});
