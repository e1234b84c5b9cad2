import { NOTIFICATION_SENTENCES, NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE } from '@challenge/domain';
import type { notifications as zh } from './notifications.zh-CN';

/** See notifications.zh-CN.ts; typed as the Chinese, so a missing or extra key does not compile. */
export const notifications: typeof zh = {
  nav: 'Notifications',
  navUnread: 'Notifications ({count} unread)',
  title: 'Notifications',
  lead: 'What concerns you: answers to your questions, changes to challenges, the review of your applications and its results. Newest first.',
  unreadSummary: '{count} unread',
  allReadSummary: 'All read',
  listLabel: 'Notifications',
  unread: 'Unread',
  read: 'Read',
  receivedAt: 'Time',
  markRead: 'Mark as read',
  markAllRead: 'Mark all as read',
  markedRead: 'Marked as read.',
  markedAllRead: 'All notifications are marked as read.',
  emptyTitle: 'No notifications',
  empty: 'You will be notified here when someone answers your question, a challenge you follow changes, or your application has a result.',
  emptyPageTitle: 'No notifications on this page',
  emptyPage: 'There may be fewer notifications now; go back to the first page.',
  firstPage: 'Go to the first page',
  errorTitle: 'Notifications could not be loaded',
  retry: 'Try again',
  sentences: NOTIFICATION_SENTENCES['en'],
  sentencesWithoutChallenge: NOTIFICATION_SENTENCES_WITHOUT_CHALLENGE['en'],
};
