import { describe, expect, test } from 'vitest';
import { normalize, Segmenter } from '../src/index';
import { stem } from '../src/stem';

const segmenter = Segmenter.shared();
const lexemes = (text: string) => segmenter.words(text).map((w) => w.lexeme);

describe('normalisation', () => {
  test('traditional characters become simplified, full-width becomes half-width, letters lower case', () => {
    expect(normalize('高溫合金 軋輥 連鑄坯 鎂碳磚 熱處理').text).toBe('高温合金 轧辊 连铸坯 镁碳砖 热处理');
    expect(normalize('ＧＨ４１６９（Ｑ６９０Ｄ）').text).toBe('gh4169(q690d)');
    expect(normalize('Café ㎜').text).toBe('cafe mm');
  });

  test('every normalised character points back at the original', () => {
    const { text, origin } = normalize('Ａ㎜b');
    expect(text).toBe('ammb');
    expect(origin).toEqual([0, 1, 1, 2, 3]);
  });
});

describe('segmentation', () => {
  test('words of the domain dictionary stay whole', () => {
    expect(lexemes('镍基高温合金的热影响区裂纹')).toEqual(['镍基高温合金', '热影响区', '裂纹']);
    expect(lexemes('连铸坯中间包镁碳砖')).toEqual(['连铸坯', '中间包', '镁碳砖']);
    expect(lexemes('液压支架立柱')).toEqual(['液压支架', '立柱']);
  });

  test('stop words are dropped, Chinese and English', () => {
    expect(lexemes('高温合金的焊接')).toEqual(['高温合金', '焊接']);
    expect(lexemes('the heat treatment of castings')).toEqual(['heat', 'treatment', 'cast']);
  });

  test('English words are stemmed lightly; grades and codes are kept', () => {
    expect(['castings', 'casting', 'welded', 'welding', 'rolling', 'superalloys', 'alloys', 'inclusions'].map(stem))
      .toEqual(['cast', 'cast', 'weld', 'weld', 'roll', 'superalloy', 'alloy', 'inclusion']);
    expect(lexemes('GH4169 42CrMo Q690D 0.5mm')).toEqual(['gh4169', '42crmo', 'q690d', '0.5mm']);
  });

  test('sub-words are indexed at the position of their word, with their own offsets', () => {
    const text = '镍基高温合金的热影响区';
    const tokens = segmenter.analyze(text);
    const sub = tokens.find((t) => t.lexeme === '高温合金')!;
    expect(sub).toMatchObject({ kind: 'sub', position: 1 });
    expect(text.slice(sub.start, sub.end)).toBe('高温合金');
    expect(tokens.filter((t) => t.position === 1).map((t) => t.lexeme)).toEqual(expect.arrayContaining(['镍基高温合金', '镍基', '高温', '合金']));
  });

  test('domain single characters are indexed inside words (钢 finds 不锈钢), common ones are not', () => {
    const tokens = segmenter.analyze('不锈钢焊接');
    expect(tokens.map((t) => t.lexeme)).toEqual(expect.arrayContaining(['不锈钢', '钢', '焊接', '焊']));
    expect(tokens.map((t) => t.lexeme)).not.toContain('不');
  });

  test('codes are indexed with their letter and digit parts; offsets survive full-width input', () => {
    const text = 'ＧＨ４１６９锻件';
    const tokens = segmenter.analyze(text);
    expect(tokens.map((t) => t.lexeme)).toEqual(expect.arrayContaining(['gh4169', 'gh', '4169', '锻件']));
    const digits = tokens.find((t) => t.lexeme === '4169')!;
    expect(text.slice(digits.start, digits.end)).toBe('４１６９');
  });

  test('a long word splits into the fewest shorter dictionary words', () => {
    expect(segmenter.split('镍基高温合金')).toEqual(['镍基', '高温合金']);
    expect(segmenter.split('轧辊')).toBeNull();
  });

  test('pinyin keys cover the polyphones of the domain', () => {
    expect(segmenter.pinyin('高问合金')).toContain('gaowenhejin');
    expect(segmenter.pinyin('高温合金')).toContain('gaowenhejin');
    expect(segmenter.pinyin('轧辊')).toContain('zhagun');
  });
});
