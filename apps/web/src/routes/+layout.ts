import { loadMessages, translator } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/**
 * `t` is built on both sides from the locale the server decided, from that language's catalogue alone,
 * with the areas of signed-in work only when someone is signed in (public pages use none of them); it
 * is not serialised.
 */
export const load: LayoutLoad = async ({ data }) => ({ ...data, t: translator(await loadMessages(data.locale, data.me !== null)) });
