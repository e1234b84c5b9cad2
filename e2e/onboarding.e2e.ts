/**
 * Onboarding, end to end: an enterprise registers (the USCC checked as one types, and again by the
 * server), the bureau verifies its organisation from the queue, and the user then sees it verified —
 * in Chinese and in English with JavaScript, and once more in Chinese without it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUREAU_EMAIL,
  checkPage,
  checkSharedState,
  corruptUscc,
  descriptionOf,
  expectPage,
  freshUscc,
  launch,
  LOCALES,
  MESSAGES,
  newContext,
  signIn,
  signInAs,
  signOut,
  unique,
  type Locale,
} from './support';

interface Applicant {
  displayName: string;
  email: string;
  password: string;
  nameZh: string;
  nameEn: string;
  uscc: string;
}

function newApplicant(): Applicant {
  const id = unique('');
  return {
    // Chinese user-entered text on purpose: English pages must still pass (it is marked as the user's).
    displayName: `测试员${id}`,
    email: `e2e.${id}@onboarding.test`,
    password: `pw-${id}-secret`,
    nameZh: `井陉测试钢铁有限公司${id}`,
    nameEn: `Jingxing Test Steel ${id}`,
    uscc: freshUscc(),
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The register form's controls, by role and label. */
function registerForm(page: Page, locale: Locale) {
  const t = MESSAGES[locale];
  return {
    enterprise: page.getByRole('radio', { name: t.roles.enterprise }),
    displayName: page.getByRole('textbox', { name: t.register.displayName, exact: true }),
    email: page.getByRole('textbox', { name: t.register.email, exact: true }),
    password: page.getByLabel(t.register.password, { exact: true }),
    kind: page.getByRole('combobox', { name: t.register.kind }),
    country: page.getByRole('combobox', { name: t.register.country }),
    nameZh: page.getByRole('textbox', { name: t.register.nameZh }),
    nameEn: page.getByRole('textbox', { name: t.register.nameEn }),
    uscc: page.getByRole('textbox', { name: t.register.uscc }),
    submit: page.getByRole('button', { name: t.register.submit, exact: true }),
  };
}

/** The account page's organisation panel shows the applicant's organisation with this status. */
async function expectAccountOrganization(page: Page, locale: Locale, who: Applicant, status: 'pending' | 'verified') {
  const t = MESSAGES[locale];
  await expectPage(page, locale, t.account.title);
  const me = page.getByRole('region', { name: t.account.userSection, exact: true });
  await me.getByText(who.email, { exact: true }).waitFor();
  const org = page.getByRole('region', { name: t.account.organizationSection, exact: true });
  await org.getByText(who.nameZh, { exact: true }).waitFor();
  await org.getByText(who.uscc, { exact: true }).waitFor();
  await org.getByText(t.orgStatus[status], { exact: true }).waitFor();
  const note = status === 'pending' ? t.account.orgPending : t.account.orgVerified;
  const other = status === 'pending' ? t.account.orgVerified : t.account.orgPending;
  await org.getByText(note, { exact: true }).waitFor();
  expect(await org.getByText(other, { exact: true }).count(), `account page must not also say "${other}"`).toBe(0);
}

/** Registration done: on the account page, signed in, the organisation awaiting verification. */
async function expectRegistered(page: Page, locale: Locale, who: Applicant) {
  const t = MESSAGES[locale];
  await page.waitForURL((url) => url.pathname === '/account');
  await expectAccountOrganization(page, locale, who, 'pending');
  await page.getByRole('banner').getByText(who.displayName, { exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: t.nav.signOut, exact: true }).waitFor();
  await checkSharedState(page, locale, 'account, organisation pending');
}

/**
 * Signs the bureau in (not through the login page: the new user signs in through it below), opens the
 * verification queue from the navigation and verifies the organisation.
 */
async function bureauVerifies(page: Page, locale: Locale, who: Applicant) {
  const t = MESSAGES[locale];
  await signInAs(page.context(), BUREAU_EMAIL);
  await page.goto('/account');
  await expectPage(page, locale, t.account.title);
  await checkSharedState(page, locale, 'account (bureau)');

  await page.getByRole('navigation', { name: t.nav.label, exact: true }).getByRole('link', { name: t.nav.organizations, exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/bureau/organizations');
  await expectPage(page, locale, t.bureauOrgs.title);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: who.nameZh }) });
  await card.waitFor();
  await card.getByText(t.orgStatus.pending, { exact: true }).waitFor();
  await card.getByText(who.uscc, { exact: true }).waitFor();
  await checkSharedState(page, locale, 'bureau organisations queue');

  await card.getByRole('button', { name: t.bureauOrgs.verify, exact: true }).click();
  await page.getByText(t.bureauOrgs.verified, { exact: true }).waitFor();
  // Verified organisations leave the queue of pending ones.
  await card.waitFor({ state: 'detached' });
  await expectPage(page, locale, t.bureauOrgs.title);
  await checkSharedState(page, locale, 'bureau organisations queue, after verifying');

  await signOut(page, locale);
}

/** The new user signs in through the login page and finds the organisation verified. */
async function userSeesVerified(page: Page, locale: Locale, who: Applicant) {
  await page.goto('/login');
  await checkSharedState(page, locale, 'login');
  await signIn(page, locale, who.email, who.password, { open: false });
  await expectAccountOrganization(page, locale, who, 'verified');
  await checkSharedState(page, locale, 'account, organisation verified');
}

