/**
 * User management: the bureau opens an expert's account, the expert signs in (a wrong password is
 * refused first, as such), the bureau disables the account, and the expert's sign-in stops working at once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_MESSAGES } from '../apps/api/src/http/problem-messages';
import { BUREAU_EMAIL, checkPage, expectPage, launch, MESSAGES, newContext, signIn, signInAs, unique, waitForHydration, type Locale } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('an expert account, opened and disabled by the bureau', () => {
  // The bureau works in English, the expert in Chinese.
  const bureauLocale: Locale = 'en';
  const expertLocale: Locale = 'zh-CN';
  const b = MESSAGES[bureauLocale];
  const x = MESSAGES[expertLocale];
  const id = unique('');
  const expert = { displayName: `评审专家${id}`, email: `expert.${id}@e2e.test`, password: `pw-${id}-expert` };

  let bureauContext: BrowserContext;
  let bureau: Page;
  let expertContext: BrowserContext;
  let expertPage: Page;

  beforeAll(async () => {
    [bureauContext, expertContext] = await Promise.all([newContext(browser, { locale: bureauLocale }), newContext(browser, { locale: expertLocale })]);
    [bureau, expertPage] = await Promise.all([bureauContext.newPage(), expertContext.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([bureauContext?.close(), expertContext?.close()]);
  });

  /** The expert's row in the list, found through the list's search. */
  async function expertRow() {
    await bureau.getByRole('searchbox', { name: b.bureauUsers.search, exact: true }).fill(expert.email);
    await bureau.getByRole('search').getByRole('button', { name: b.common.filter, exact: true }).click();
    await bureau.waitForURL((url) => url.searchParams.get('q') === expert.email);
    const row = bureau.getByRole('row').filter({ hasText: expert.email });
    await row.waitFor();
    return row;
  }

  it('the bureau opens an expert account from the users page', async () => {
    await signInAs(bureauContext, BUREAU_EMAIL);
    await bureau.goto('/account');
    await bureau.getByRole('navigation', { name: b.nav.label, exact: true }).getByRole('link', { name: b.nav.users, exact: true }).click();
    await bureau.waitForURL((url) => url.pathname === '/bureau/users');
    await expectPage(bureau, bureauLocale, b.bureauUsers.title);
    await checkPage(bureau, bureauLocale, 'bureau users');

    const form = bureau.getByRole('region', { name: b.bureauUsers.createTitle, exact: true });
    await form.getByRole('textbox', { name: b.bureauUsers.displayName, exact: true }).fill(expert.displayName);
    await form.getByRole('textbox', { name: b.bureauUsers.email, exact: true }).fill(expert.email);
    await form.getByRole('combobox', { name: b.bureauUsers.role, exact: true }).selectOption('expert');
    await form.getByRole('combobox', { name: b.bureauUsers.locale, exact: true }).selectOption('zh-CN');
    await form.getByLabel(b.bureauUsers.password, { exact: true }).fill(expert.password);
    await form.getByRole('button', { name: b.bureauUsers.create, exact: true }).click();
    await bureau.getByText(b.bureauUsers.created.replace('{email}', expert.email), { exact: true }).waitFor();

    const row = await expertRow();
    await row.getByText(expert.displayName, { exact: true }).waitFor();
    await row.getByText(b.roles.expert, { exact: true }).waitFor();
    await row.getByText(b.userStatus.active, { exact: true }).waitFor();
    await checkPage(bureau, bureauLocale, 'bureau users, expert created');
  });

  it('the expert signs in, after a wrong password is refused as such', async () => {
    await expertPage.goto('/login');
    await expectPage(expertPage, expertLocale, x.login.title);
    await waitForHydration(expertPage);
    await expertPage.getByRole('textbox', { name: x.login.email, exact: true }).fill(expert.email);
    await expertPage.getByLabel(x.login.password, { exact: true }).fill(`${expert.password}-wrong`);
    await expertPage.getByRole('button', { name: x.login.submit, exact: true }).click();
    await expertPage.getByRole('alert').getByText(PROBLEM_MESSAGES.invalid_credentials[expertLocale].detail, { exact: true }).waitFor();
    expect(new URL(expertPage.url()).pathname, 'still on the login page').toBe('/login');

    await signIn(expertPage, expertLocale, expert.email, expert.password, { open: false });
    await expectPage(expertPage, expertLocale, x.account.title);
    const me = expertPage.getByRole('region', { name: x.account.userSection, exact: true });
    await me.getByText(expert.email, { exact: true }).waitFor();
    await me.getByText(x.roles.expert, { exact: true }).waitFor();
    await checkPage(expertPage, expertLocale, 'account (expert)');
  });

  it('the bureau disables the account', async () => {
    const row = await expertRow();
    await row.getByRole('button', { name: `${b.bureauUsers.disable} ${expert.displayName}`, exact: true }).click();
    await bureau.getByText(b.bureauUsers.disabledDone, { exact: true }).waitFor();
    await row.getByText(b.userStatus.disabled, { exact: true }).waitFor();
    await row.getByRole('button', { name: `${b.bureauUsers.enable} ${expert.displayName}`, exact: true }).waitFor();
    await checkPage(bureau, bureauLocale, 'bureau users, expert disabled');
  });

  it("the expert's next page load is signed out, and signing in again is refused as disabled", async () => {
    expect((await expertContext.cookies()).map((c) => c.name), 'signed in before').toEqual(expect.arrayContaining(['at', 'rt']));

    await expertPage.reload();
    const url = new URL(expertPage.url());
    expect(url.pathname, 'sent to sign in').toBe('/login');
    expect(url.searchParams.get('next')).toBe('/account');
    await expectPage(expertPage, expertLocale, x.login.title);
    const header = expertPage.getByRole('banner');
    await header.getByRole('link', { name: x.nav.signIn, exact: true }).waitFor();
    expect(await header.getByText(expert.displayName).count(), 'no user in the header').toBe(0);
    const left = (await expertContext.cookies()).map((c) => c.name);
    expect(left, 'the access cookie is gone').not.toContain('at');
    expect(left, 'the refresh cookie is gone').not.toContain('rt');

    await expertPage.getByRole('textbox', { name: x.login.email, exact: true }).fill(expert.email);
    await expertPage.getByLabel(x.login.password, { exact: true }).fill(expert.password);
    await expertPage.getByRole('button', { name: x.login.submit, exact: true }).click();
    const alert = expertPage.getByRole('alert');
    await alert.getByText(PROBLEM_MESSAGES.account_disabled[expertLocale].detail, { exact: true }).waitFor();
    await alert.getByRole('heading', { name: PROBLEM_MESSAGES.account_disabled[expertLocale].title, exact: true }).waitFor();
    expect(await alert.getByText(PROBLEM_MESSAGES.invalid_credentials[expertLocale].detail).count(), 'not the wrong-password message').toBe(0);
    expect(new URL(expertPage.url()).pathname).toBe('/login');
    await checkPage(expertPage, expertLocale, 'login, account disabled');
  });
});
