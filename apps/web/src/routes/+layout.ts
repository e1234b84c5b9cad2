import { createTranslator } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** `t` is built on both sides from the locale the server decided; it is not serialised. */
export const load: LayoutLoad = ({ data }) => ({ ...data, t: createTranslator(data.locale) });
