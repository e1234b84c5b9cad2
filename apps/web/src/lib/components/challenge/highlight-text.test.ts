import { describe, expect, it } from 'vitest';
import { highlightFieldKey, highlightOf, markSegments } from './highlight-text';

describe('markSegments', () => {
  it('cuts the text at the ranges, marking the matches', () => {
    expect(markSegments('盾构机主轴承密封', [[3, 6]])).toEqual([
      { text: '盾构机', mark: false },
      { text: '主轴承', mark: true },
      { text: '密封', mark: false },
    ]);
    expect(markSegments('main bearing seals', [[13, 18], [0, 4]])).toEqual([
      { text: 'main', mark: true },
      { text: ' bearing ', mark: false },
      { text: 'seals', mark: true },
    ]);
  });

  it('keeps markup as text and survives ranges that do not fit', () => {
    const text = '<b>钢</b>';
    expect(markSegments(text, [[3, 4]]).map((s) => s.text).join('')).toBe(text);
    expect(markSegments('abc', [[2, 99], [1, 3], [-5, 0]])).toEqual([{ text: 'a', mark: false }, { text: 'bc', mark: true }]);
    expect(markSegments('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(markSegments('', [])).toEqual([{ text: '', mark: false }]);
  });
});

describe('highlights by field and language', () => {
  const h = (field: 'title' | 'summary' | 'indicators', lang: 'zh' | 'en') => ({ field, lang, text: 'x', ranges: [] as [number, number][], truncatedStart: false, truncatedEnd: false });
  it('finds the highlight of the text shown, and names where one comes from', () => {
    const all = [h('title', 'en'), h('summary', 'zh')];
    expect(highlightOf(all, 'title', 'en')).toBe(all[0]);
    expect(highlightOf(all, 'title', 'zh-CN')).toBeUndefined();
    expect(highlightFieldKey(h('summary', 'zh'))).toBe('challenge.fields.summaryZh');
    expect(highlightFieldKey(h('indicators', 'en'))).toBe('challenge.fields.indicators');
  });
});
