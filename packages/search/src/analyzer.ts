import { Segmenter } from './segmenter';
import { readSynonymGroups, SynonymSet } from './synonyms';

/**
 * The segmenter, the synonym groups and the homophone table of the domain's words, built once per
 * process (the dictionaries take a fraction of a second to load) and shared by index and query.
 */
export class TextAnalyzer {
  private static instance: TextAnalyzer | undefined;

  static shared(): TextAnalyzer {
    TextAnalyzer.instance ??= new TextAnalyzer(Segmenter.shared());
    return TextAnalyzer.instance;
  }

  readonly synonyms: SynonymSet;
  /** Words of the domain (user dictionary and Chinese synonym terms), normalised. */
  private readonly vocabulary = new Set<string>();
  /** Toneless pinyin → words of the domain spelled so. */
  private readonly byPinyin = new Map<string, string[]>();

  private constructor(readonly segmenter: Segmenter) {
    this.synonyms = new SynonymSet(readSynonymGroups(), segmenter);
    const chinese = /^\p{Script=Han}+$/u;
    const words = [...segmenter.domainWords, ...this.synonyms.rawGroups().flat()].map((w) => segmenter.words(w).map((x) => x.text).join(''));
    for (const w of words) {
      if (!chinese.test(w) || w.length < 2 || this.vocabulary.has(w)) continue;
      this.vocabulary.add(w);
      for (const key of segmenter.pinyin(w)) {
        const list = this.byPinyin.get(key) ?? [];
        list.push(w);
        this.byPinyin.set(key, list);
      }
    }
  }

  isDomainWord(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Words of the domain that sound like `text` (same toneless pinyin, same length), other than itself. */
  homophones(text: string): string[] {
    const found = new Set<string>();
    for (const key of this.segmenter.pinyin(text)) {
      for (const w of this.byPinyin.get(key) ?? []) if (w !== text && w.length === text.length) found.add(w);
    }
    return [...found];
  }
}
