import type { NotificationKind } from '@challenge/domain';
import { mailLink, type MailSettings } from './settings';

export type MailLocale = 'zh-CN' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
}

/** What a notification mail may say: the challenge's public title and the facts its notification carries, nothing more. */
export interface NotificationMailFacts {
  kind: NotificationKind;
  challenge: { id: string; titleZh: string; titleEn: string | null } | null;
  subjectId: string | null;
  data: Record<string, unknown>;
}

type Sentences = Record<string, string>;

// The same sentences as the notifications page (apps/web i18n notifications.*), so a mail and its
// in-app copy say the same thing.
const SENTENCES: Record<MailLocale, Sentences> = {
  'zh-CN': {
    question_answered: '您就榜单「{challenge}」提出的问题已有答复。',
    question_answered_follow: '您关注的榜单「{challenge}」有一个问题得到了答复。',
    challenge_amended: '您关注的榜单「{challenge}」发布了补充说明。',
    deadline_extended: '您关注的榜单「{challenge}」延长了截止时间。',
    eligible: '您对榜单「{challenge}」的揭榜申请已通过资格审查。',
    ineligible: '您对榜单「{challenge}」的揭榜申请未通过资格审查。',
    eligibility_result: '您对榜单「{challenge}」的揭榜申请已有资格审查结果。',
    review_assigned: '您被分配评审榜单「{challenge}」的揭榜申请。',
    decision_published: '榜单「{challenge}」的评审结果已公示。',
    objection_resolved: '您就榜单「{challenge}」提出的异议已处理完毕。',
    awarded: '您对榜单「{challenge}」的揭榜申请已获揭榜。',
    milestone_submitted: '「{challenge}」项目的一个里程碑已提交成果，等待验收。',
    milestone_returned: '「{challenge}」项目的一个里程碑被退回，请查看意见后重新提交。',
    milestone_accepted: '「{challenge}」项目的一个里程碑已通过验收，等待科工局核验。',
    milestone_verified: '「{challenge}」项目的一个里程碑已核验，资金拨付已生成。',
    milestone_due_soon: '「{challenge}」项目的一个里程碑将在 7 天内到期。',
    milestone_overdue: '「{challenge}」项目的一个里程碑已逾期。',
    release_disbursed: '「{challenge}」项目的一笔资金已支付，请确认是否收到。',
    release_confirmed: '「{challenge}」项目的一笔资金已确认到账。',
    release_disputed: '「{challenge}」项目的一笔资金被报告未到账，请处理。',
    application_deadline_soon: '榜单「{challenge}」将在 {days} 天内截止申报，您的揭榜申请还是草稿，尚未提交。',
    saved_search_match: '您保存的搜索「{name}」有 {count} 个新发布的榜单。',
    other: '榜单「{challenge}」有一条新动态。',
  },
  en: {
    question_answered: 'Your question about “{challenge}” has been answered.',
    question_answered_follow: 'A question about “{challenge}”, a challenge you follow, has been answered.',
    challenge_amended: 'A clarification was published for “{challenge}”, a challenge you follow.',
    deadline_extended: 'The deadline of “{challenge}”, a challenge you follow, was extended.',
    eligible: 'Your application to “{challenge}” passed the eligibility check.',
    ineligible: 'Your application to “{challenge}” did not pass the eligibility check.',
    eligibility_result: 'The eligibility check of your application to “{challenge}” is complete.',
    review_assigned: 'You were assigned an application to “{challenge}” to review.',
    decision_published: 'The decision on “{challenge}” has been published for public notice.',
    objection_resolved: 'Your objection concerning “{challenge}” has been resolved.',
    awarded: 'Your application to “{challenge}” has been awarded.',
    milestone_submitted: 'A milestone of the project for “{challenge}” was submitted for acceptance.',
    milestone_returned: 'A milestone of the project for “{challenge}” was returned; read the feedback and submit it again.',
    milestone_accepted: 'A milestone of the project for “{challenge}” was accepted and awaits the bureau’s verification.',
    milestone_verified: 'A milestone of the project for “{challenge}” was verified; its payments are due.',
    milestone_due_soon: 'A milestone of the project for “{challenge}” is due within 7 days.',
    milestone_overdue: 'A milestone of the project for “{challenge}” is overdue.',
    release_disbursed: 'A payment of the project for “{challenge}” was made; confirm whether it arrived.',
    release_confirmed: 'A payment of the project for “{challenge}” was confirmed as received.',
    release_disputed: 'A payment of the project for “{challenge}” was reported as not received; please resolve it.',
    application_deadline_soon: 'Applications to “{challenge}” close within {days} day(s), and your application is still a draft.',
    saved_search_match: 'Your saved search “{name}” has {count} newly published challenge(s).',
    other: 'There is news about “{challenge}”.',
  },
};