describe.each(LOCALES)('onboarding in %s with JavaScript', (locale) => {
  const t = MESSAGES[locale];
  const who = newApplicant();
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { locale });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('registers an enterprise; the USCC check rejects a corrupted code as it is typed, then accepts the fixed one', async () => {
    await page.goto('/register');
    await expectPage(page, locale, t.register.title);
    // Once the page is interactive it shows only the groups that apply (without JS it shows all, with notes).
    await page.getByText(t.register.usccGroup, { exact: true }).waitFor({ state: 'detached' });
    await checkSharedState(page, locale, 'register');

    const f = registerForm(page, locale);
    await f.enterprise.check();
    // Choosing "challenge owner" presets what the rules require.
    expect(await f.kind.inputValue(), 'kind preset for an enterprise').toBe('enterprise');
    expect(await f.country.inputValue(), 'country preset for an enterprise').toBe('CN');
    await f.displayName.fill(who.displayName);
    await f.email.fill(who.email);
    await f.password.fill(who.password);
    await f.nameZh.fill(who.nameZh);
    await f.nameEn.fill(who.nameEn);

    const bad = corruptUscc(who.uscc);
    await f.uscc.fill(bad);
    await page.getByText(t.uscc.check_character, { exact: true }).waitFor();
    expect(await descriptionOf(f.uscc), 'the live check describes the USCC field').toContain(t.uscc.check_character);
    expect(await f.uscc.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname, 'the check runs in the page, nothing was sent').toBe('/register');
    await checkSharedState(page, locale, 'register, USCC rejected');

    await f.uscc.fill(who.uscc);
    await page.getByText(t.uscc.valid, { exact: true }).waitFor();
    expect(await descriptionOf(f.uscc)).not.toContain(t.uscc.check_character);
    expect(await f.uscc.getAttribute('aria-invalid')).toBe('false');

    await f.submit.click();
    await expectRegistered(page, locale, who);
  });

  it('signs out; the bureau signs in and verifies the organisation from the queue', async () => {
    await signOut(page, locale);
    await expectPage(page, locale, t.home.title);
    await checkSharedState(page, locale, 'home');
    await bureauVerifies(page, locale, who);
  });

  it('the new user signs in and sees the organisation verified', async () => {
    await userSeesVerified(page, locale, who);
  });
});

describe('onboarding in zh-CN without JavaScript', () => {
  const locale: Locale = 'zh-CN';
  const t = MESSAGES[locale];
  const who = newApplicant();
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, { locale, javaScriptEnabled: false });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('registers an enterprise; the server refuses a corrupted USCC next to the field, then accepts the fixed one', async () => {
    await page.goto('/register');
    await expectPage(page, locale, t.register.title);
    // Without JavaScript every group shows, each with a note on when it applies.
    await page.getByText(t.register.usccGroup, { exact: true }).waitFor();
    await page.getByText(t.register.foreignGroup, { exact: true }).waitFor();
    await checkPage(page, locale, 'register (no JS)');

    const f = registerForm(page, locale);
    await f.enterprise.check();
    await f.kind.selectOption('enterprise');
    await f.country.selectOption('CN');
    await f.displayName.fill(who.displayName);
    await f.email.fill(who.email);
    await f.password.fill(who.password);
    await f.nameZh.fill(who.nameZh);
    await f.nameEn.fill(who.nameEn);
    const bad = corruptUscc(who.uscc);
    await f.uscc.fill(bad);
    // No live check without JavaScript.
    expect(await page.getByText(t.uscc.check_character, { exact: true }).count()).toBe(0);
    await f.submit.click();

    // The server's answer: the summary at the top, the reason next to the field, the entries kept.
    const summary = page.getByRole('alert');
    await summary.waitFor();
    await summary.getByRole('link', { name: t.form.codes.uscc_check_character }).waitFor();
    expect(await summary.getByRole('link', { name: t.form.codes.uscc_check_character }).getAttribute('href')).toBe('#f-organization-uscc');
    expect(await descriptionOf(f.uscc), 'the error is tied to the USCC field').toContain(t.form.codes.uscc_check_character);
    expect(await f.uscc.getAttribute('aria-invalid')).toBe('true');
    expect(await f.uscc.inputValue()).toBe(bad);
    expect(await f.displayName.inputValue()).toBe(who.displayName);
    expect(await f.email.inputValue()).toBe(who.email);
    expect(await f.nameZh.inputValue()).toBe(who.nameZh);
    expect(await f.enterprise.isChecked()).toBe(true);
    await checkPage(page, locale, 'register, USCC refused by the server (no JS)');

    await f.uscc.fill(who.uscc);
    await f.password.fill(who.password);
    await f.submit.click();
    await expectRegistered(page, locale, who);
  });

  it('signs out; the bureau signs in and verifies the organisation from the queue', async () => {
    await signOut(page, locale);
    await expectPage(page, locale, t.home.title);
    await checkPage(page, locale, 'home (no JS)');
    await bureauVerifies(page, locale, who);
  });

  it('the new user signs in and sees the organisation verified', async () => {
    await userSeesVerified(page, locale, who);
  });
});
