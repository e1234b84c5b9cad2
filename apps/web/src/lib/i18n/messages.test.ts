import { describe, expect, it } from 'vitest';
import { loadMessages, negotiateLocale } from './index';
import { messages as publicZhCN } from './zh-CN';
import { work as workZhCN } from './work.zh-CN';
import { CATALOGS, createTranslator } from '../server/i18n';

/** Every leaf as [dotted key, value]. */
function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message files', () => {
  const zhLeaves = new Map(leaves(CATALOGS['zh-CN']));
  const enLeaves = new Map(leaves(CATALOGS.en));

  it('split into a public catalogue and the areas of signed-in work without a message in both', () => {
    const publicKeys = new Set(leaves(publicZhCN).map(([key]) => key));
    expect(leaves(workZhCN).map(([key]) => key).filter((key) => publicKeys.has(key))).toEqual([]);
    expect(zhLeaves.size).toBe(publicKeys.size + leaves(workZhCN).length);
  });

  it('have identical key sets', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it('have no empty messages', () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, zh] of zhLeaves) expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(zh));
  });

  it('keep Chinese characters out of English', () => {
    const offending = [...enLeaves].filter(([, v]) => CJK.test(v)).map(([k]) => k);
    expect(offending).toEqual([]);
  });
});

describe('loadMessages', () => {
  it('gives a reader who is not signed in the public catalogue of their language alone', async () => {
    const anonymous = await loadMessages('en', false);
    expect(anonymous.browse).toBe(CATALOGS.en.browse);
    expect(anonymous.dashboard).toBeUndefined();
    // Of applying and projects, only what the header and the challenge page say.
    expect(Object.keys(anonymous.apply).sort()).toEqual(['cta', 'nav']);
    expect(Object.keys(anonymous.projects).sort()).toEqual(['nav', 'states']);
    const signedIn = await loadMessages('en', true);
    expect(signedIn.apply.cta).toBe(CATALOGS.en.apply.cta);
    expect(signedIn.apply.form).toBe(CATALOGS.en.apply.form);
    expect(await loadMessages('zh-CN', true)).toEqual(CATALOGS['zh-CN']);
  });
});

describe('t', () => {
  it('fills placeholders and falls back to the key', () => {
    const t = createTranslator('en');
    expect(t('errors.status', { status: 404 })).toBe('Error 404');
    expect(t('nope.missing' as never)).toBe('nope.missing');
  });
});

describe('negotiateLocale', () => {
  it('prefers English only when English is the first language we speak', () => {
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('de-DE,en;q=0.8,zh;q=0.5')).toBe('en');
    expect(negotiateLocale('zh-TW,en;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('zh;q=0.4,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fr')).toBe('zh-CN');
    expect(negotiateLocale(null)).toBe('zh-CN');
  });
});
