import { createApi } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => ({ locale: event.locals.locale, me: event.locals.user, unread: await unreadCount(event) });

/**
 * The header's badge: one cheap call for signed-in users. A failure is no reason to fail the page:
 * the header then shows the link without a count.
 */
async function unreadCount(event: Parameters<LayoutServerLoad>[0]): Promise<number | null> {
  if (!event.locals.user) return null;
  try {
    return (await createApi(event).notifications.unreadCount()).unread;
  } catch (e) {
    console.error('GET /api/notifications/unread-count failed', e);
    return null;
  }
}
