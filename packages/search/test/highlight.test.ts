import { describe, expect, test } from 'vitest';
import { highlight } from '../src/highlight';
import { TextAnalyzer } from '../src/index';

const analyzer = TextAnalyzer.shared();
const marked = (h: { text: string; ranges: [number, number][] }) => h.ranges.map(([a, b]) => h.text.slice(a, b));

describe('snippets', () => {
  test('a title is returned whole with its matches, sub-words and traditional input included', () => {
    const [h] = highlight(analyzer, { title: { zh: '鎳基高溫合金渦輪盤' } }, ['title'], { exact: new Set(['高温合金']), prefixes: [] });
    expect(h).toMatchObject({ field: 'title', lang: 'zh', text: '鎳基高溫合金渦輪盤', truncatedStart: false, truncatedEnd: false });
    expect(marked(h!)).toEqual(['高溫合金']);
  });

  test('a long text gives a window around the match, even deep inside it', () => {
    const filler = '本段与检索词无关。'.repeat(400);
    const text = `${filler}工艺路线为镍基高温合金真空感应熔炼。${filler}`;
    const [h] = highlight(analyzer, { description: { zh: text } }, ['description'], { exact: new Set(['高温合金']), prefixes: [] });
    expect(h!.text.length).toBeLessThanOrEqual(100);
    expect(marked(h!)).toEqual(['高温合金']);
    expect(h).toMatchObject({ truncatedStart: true, truncatedEnd: true });
  });

  test('only the fields asked for, in that order; English words by stem and prefix', () => {
    const texts = { title: { en: 'Welding of castings' }, description: { en: 'Welded casting repair' } };
    const hs = highlight(analyzer, texts, ['title'], { exact: new Set(['weld']), prefixes: ['cast'] });
    expect(hs.map((h) => h.field)).toEqual(['title']);
    expect(marked(hs[0]!)).toEqual(['Welding', 'castings']);
  });

  test('a title word matched by its pinyin (a corrected typo) is marked', () => {
    const [h] = highlight(analyzer, { title: { zh: '高温合金返回料' } }, ['title'], { exact: new Set(['gaowenhejin']), prefixes: [] });
    expect(marked(h!)).toEqual(['高温合金']);
  });
});
