import type { apply as zh } from './apply.zh-CN';

/** See apply.zh-CN.ts; typed as the Chinese, so a missing or extra key does not compile. */
export const apply: typeof zh = {
  nav: 'My applications',
  cta: {
    title: 'Apply',
    titleClosed: 'Applications closed',
    bounty: 'Bounty',
    deadline: 'Application deadline',
    lead: 'Submit your technical approach to each indicator, your team and a milestone plan. Until the deadline you can save a draft, change it and submit again.',
    apply: 'Apply',
    signInLead: 'Sign in with a solver account to apply.',
    signIn: 'Sign in to apply',
    register: 'Register as a solver',
    termsFirst: 'Accept the confidentiality terms above first; then you can apply.',
    closed: 'The deadline has passed; no more applications are taken.',
    calendar: 'Add the deadline to your calendar (.ics)',
  },
};
