/**
 * Reach: a fresh solver (Chinese, with JavaScript) follows a published challenge, saves a search,
 * turns one kind of e-mail off on the account page and finds it still off after a reload, then
 * unfollows. The pages mail links lead to (English, without JavaScript): forgot-password answers
 * with the same neutral message for any address; bad verify, reset and unsubscribe links show their
 * invalid-link states, and opening a link changes nothing until its button is pressed. axe on each.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, checkPage, expectPage, launch, MESSAGES, newContext, signInAs, unique } from './support';

const PASSWORD = 'correct-horse-battery';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function freshSolver() {
  const id = unique('rc');
  const domain = `${id}.example.edu`;
  const email = `researcher@${domain}`;
  await apiCall('/auth/register', {
    body: {
      email, password: PASSWORD, displayName: 'Reach Researcher', role: 'solver', locale: 'zh-CN',
      organization: { kind: 'university', country: 'DE', nameEn: `University ${id}`, website: `https://www.${domain}`, emailDomain: domain },
    },
  });
  return email;
}

describe('reach', () => {
  it('follow, save a search, turn an e-mail kind off, unfollow (zh-CN, with JavaScript)', async () => {
    const locale = 'zh-CN';
    const t = MESSAGES[locale];
    const r = t.reach;
    const { items } = await apiCall<{ items: { id: string }[] }>('/challenges?status=published&pageSize=1');
    const challengeId = items[0]!.id;
    const email = await freshSolver();
    const context = await newContext(browser, { locale });
    try {
      await signInAs(context, email, PASSWORD);
      const page = await context.newPage();

      await page.goto(`/challenges/${challengeId}`);
      await page.getByRole('button', { name: r.follow.follow, exact: true }).click();
      await page.getByText(r.follow.following, { exact: true }).waitFor();
      await page.getByRole('button', { name: r.follow.unfollow, exact: true }).waitFor();

      await page.goto('/challenges?q=alloy');
      await page.getByText(r.saveSearch.title, { exact: true }).click();
      expect(await page.getByRole('textbox', { name: r.saveSearch.name }).inputValue()).toBe('alloy');
      await page.getByRole('button', { name: r.saveSearch.submit, exact: true }).click();
      await page.getByText(r.saveSearch.saved).waitFor();

      await page.goto('/account');
      await expectPage(page, locale, t.account.title);
      const box = page.getByRole('checkbox', { name: r.kinds.saved_search_match, exact: true });
      expect(await box.isChecked()).toBe(true);
      await box.uncheck();
      await page.getByRole('button', { name: r.email.save, exact: true }).click();
      await page.getByText(r.email.saved, { exact: true }).waitFor();
      await page.reload();
      expect(await page.getByRole('checkbox', { name: r.kinds.saved_search_match, exact: true }).isChecked(), 'the choice stays off').toBe(false);
      expect(await page.getByRole('checkbox', { name: r.kinds.question_answered, exact: true }).isChecked()).toBe(true);
      await page.getByRole('heading', { level: 3, name: 'alloy' }).waitFor();
      await page.getByRole('button', { name: r.searches.turnAlertsOff, exact: true }).waitFor();
      await checkPage(page, locale, 'account with e-mail, follows and saved searches');

      await page.getByRole('button', { name: r.following.unfollow, exact: true }).click();
      await page.getByText(r.following.empty, { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the pages mail links lead to (en, without JavaScript)', async () => {
    const locale = 'en';
    const t = MESSAGES[locale];
    const r = t.reach;
    const context = await newContext(browser, { locale, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByRole('link', { name: r.forgot.link, exact: true }).click();
      await expectPage(page, locale, r.forgot.title);
      await page.getByRole('textbox', { name: r.forgot.email }).fill(`nobody-${unique('x')}@example.org`);
      await page.getByRole('button', { name: r.forgot.submit, exact: true }).click();
      await page.getByText(r.forgot.sent, { exact: true }).waitFor();
      await checkPage(page, locale, 'forgot password, sent');

      await page.goto('/unsubscribe?token=not-a-real-token');
      await expectPage(page, locale, r.unsubscribe.invalidTitle);
      await page.getByRole('link', { name: r.unsubscribe.manage }).waitFor();
      await checkPage(page, locale, 'unsubscribe, invalid link');

      // Opening the link only shows the button; the POST spends (here: refuses) the token.
      await page.goto('/verify-email?token=not-a-real-token');
      await expectPage(page, locale, r.verify.title);
      await checkPage(page, locale, 'verify e-mail');
      await page.getByRole('button', { name: r.verify.confirm, exact: true }).click();
      await expectPage(page, locale, r.verify.invalidTitle);

      await page.goto('/reset-password?token=not-a-real-token');
      await expectPage(page, locale, r.reset.title);
      await checkPage(page, locale, 'reset password');
      await page.getByLabel(r.reset.password, { exact: true }).fill('a-new-password-1');
      await page.getByLabel(r.reset.confirm, { exact: true }).fill('a-new-password-2');
      await page.getByRole('button', { name: r.reset.submit, exact: true }).click();
      await page.getByText(r.reset.mismatch).first().waitFor();
      await page.getByLabel(r.reset.confirm, { exact: true }).fill('a-new-password-1');
      await page.getByLabel(r.reset.password, { exact: true }).fill('a-new-password-1');
      await page.getByRole('button', { name: r.reset.submit, exact: true }).click();
      await expectPage(page, locale, r.reset.invalidTitle);
      await page.getByRole('link', { name: r.reset.requestNew, exact: true }).waitFor();
      await checkPage(page, locale, 'reset password, invalid link');
    } finally {
      await context.close();
    }
  });
});