const CHROME: Record<MailLocale, { brand: string; open: string; footer: string; preferences: string; unsubscribe: string }> = {
  'zh-CN': {
    brand: '揭榜挂帅',
    open: '查看详情：',
    footer: '您收到这封邮件，是因为您在揭榜挂帅平台上的账户开启了这类通知的邮件提醒。',
    preferences: '管理邮件提醒：',
    unsubscribe: '不再接收这类邮件：',
  },
  en: {
    brand: 'Open Challenges',
    open: 'Open: ',
    footer: 'You receive this e-mail because your account on the open-challenge marketplace has e-mail turned on for this kind of notification.',
    preferences: 'Manage e-mail: ',
    unsubscribe: 'Stop e-mails of this kind: ',
  },
};

function sentenceKey(f: NotificationMailFacts): string {
  switch (f.kind) {
    case 'challenge_amended':
      return f.data.amendmentKind === 'deadline_extension' ? 'deadline_extended' : 'challenge_amended';
    case 'eligibility_result':
      return f.data.state === 'eligible' ? 'eligible' : f.data.state === 'ineligible' ? 'ineligible' : 'eligibility_result';
    case 'question_answered':
      return f.data.via === 'follow' ? 'question_answered_follow' : 'question_answered';
    default:
      return f.kind in SENTENCES.en ? f.kind : 'other';
  }
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** Where the mail leads: a project's news to the project, a draft reminder to the draft, a saved search to its results, else the challenge. */
function targetPath(f: NotificationMailFacts): string {
  if (typeof f.data.projectId === 'string') return `/projects/${encodeURIComponent(f.data.projectId)}`;
  if (f.kind === 'application_deadline_soon' && f.subjectId) return `/applications/${encodeURIComponent(f.subjectId)}`;
  if (f.kind === 'saved_search_match' && typeof f.data.searchPath === 'string') return f.data.searchPath;
  if (f.challenge) return `/challenges/${encodeURIComponent(f.challenge.id)}`;
  return '/notifications';
}

/** A notification's mail in the recipient's language, with the links to act on it and to stop such mail. */
export function renderNotificationMail(settings: MailSettings, locale: MailLocale, f: NotificationMailFacts, unsubscribePageUrl: string): RenderedMail {
  const title = f.challenge ? (locale === 'en' && f.challenge.titleEn?.trim() ? f.challenge.titleEn : f.challenge.titleZh) : '';
  const chrome = CHROME[locale];
  const sentence = fill(SENTENCES[locale][sentenceKey(f)]!, {
    challenge: title, days: String(f.data.days ?? ''), name: String(f.data.name ?? ''), count: String(f.data.count ?? ''),
  });
  const text = [
    sentence, '',
    `${chrome.open}${mailLink(settings, targetPath(f))}`, '',
    '—', chrome.footer,
    `${chrome.preferences}${mailLink(settings, '/account#email')}`,
    `${chrome.unsubscribe}${unsubscribePageUrl}`,
  ].join('\n');
  return { subject: `[${chrome.brand}] ${sentence}`, text };
}

const ACCOUNT: Record<MailLocale, Record<'verify_email' | 'reset_password', { subject: string; body: string }>> = {
  'zh-CN': {
    verify_email: {
      subject: '[揭榜挂帅] 请验证您的邮箱地址',
      body: '{name}，您好：\n\n请打开下面的链接，确认这是您的邮箱地址。链接 30 分钟内有效，只能使用一次。\n\n{link}\n\n如果您没有在揭榜挂帅平台注册，请忽略这封邮件。',
    },
    reset_password: {
      subject: '[揭榜挂帅] 重置密码',
      body: '{name}，您好：\n\n有人请求重置您账户的密码。请打开下面的链接设置新密码。链接 30 分钟内有效，只能使用一次。\n\n{link}\n\n如果不是您本人操作，请忽略这封邮件，您的密码不会改变。',
    },
  },
  en: {
    verify_email: {
      subject: '[Open Challenges] Please confirm your e-mail address',
      body: 'Hello {name},\n\nOpen the link below to confirm that this is your e-mail address. It works once, within 30 minutes.\n\n{link}\n\nIf you did not register on the open-challenge marketplace, ignore this e-mail.',
    },
    reset_password: {
      subject: '[Open Challenges] Reset your password',
      body: 'Hello {name},\n\nSomeone asked to reset the password of your account. Open the link below to choose a new one. It works once, within 30 minutes.\n\n{link}\n\nIf it was not you, ignore this e-mail: your password stays as it is.',
    },
  },
};

/** A verification or password-reset mail carrying its one-time link. */
export function renderAccountMail(locale: MailLocale, purpose: 'verify_email' | 'reset_password', name: string, link: string): RenderedMail {
  const t = ACCOUNT[locale][purpose];
  return { subject: t.subject, text: fill(t.body, { name, link }) };
}
