import { checkUscc } from '@challenge/domain';
import { redirect } from '@sveltejs/kit';
import { countryOptions } from '$lib/format';
import type { FormIssue } from '$lib/forms';
import { createTranslator } from '$lib/server/i18n';
import { createApi, isApiError } from '$lib/server/api';
import { compact, failFromApi, invalid, optional, raw, text } from '$lib/server/forms';
import { setTokenCookies } from '$lib/server/session';
import type { OrganizationInput, OrganizationKind, RegisterInput } from '$lib/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/account');
  return { countries: countryOptions(locals.locale, createTranslator(locals.locale)) };
};

const FIELDS = [
  'role',
  'displayName',
  'email',
  'organization.kind',
  'organization.country',
  'organization.nameZh',
  'organization.nameEn',
  'organization.uscc',
  'organization.website',
  'organization.emailDomain',
] as const;

/** "www.x.org" is taken to mean https://www.x.org; "@x.org" to mean x.org. */
const normalizeWebsite = (v: string) => (v && !/^[a-z][a-z0-9+.-]*:/i.test(v) ? `https://${v}` : v);
const normalizeDomain = (v: string) => v.replace(/^@+/, '').toLowerCase();

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values: Record<string, string> = Object.fromEntries(FIELDS.map((name) => [name, text(data, name)]));
    const password = raw(data, 'password');

    // The USCC is checked here too (the page checks it as one types): a precise reason beats a generic refusal.
    const issues: FormIssue[] = [];
    let uscc = optional(values['organization.uscc']!.toUpperCase());
    if (uscc) {
      const checked = checkUscc(uscc);
      if (checked.ok) uscc = checked.value;
      else issues.push({ field: 'organization.uscc', code: `uscc_${checked.reason}`, message: '' });
    }
    if (issues.length > 0) return invalid(event, issues, values);

    const organization: OrganizationInput = {
      kind: values['organization.kind'] as OrganizationKind,
      country: values['organization.country']!.toUpperCase(),
      nameZh: optional(values['organization.nameZh']!),
      nameEn: optional(values['organization.nameEn']!),
      uscc,
      website: optional(normalizeWebsite(values['organization.website']!)),
      emailDomain: optional(normalizeDomain(values['organization.emailDomain']!)),
    };
    const api = createApi(event);
    const email = values.email!;
    try {
      await api.auth.register(
        compact<RegisterInput>({
          email,
          password,
          displayName: values.displayName!,
          role: values.role as RegisterInput['role'],
          locale: event.locals.locale,
          organization: compact<OrganizationInput>(organization),
        }),
      );
    } catch (e) {
      return failFromApi(event, e, values);
    }

    try {
      setTokenCookies(event.cookies, event.url, await api.auth.login({ email, password }));
    } catch (e) {
      // Registered but not signed in (e.g. sign-in rate limit): let them sign in by hand.
      if (!isApiError(e)) throw e;
      redirect(303, '/login?registered=1&next=%2Faccount');
    }
    redirect(303, '/account');
  },
};
