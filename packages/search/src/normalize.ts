import { readDictLines } from './resources';

let t2s: Map<string, string> | undefined;

function traditionalToSimplified(): Map<string, string> {
  if (!t2s) {
    t2s = new Map();
    for (const line of readDictLines('t2s.txt')) {
      const [traditional, simplified] = line.split(' ');
      if (traditional && simplified) t2s.set(traditional, simplified);
    }
  }
  return t2s;
}

/** Normalised text, and for every UTF-16 unit of it the offset of the original character it came from. */
export interface Normalized {
  text: string;
  /** `origin[i]` is the offset in the original of `text[i]`; `origin[text.length]` is the original's length. */
  origin: number[];
}

const COMBINING_MARK = /\p{Mn}/u;

/**
 * One form for index and query: compatibility decomposition (full-width → half-width, ligatures,
 * ㎜ → mm), accents dropped, lower case, traditional → simplified characters. Done one code point at
 * a time so every normalised character still points at its place in the original (for snippets).
 */
export function normalize(input: string): Normalized {
  const map = traditionalToSimplified();
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const cp of input) {
    const c = cp.codePointAt(0)!;
    let out = '';
    // Fast paths for ASCII and CJK Unified Ideographs, which NFKD leaves as they are: most of the
    // text, and the per-character NFKD cost ~1 µs (a page of results was 8 ms of it).
    if (c < 0x80) out = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : cp;
    else if (c >= 0x4e00 && c <= 0x9fff) out = map.get(cp) ?? cp;
    else {
      for (const ch of cp.normalize('NFKD')) {
        if (COMBINING_MARK.test(ch)) continue;
        const lower = ch.toLowerCase();
        out += map.get(lower) ?? lower;
      }
    }
    for (let i = 0; i < out.length; i++) origin.push(offset);
    text += out;
    offset += cp.length;
  }
  origin.push(offset);
  return { text, origin };
}

/** The normalised text alone. */
export const normalizeText = (input: string): string => normalize(input).text;
