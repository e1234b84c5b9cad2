import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReceiptNumber, parseReceiptNumber, receiptYear } from '../src/index';

const parts = fc.record({
  year: fc.integer({ min: 2000, max: 9999 }),
  sequence: fc.integer({ min: 1, max: 999_999_999 }),
  version: fc.integer({ min: 1, max: 999 }),
});

describe('receipt numbers of submitted versions', () => {
  it('reads JB-year-sequence-version, the sequence with at least six digits', () => {
    expect(formatReceiptNumber({ year: 2026, sequence: 123, version: 2 })).toBe('JB-2026-000123-v2');
    expect(formatReceiptNumber({ year: 2026, sequence: 1, version: 1 })).toBe('JB-2026-000001-v1');
    expect(formatReceiptNumber({ year: 2027, sequence: 1_234_567, version: 12 })).toBe('JB-2027-1234567-v12');
  });

  it('versions of one application share everything but the version', () => {
    const v1 = formatReceiptNumber({ year: 2026, sequence: 42, version: 1 });
    const v2 = formatReceiptNumber({ year: 2026, sequence: 42, version: 2 });
    expect(v1.replace(/-v\d+$/, '')).toBe(v2.replace(/-v\d+$/, ''));
    expect(v1).not.toBe(v2);
  });

  it('parses a number as typed back: spaces and letter case do not matter', () => {
    expect(parseReceiptNumber('JB-2026-000123-v2')).toEqual({ year: 2026, sequence: 123, version: 2 });
    expect(parseReceiptNumber('  jb-2026-000123-V2 ')).toEqual({ year: 2026, sequence: 123, version: 2 });
    expect(parseReceiptNumber('JB-2027-1234567-v12')).toEqual({ year: 2027, sequence: 1_234_567, version: 12 });
  });

  it('refuses anything else, including other spellings of a valid number', () => {
    for (const bad of [
      '', 'JB-2026-000123', 'JB-2026-00123-v1', 'JB-2026-0001234-v1', 'JB-2026-000000-v1', 'JB-2026-000123-v0', 'JB-2026-000123-v01',
      'JB-2026-000123-v1000', 'JB-1999-000123-v1', 'XX-2026-000123-v1', 'JB 2026 000123 v1', 'JB-2026-000123-v1x', 'JB-2026-0000000001-v1',
      'JB-26-000123-v1', 'JB-2026-+00123-v1', 'JB-2026-000123-v-1',
    ]) {
      expect(parseReceiptNumber(bad), bad).toBeNull();
    }
  });

  it('refuses to format parts out of range (the service allocates them; that is a bug)', () => {
    for (const bad of [{ year: 1999, sequence: 1, version: 1 }, { year: 2026, sequence: 0, version: 1 }, { year: 2026, sequence: 1, version: 0 }, { year: 2026, sequence: 1.5, version: 1 }, { year: 2026, sequence: 1e9, version: 1 }]) {
      expect(() => formatReceiptNumber(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
  });

  it('property: round trip, and distinct parts give distinct numbers', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const s = formatReceiptNumber(a);
        expect(parseReceiptNumber(s)).toEqual(a);
        expect(parseReceiptNumber(s.toLowerCase())).toEqual(a);
        expect(formatReceiptNumber(parseReceiptNumber(` ${s.toLowerCase()}\t`)!)).toBe(s);
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(formatReceiptNumber(b)).not.toBe(s);
      }),
    );
  });

  it('the year is the Beijing year of the submission', () => {
    expect(receiptYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(receiptYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027); // 00:30 on 1 January in Beijing
  });
});
