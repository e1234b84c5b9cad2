import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkUscc, isValidUscc, normalizeUscc, usccCheckCharacter, AppError } from '../src/index';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const EXAMPLE = '91350100M000100Y43'; // the worked example of GB 32100-2015

// Published codes of real organisations. Each was run through the algorithm before being added here;
// all four pass, so none had to be dropped.
const PUBLISHED = ['91110000802100433B', '91440300708461136T', '914403001922038216', '91310000MA1FL1MMXL'];

const withCharAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('USCC (GB 32100-2015)', () => {
  it('accepts the standard example and published codes', () => {
    for (const code of [EXAMPLE, ...PUBLISHED]) {
      expect(checkUscc(code)).toEqual({ ok: true, value: code });
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('computes the check character of the example', () => {
    expect(usccCheckCharacter(EXAMPLE.slice(0, 17))).toBe('3');
    for (const code of PUBLISHED) expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.slice(17));
  });

  it('normalises case and spaces before checking', () => {
    expect(normalizeUscc('  9135 0100 m000 100y 43 ')).toBe(EXAMPLE);
    expect(checkUscc('91350100m000100y43')).toEqual({ ok: true, value: EXAMPLE });
    expect(checkUscc(' 91310000 ma1fl1mmxl\t')).toEqual({ ok: true, value: '91310000MA1FL1MMXL' });
  });

  it('refuses every single-character substitution at every position', () => {
    let refused = 0;
    for (let i = 0; i < 18; i++) {
      for (const c of ALPHABET) {
        if (c === EXAMPLE[i]) continue;
        expect(checkUscc(withCharAt(EXAMPLE, i, c)), `${i}:${c}`).toEqual({ ok: false, reason: 'check_character' });
        refused++;
      }
    }
    expect(refused).toBe(18 * 30);
  });

  it('refuses every transposition of adjacent different characters', () => {
    for (const code of [EXAMPLE, ...PUBLISHED]) {
      for (let i = 0; i < 17; i++) {
        const [a, b] = [code[i]!, code[i + 1]!];
        if (a === b) continue;
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
        expect(checkUscc(swapped), `${code}@${i}`).toEqual({ ok: false, reason: 'check_character' });
      }
    }
  });

  it('refuses the wrong length', () => {
    for (const s of ['', EXAMPLE.slice(0, 17), `${EXAMPLE}0`, `${EXAMPLE}${EXAMPLE}`, '   ']) {
      expect(checkUscc(s)).toEqual({ ok: false, reason: 'length' });
    }
  });

  it('refuses the letters the standard leaves out (I, O, Z, S, V) and other characters', () => {
    for (let i = 0; i < 18; i++) {
      for (const c of ['I', 'O', 'Z', 'S', 'V', 'i', 'o', 'z', 's', 'v', '-', '*', 'Ａ', '零']) {
        expect(checkUscc(withCharAt(EXAMPLE, i, c)), `${i}:${c}`).toEqual({ ok: false, reason: 'charset' });
      }
    }
  });

  it('usccCheckCharacter refuses a malformed body', () => {
    expect(() => usccCheckCharacter(EXAMPLE)).toThrow(AppError);
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow(AppError);
  });

  it('property: the computed check character is the only valid last character', () => {
    const body = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(body, (b) => {
        const check = usccCheckCharacter(b);
        expect(ALPHABET).toContain(check);
        for (const c of ALPHABET) expect(isValidUscc(b + c)).toBe(c === check);
      }),
      { numRuns: 500 },
    );
  });
});
