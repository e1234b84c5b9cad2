import { NOTIFICATION_KINDS } from '@challenge/domain';
import { Type } from '@sinclair/typebox';
import { Instant, Literals, Page, PageQuery, Uuid } from './common';

export const NotificationItem = Type.Object({
  id: Uuid,
  kind: Literals(NOTIFICATION_KINDS),
  createdAt: Instant,
  readAt: Type.Union([Instant, Type.Null()]),
  challenge: Type.Union([Type.Object({ id: Uuid, titleZh: Type.String(), titleEn: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  subjectId: Type.Union([Uuid, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'kind-specific facts: `state` of an eligibility result, `amendmentKind` of an amendment …' }),
});

export const NotificationPage = Type.Intersect([Page(NotificationItem), Type.Object({ unread: Type.Integer({ minimum: 0 }) })]);
export const NotificationQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
