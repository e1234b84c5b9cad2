import { NOTIFICATION_SENTENCES, NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE } from '@challenge/domain';
/**
 * Messages of in-app notifications: the header link and the /notifications page. A sentence names
 * its challenge with `{challenge}`, where the page puts the title as a link (lib/notifications.ts).
 */
export const notifications = {
  nav: '通知',
  navUnread: '通知（{count} 条未读）',
  title: '通知',
  lead: '与您相关的动态：问题答复、榜单变更、申请审查与评审结果等。最新的在前。',
  unreadSummary: '{count} 条未读',
  allReadSummary: '全部已读',
  listLabel: '通知列表',
  unread: '未读',
  read: '已读',
  receivedAt: '时间',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  markedRead: '已标为已读。',
  markedAllRead: '所有通知均已标为已读。',
  emptyTitle: '暂无通知',
  empty: '有人答复您的问题、您关注的榜单发生变更或您的申请有了结果时，会在这里通知您。',
  emptyPageTitle: '这一页没有通知',
  emptyPage: '通知可能已减少，请回到第一页查看。',
  firstPage: '回到第一页',
  errorTitle: '通知暂时无法加载',
  retry: '重试',
  sentences: NOTIFICATION_SENTENCES['zh-CN'],
  /** The same, for a notification that concerns no challenge. */
  sentencesWithoutChallenge: NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE['zh-CN'],
};
