import type { Locale, Translate } from './i18n';

const beijing = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Instants in Beijing time (the bureau's clock) as `2026-03-01 09:30 UTC+8`: unambiguous in both
 * languages, with the offset shown so readers abroad do not misread it.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = Object.fromEntries(beijing.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} UTC+8`;
}

export const orgStatusTone = (status: string): 'pending' | 'ok' | 'bad' | 'neutral' =>
  status === 'verified' || status === 'approved' || status === 'active' ? 'ok' : status === 'pending' ? 'pending' : status === 'rejected' || status === 'disabled' ? 'bad' : 'neutral';

export function countryName(code: string, locale: Locale, t: Translate): string {
  const override = COUNTRY_OVERRIDES[code];
  if (override) return t(override);
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Names of these regions follow the bureau's usage rather than the browser's data. */
const COUNTRY_OVERRIDES: Record<string, `countries.${'TW' | 'HK' | 'MO'}`> = {
  TW: 'countries.TW',
  HK: 'countries.HK',
  MO: 'countries.MO',
};

/** ISO 3166-1 alpha-2 codes of the countries and regions an organisation may be registered in. */
export const COUNTRY_CODES = (
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ ' +
  'NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ ' +
  'TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW'
).split(' ');

/** China first, then everyone else by name in the reader's language. */
export function countryOptions(locale: Locale, t: Translate): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale);
  const others = COUNTRY_CODES.filter((c) => c !== 'CN')
    .map((code) => ({ code, name: countryName(code, locale, t) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return [{ code: 'CN', name: countryName('CN', locale, t) }, ...others];
}

// Made once: a formatter costs far more to make than to use (1.5 ms of a page's render at 100,000
// challenges, bench:pages' profile), and a page formats dozens of amounts.
const ZH_NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const EN_MONEY = new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY', currencyDisplay: 'symbol', minimumFractionDigits: 0, maximumFractionDigits: 2 });

/**
 * Amounts are integer fen. Chinese readers compare bounties in 万元 (¥10,000), so Chinese shows
 * `120 万元` (`120.5 万元`, or `8,000 元` under ten thousand); English shows `¥1,200,000`.
 */
export function formatMoney(fen: number, locale: Locale): string {
  const yuan = fen / 100;
  if (locale === 'zh-CN') {
    if (Math.abs(yuan) >= 10_000) return `${ZH_NUMBER.format(yuan / 10_000)} 万元`;
    return `${ZH_NUMBER.format(yuan)} 元`;
  }
  return EN_MONEY.format(yuan).replace('CN¥', '¥');
}

/** The same instant in the reader's time zone, with the zone named (`2026-03-01 02:30 GMT+1`). */
export function formatInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    }).formatToParts(date);
    const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
  } catch {
    return formatDateTime(iso);
  }
}

/** Time left until `deadline` at `now`, in whole units; null once passed. */
export function timeLeft(deadline: string, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = new Date(deadline).getTime() - now.getTime();
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
