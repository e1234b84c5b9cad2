import { describe, expect, test } from 'vitest';
import { parseQuery, readSynonymGroups, TextAnalyzer, toTsquery } from '../src/index';

const analyzer = TextAnalyzer.shared();
const parse = (text: string, prefix = false) => parseQuery(analyzer, text, { prefix });
const alternatives = (text: string, prefix = false) => parse(text, prefix).terms.map((t) => t.alternatives.map((a) => a.lexemes.join(' ')));

describe('synonyms', () => {
  test('the repository file has groups across languages', () => {
    const groups = readSynonymGroups();
    expect(groups.length).toBeGreaterThan(50);
    expect(groups).toContainEqual(['连铸', '连续铸造', 'continuous casting']);
  });

  test('a Chinese term matches its group, in both languages, multi-word terms as phrases', () => {
    const [term] = parse('连续铸造').terms;
    expect(term!.alternatives).toEqual(expect.arrayContaining([
      { lexemes: ['连铸'], phrase: false, prefix: false },
      { lexemes: ['continuous', 'cast'], phrase: true, prefix: false },
    ]));
  });

  test('an English phrase is recognised over several words and becomes one term', () => {
    const terms = alternatives('continuous casting');
    expect(terms).toHaveLength(1);
    expect(terms[0]).toEqual(expect.arrayContaining(['continuous cast', '连铸', '连续铸造']));
  });

  test('the longest entry wins (镍基高温合金 before 高温合金)', () => {
    expect(alternatives('nickel-based superalloy')[0]).toContain('镍基高温合金');
  });

  test('a term without synonyms still matches its shorter dictionary words together', () => {
    expect(alternatives('镍基高温合金涡轮盘')[0]).toEqual(expect.arrayContaining(['镍基高温合金', '镍基 高温合金']));
  });
});

describe('同音字 typos', () => {
  test('a run that sounds like a domain word also asks for that word', () => {
    const parsed = parse('高问合金');
    expect(parsed.corrections).toEqual([{ from: '高问合金', to: '高温合金' }]);
    expect(parsed.terms).toHaveLength(1);
    expect(parsed.terms[0]!.alternatives.map((a) => a.lexemes.join(' '))).toEqual(expect.arrayContaining(['高 问 合金', '高温合金']));
  });

  test('words of the domain are not "corrected"', () => {
    expect(parse('高温焊接').corrections).toEqual([]);
    expect(parse('焊剂').corrections).toEqual([]);
  });
});

describe('prefix while typing', () => {
  test('the last word matches as a prefix when the text ends inside it', () => {
    const last = parse('高温合金 焊', true).terms.at(-1)!;
    expect(last.alternatives).toContainEqual({ lexemes: ['焊'], phrase: false, prefix: true });
    expect(toTsquery(parse('contin', true).terms, 'all')).toContain("'contin':*");
  });

  test('not after a space, and not without typing', () => {
    expect(toTsquery(parse('焊 ', true).terms, 'all')).not.toContain(':*');
    expect(toTsquery(parse('焊').terms, 'all')).not.toContain(':*');
  });
});

describe('tsquery text', () => {
  test('operators typed by the user never reach the tsquery; every lexeme is quoted', () => {
    for (const hostile of ["a&b | !c:* <-> (d)", "'; drop table x; --", '\\\' 高温合金\' | !', '!!!', '&|']) {
      const q = toTsquery(parse(hostile, true).terms, 'all');
      const outside = q.replace(/'(?:[^']|'')*'/g, '');
      expect(outside, hostile).toMatch(/^[\s()&|<\->:*]*$/);
    }
  });

  test('terms are ANDed, or ORed for the partial fallback', () => {
    expect(toTsquery(parse('轧辊 剥落').terms, 'all')).toMatch(/\) & \(/);
    expect(toTsquery(parse('轧辊 剥落').terms, 'any')).toMatch(/\) \| \(/);
  });

  test('a query of stop words has no terms', () => {
    expect(parse('的 了 the of').terms).toEqual([]);
  });
});
