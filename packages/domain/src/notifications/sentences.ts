/**
 * What a notification says, in both languages: the in-app list (apps/web i18n notifications.*) and the
 * e-mail (apps/api services/mail/templates.ts) take their sentences from here, so a mail and its
 * in-app copy never drift apart. `{challenge}` is the challenge's title (the page makes it a link),
 * `{days}`, `{name}` and `{count}` the facts a notification carries.
 */
import type { NotificationKind } from './kinds';

export const NOTIFICATION_SENTENCE_KEYS = [
  'question_answered',
  'challenge_amended',
  'deadline_extended',
  'eligible',
  'ineligible',
  'eligibility_result',
  'review_assigned',
  'decision_published',
  'objection_resolved',
  'awarded',
  'milestone_submitted',
  'milestone_returned',
  'milestone_accepted',
  'milestone_verified',
  'milestone_due_soon',
  'milestone_overdue',
  'release_disbursed',
  'release_confirmed',
  'release_disputed',
  'question_answered_follow',
  'application_deadline_soon',
  'application_deadline_last_day',
  'saved_search_match',
  'saved_search_match_one',
  'other',
] as const;
export type NotificationSentenceKey = (typeof NOTIFICATION_SENTENCE_KEYS)[number];
export type NotificationSentences = Record<NotificationSentenceKey, string>;
export type SentenceLocale = 'zh-CN' | 'en';

/** Sentences naming the challenge. */
export const NOTIFICATION_SENTENCES: Record<SentenceLocale, NotificationSentences> = {
  'zh-CN': {
      question_answered: '您就榜单「{challenge}」提出的问题已有答复。',
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
      question_answered_follow: '您关注的榜单「{challenge}」有一个问题得到了答复。',
      application_deadline_soon: '榜单「{challenge}」将在 {days} 天内截止申报，您的揭榜申请还是草稿，尚未提交。',
      application_deadline_last_day: '榜单「{challenge}」将在 1 天内截止申报，您的揭榜申请还是草稿，尚未提交。',
      saved_search_match: '您保存的搜索「{name}」有 {count} 个新发布的榜单。',
      saved_search_match_one: '您保存的搜索「{name}」有 1 个新发布的榜单。',
      other: '榜单「{challenge}」有一条新动态。',
  },
  en: {
      question_answered: 'Your question about “{challenge}” has been answered.',
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
      question_answered_follow: 'A question about “{challenge}”, a challenge you follow, has been answered.',
      application_deadline_soon: 'Applications to “{challenge}” close within {days} days, and your application is still a draft.',
      application_deadline_last_day: 'Applications to “{challenge}” close within a day, and your application is still a draft.',
      saved_search_match: 'Your saved search “{name}” has {count} newly published challenges.',
      saved_search_match_one: 'Your saved search “{name}” has a newly published challenge.',
      other: 'There is news about “{challenge}”.',
  },
};

