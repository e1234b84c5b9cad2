import { Jieba } from '@node-rs/jieba';
// The `.js` path works both under Node's ESM resolver (the bundled server) and under Vite.
import { dict as defaultDict } from '@node-rs/jieba/dict.js';
import { normalize } from './normalize';
import { pinyinKeys } from './pinyin';
import { readDictLines } from './resources';
import { stem } from './stem';

export type Script = 'han' | 'latin';

/** A word of the text as segmented, before sub-words: what a query is made of. */
export interface Word {
  /** Normalised form (lower case, simplified, half-width). */
  text: string;
  /** The form stored in the index: `text`, or its stem for an English word. */
  lexeme: string;
  script: Script;
  /** Offsets in the original text (UTF-16 units). */
  start: number;
  end: number;
  /** Offsets in the normalised text, to tell whether two words touch. */
  normStart: number;
  normEnd: number;
}

/**
 * What the index stores for a text: every word (`word`), and at the same position its dictionary
 * sub-words, stem, letter/digit parts and domain single characters (`sub`), so that 高温合金 is found
 * inside 镍基高温合金, castings by casting and 4169 inside GH4169.
 */
export interface Token {
  lexeme: string;
  kind: 'word' | 'sub';
  /** 1-based word position within the analysed text. */
  position: number;
  /** Offsets in the original text (UTF-16 units) of the characters this lexeme came from. */
  start: number;
  end: number;
}

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /[0-9]/;

/**
 * The one segmenter used at index time and at query time: normalisation (normalize.ts), jieba with
 * its default dictionary plus `dict/user.dict`, HMM off (unknown words fall apart the same way in
 * documents and queries), stop words from `dict/stopwords.txt`, English words with a light stemmer.
 * Loading the dictionaries takes ~0.2 s, so there is one per process: `Segmenter.shared()`.
 */
export class Segmenter {
  private static instance: Segmenter | undefined;

  static shared(): Segmenter {
    Segmenter.instance ??= new Segmenter();
    return Segmenter.instance;
  }

  private readonly jieba: Jieba;
  private readonly stopwords: Set<string>;
  private readonly singles: Set<string>;
  /** The domain's words (user dictionary), normalised. */
  readonly domainWords: readonly string[];

  private constructor() {
    this.jieba = Jieba.withDict(defaultDict);
    const userLines = readDictLines('user.dict');
    this.jieba.loadDict(Buffer.from(userLines.join('\n') + '\n'));
    this.domainWords = userLines.map((line) => line.split(/\s+/)[0]!).filter((w) => w !== '');
    this.stopwords = new Set(readDictLines('stopwords.txt').map((w) => normalize(w).text));
    this.singles = new Set(readDictLines('single-chars.txt').flatMap((line) => line.split(/\s+/)));
  }

  isStopword(normalized: string): boolean {
    return this.stopwords.has(normalized);
  }

  /** The words of a text, stop words left out. */
  words(text: string): Word[] {
    return this.scan(text).words;
  }

  private scan(text: string): { words: Word[]; origin: number[] } {
    const { text: norm, origin } = normalize(text);
    const words: Word[] = [];
    const push = (w: string, at: number, script: Script) => {
      if (this.stopwords.has(w)) return;
      words.push({
        text: w,
        lexeme: script === 'latin' ? stem(w) : w,
        script,
        start: origin[at]!,
        end: origin[at + w.length]!,
        normStart: at,
        normEnd: at + w.length,
      });
    };
    for (const run of runs(norm)) {
      if (run.script === 'latin') {
        push(run.text, run.start, 'latin');
        continue;
      }
      let at = run.start;
      for (const w of this.cutHan(run.text)) {
        push(w, at, 'han');
        at += w.length;
      }
    }
    return { words, origin };
  }

  /** Index-time analysis: words and, at the same positions, their sub-words (see `Token`). */
  analyze(text: string): Token[] {
    const { words, origin } = this.scan(text);
    const tokens: Token[] = [];
    let position = 0;
    for (const w of words) {
      position++;
      tokens.push({ lexeme: w.text, kind: 'word', position, start: w.start, end: w.end });
      const sub = (lexeme: string, offset: number, length: number) =>
        tokens.push({ lexeme, kind: 'sub', position, start: origin[w.normStart + offset]!, end: origin[w.normStart + offset + length]! });
      if (w.script === 'latin') {
        if (w.lexeme !== w.text) sub(w.lexeme, 0, w.text.length);
        // GH4169 → gh, 4169; 42crmo → 42, crmo; 1200mm → 1200, mm.
        if (DIGIT.test(w.text) && /[a-z]/.test(w.text)) {
          for (const m of w.text.matchAll(/[0-9.]+|[^0-9.]+/g)) if (m[0].length >= 2) sub(m[0], m.index, m[0].length);
        }
        continue;
      }
      if (w.text.length >= 3) for (const s of this.subwords(w.text)) sub(s.text, s.offset, s.text.length);
      if (w.text.length >= 2) {
        for (let i = 0; i < w.text.length; i++) if (this.singles.has(w.text[i]!)) sub(w.text[i]!, i, 1);
      }
    }
    return tokens;
  }

  /** Dictionary words of two or more characters inside a word, at every place they occur. */
  subwords(word: string): { text: string; offset: number }[] {
    const found: { text: string; offset: number }[] = [];
    const seen = new Set<string>();
    for (const s of this.jieba.cutAll(word)) {
      if (s.length < 2 || s === word || seen.has(s)) continue;
      seen.add(s);
      for (let i = word.indexOf(s); i >= 0; i = word.indexOf(s, i + 1)) found.push({ text: s, offset: i });
    }
    return found;
  }

  /**
   * A word split into the fewest shorter dictionary words (all of two or more characters), or null:
   * 镍基高温合金 → 镍基, 高温合金. A query uses it as an alternative for documents where jieba, in
   * their context, cut the same characters differently.
   */
  split(word: string): string[] | null {
    if (word.length < 3) return null;
    const parts = this.subwords(word);
    const best: (string[] | null)[] = Array.from({ length: word.length + 1 }, () => null);
    best[0] = [];
    for (let i = 0; i < word.length; i++) {
      const here = best[i];
      if (!here) continue;
      for (const p of parts) {
        if (p.offset !== i) continue;
        const end = i + p.text.length;
        const candidate = [...here, p.text];
        if (!best[end] || best[end]!.length > candidate.length) best[end] = candidate;
      }
    }
    return best[word.length] ?? null;
  }

  /** Toneless pinyin spellings of a Chinese word (see pinyin.ts). */
  pinyin(word: string): string[] {
    return pinyinKeys(word);
  }

  private cutHan(run: string): string[] {
    const words = this.jieba.cut(run, false);
    // jieba returns the run in pieces; if it ever did not, fall back to single characters.
    return words.join('') === run ? words : [...run];
  }
}

interface Run {
  text: string;
  start: number;
  script: Script;
}

/** Splits normalised text into runs of Chinese characters and runs of letters/digits (a decimal point stays). */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let current = null as Run | null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const script: Script | null = HAN.test(ch) ? 'han' : LETTER_OR_DIGIT.test(ch) ? 'latin' : null;
    const decimalPoint = ch === '.' && current?.script === 'latin' && DIGIT.test(text[i - 1]!) && DIGIT.test(text[i + 1] ?? '');
    if (decimalPoint) {
      current!.text += ch;
      continue;
    }
    if (script && current?.script === script) {
      current.text += ch;
      continue;
    }
    if (current) out.push(current);
    current = script ? { text: ch, start: i, script } : null;
  }
  if (current) out.push(current);
  return out;
}
