import { NOTIFICATION_SENTENCES, NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE, notificationSentenceKey, type NotificationKind } from '@challenge/domain';
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
  const sentences = (f.challenge ? NOTIFICATION_SENTENCES : NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE)[locale];
  const sentence = fill(sentences[notificationSentenceKey(f.kind, f.data)], {
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
