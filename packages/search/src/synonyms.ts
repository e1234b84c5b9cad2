import { readDictLines } from './resources';
import type { Segmenter } from './segmenter';

/** One way of saying a term: its lexemes in order (a phrase when more than one). */
export type SynonymEntry = readonly string[];

/**
 * The groups of `dict/synonyms.txt` (连铸 / 连续铸造 / continuous casting …), each term segmented
 * with the same segmenter as the documents, so a group's terms are looked up as lexeme sequences.
 * Every engine applies them at query time: the PostgreSQL engine expands a matched term into an OR
 * of its group; the Meilisearch engine can send `rawGroups()` as its synonyms setting.
 */
export class SynonymSet {
  private readonly byFirst = new Map<string, { key: string; length: number }[]>();
  private readonly groupsOf = new Map<string, Set<number>>();
  private readonly groups: SynonymEntry[][] = [];

  constructor(
    private readonly raw: readonly (readonly string[])[],
    segmenter: Segmenter,
  ) {
    raw.forEach((terms, index) => {
      const entries: SynonymEntry[] = [];
      for (const term of terms) {
        const lexemes = segmenter.words(term).map((w) => w.lexeme);
        if (lexemes.length === 0) continue;
        const key = lexemes.join(' ');
        if (entries.some((e) => e.join(' ') === key)) continue;
        entries.push(lexemes);
        if (!this.groupsOf.has(key)) {
          this.groupsOf.set(key, new Set());
          const list = this.byFirst.get(lexemes[0]!) ?? [];
          list.push({ key, length: lexemes.length });
          list.sort((a, b) => b.length - a.length);
          this.byFirst.set(lexemes[0]!, list);
        }
        this.groupsOf.get(key)!.add(index);
      }
      this.groups.push(entries);
    });
  }

  /** The groups as written in the file, for engines that take synonyms as settings. */
  rawGroups(): readonly (readonly string[])[] {
    return this.raw;
  }

  /**
   * The longest entry starting at `lexemes[at]`, as the number of lexemes it covers and every
   * entry of every group it belongs to (itself included); null when none starts there.
   */
  match(lexemes: readonly string[], at: number): { length: number; entries: SynonymEntry[] } | null {
    for (const candidate of this.byFirst.get(lexemes[at]!) ?? []) {
      if (lexemes.slice(at, at + candidate.length).join(' ') !== candidate.key) continue;
      const entries = new Map<string, SynonymEntry>();
      for (const g of this.groupsOf.get(candidate.key)!) for (const e of this.groups[g]!) entries.set(e.join(' '), e);
      return { length: candidate.length, entries: [...entries.values()] };
    }
    return null;
  }
}

/** `dict/synonyms.txt`: one group a line, terms separated by commas (either width). */
export function readSynonymGroups(): string[][] {
  return readDictLines('synonyms.txt').map((line) => line.split(/[,，]/).map((t) => t.trim()).filter((t) => t !== ''));
}
