import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/server/i18n';
import { hasChinese, messagePieces } from './search-messages';

describe('messagePieces', () => {
  it('keeps what the user typed apart from the message around it, in both languages', () => {
    const zh = messagePieces(createTranslator('zh-CN'), 'browse.list.corrected', {}, { from: '高问合金', to: '高温合金' });
    expect(zh.filter((p) => p.user).map((p) => p.text)).toEqual(['高温合金', '高问合金']);
    expect(zh.map((p) => p.text).join('')).toBe('已按“高温合金”显示结果（您输入的是“高问合金”）。');
    const en = messagePieces(createTranslator('en'), 'browse.list.resultCountSearch', { count: 3 }, { q: '<b>steel</b>' });
    expect(en).toEqual([{ text: '3 challenges found for “', user: false }, { text: '<b>steel</b>', user: true }, { text: '”', user: false }]);
  });

  it('tells Chinese text from other text', () => {
    expect(hasChinese('高温 alloy')).toBe(true);
    expect(hasChinese('superalloy')).toBe(false);
  });
});
