import { readDictLines } from './resources';

let readings: Map<string, string[]> | undefined;

function table(): Map<string, string[]> {
  if (!readings) {
    readings = new Map();
    for (const line of readDictLines('pinyin.txt')) {
      const [syllable, chars] = line.split(' ');
      if (!syllable || !chars) continue;
      for (const c of chars) {
        const list = readings.get(c);
        if (list) list.push(syllable);
        else readings.set(c, [syllable]);
      }
    }
  }
  return readings;
}

const MAX_KEYS = 8;

/**
 * Toneless pinyin spellings of a Chinese word, one per combination of its characters' readings
 * (capped): what a pinyin input method was given when it produced this word or a 同音字 typo of it.
 * Empty when a character has no known reading.
 */
export function pinyinKeys(word: string): string[] {
  let keys = [''];
  const t = table();
  for (const c of word) {
    const rs = t.get(c);
    if (!rs) return [];
    const next: string[] = [];
    for (const k of keys) for (const r of rs) if (next.length < MAX_KEYS) next.push(k + r);
    keys = next;
  }
  return keys;
}
