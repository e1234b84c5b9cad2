import { joinCatalogs, translator, type Locale, type Messages, type Translate } from '../i18n';
import { messages as en } from '../i18n/en';
import { messages as zhCN } from '../i18n/zh-CN';
import { work as workEn } from '../i18n/work.en';
import { work as workZhCN } from '../i18n/work.zh-CN';

/** Both languages whole: what server code may say to anybody. Pages load only what their reader needs (`loadMessages`). */
export const CATALOGS: Record<Locale, Messages> = { 'zh-CN': joinCatalogs(zhCN, workZhCN), en: joinCatalogs(en, workEn) };

/** A translator at once, for server code (and tests). */
export const createTranslator = (locale: Locale): Translate => translator(CATALOGS[locale]);