/** The same, for a notification that concerns no challenge. */
export const NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE: Record<SentenceLocale, NotificationSentences> = {
  'zh-CN': {
      question_answered: '您提出的问题已有答复。',
      challenge_amended: '您关注的榜单发布了补充说明。',
      deadline_extended: '您关注的榜单延长了截止时间。',
      eligible: '您的揭榜申请已通过资格审查。',
      ineligible: '您的揭榜申请未通过资格审查。',
      eligibility_result: '您的揭榜申请已有资格审查结果。',
      review_assigned: '您被分配了新的评审任务。',
      decision_published: '评审结果已公示。',
      objection_resolved: '您提出的异议已处理完毕。',
      awarded: '您的揭榜申请已获揭榜。',
      milestone_submitted: '项目的一个里程碑已提交成果，等待验收。',
      milestone_returned: '项目的一个里程碑被退回，请查看意见后重新提交。',
      milestone_accepted: '项目的一个里程碑已通过验收，等待科工局核验。',
      milestone_verified: '项目的一个里程碑已核验，资金拨付已生成。',
      milestone_due_soon: '项目的一个里程碑将在 7 天内到期。',
      milestone_overdue: '项目的一个里程碑已逾期。',
      release_disbursed: '项目的一笔资金已支付，请确认是否收到。',
      release_confirmed: '项目的一笔资金已确认到账。',
      release_disputed: '项目的一笔资金被报告未到账，请处理。',
      question_answered_follow: '您关注的榜单有一个问题得到了答复。',
      application_deadline_soon: '一个榜单将在 {days} 天内截止申报，您的揭榜申请还是草稿，尚未提交。',
      application_deadline_last_day: '一个榜单将在 1 天内截止申报，您的揭榜申请还是草稿，尚未提交。',
      saved_search_match: '您保存的搜索「{name}」有 {count} 个新发布的榜单。',
      saved_search_match_one: '您保存的搜索「{name}」有 1 个新发布的榜单。',
      other: '您有一条新动态。',
  },
  en: {
      question_answered: 'Your question has been answered.',
      challenge_amended: 'A clarification was published for a challenge you follow.',
      deadline_extended: 'The deadline of a challenge you follow was extended.',
      eligible: 'Your application passed the eligibility check.',
      ineligible: 'Your application did not pass the eligibility check.',
      eligibility_result: 'The eligibility check of your application is complete.',
      review_assigned: 'You were assigned an application to review.',
      decision_published: 'A decision has been published for public notice.',
      objection_resolved: 'Your objection has been resolved.',
      awarded: 'Your application has been awarded.',
      milestone_submitted: 'A milestone of a project was submitted for acceptance.',
      milestone_returned: 'A milestone of a project was returned; read the feedback and submit it again.',
      milestone_accepted: 'A milestone of a project was accepted and awaits the bureau’s verification.',
      milestone_verified: 'A milestone of a project was verified; its payments are due.',
      milestone_due_soon: 'A milestone of a project is due within 7 days.',
      milestone_overdue: 'A milestone of a project is overdue.',
      release_disbursed: 'A payment of a project was made; confirm whether it arrived.',
      release_confirmed: 'A payment of a project was confirmed as received.',
      release_disputed: 'A payment of a project was reported as not received; please resolve it.',
      question_answered_follow: 'A question about a challenge you follow has been answered.',
      application_deadline_soon: 'Applications to a challenge close within {days} days, and your application is still a draft.',
      application_deadline_last_day: 'Applications to a challenge close within a day, and your application is still a draft.',
      saved_search_match: 'Your saved search “{name}” has {count} newly published challenges.',
      saved_search_match_one: 'Your saved search “{name}” has a newly published challenge.',
      other: 'You have a new notification.',
  },
};

/** Which sentence tells of a notification: by its kind, refined by the facts it carries; a kind added later reads as `other`. */
export function notificationSentenceKey(kind: NotificationKind | (string & {}), data: Record<string, unknown>): NotificationSentenceKey {
  switch (kind) {
    case 'challenge_amended':
      return data.amendmentKind === 'deadline_extension' ? 'deadline_extended' : 'challenge_amended';
    case 'eligibility_result':
      return data.state === 'eligible' ? 'eligible' : data.state === 'ineligible' ? 'ineligible' : 'eligibility_result';
    case 'question_answered':
      // A follower hears of answers to other people's questions.
      return data.via === 'follow' ? 'question_answered_follow' : 'question_answered';
    case 'application_deadline_soon':
      return data.days === 1 ? 'application_deadline_last_day' : 'application_deadline_soon';
    case 'saved_search_match':
      return data.count === 1 ? 'saved_search_match_one' : 'saved_search_match';
    default:
      return (NOTIFICATION_SENTENCE_KEYS as readonly string[]).includes(kind) ? (kind as NotificationSentenceKey) : 'other';
  }
}
