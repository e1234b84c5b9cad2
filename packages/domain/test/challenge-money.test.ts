import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, MAX_AMOUNT_FEN, approveBounty, fenToYuanText, isAmountFen, parseYuanToFen, requestedBountyFen, splitByLargestRemainder } from '../src/index';

const fen = fc.integer({ min: 0, max: MAX_AMOUNT_FEN });
const shares = fc.record({ enterpriseShareFen: fen, requestedSpecialFundFen: fen });

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, fields: e.fieldErrors.map((i) => `${i.field}:${i.code}`) };
    throw e;
  }
  return null;
};

describe('approval arithmetic (product.md Money by funding source)', () => {
  it('bounty = enterprise share + approved special fund, never more than requested', () => {
    fc.assert(
      fc.property(shares, fc.double({ min: 0, max: 1, noNaN: true }), (s, ratio) => {
        const special = Math.floor(s.requestedSpecialFundFen * ratio);
        const r = approveBounty(s, special);
        expect(r.specialFundFen).toBe(special);
        expect(r.bountyFen).toBe(s.enterpriseShareFen + special);
        expect(Number.isSafeInteger(r.bountyFen)).toBe(true);
        expect(r.bountyFen).toBeGreaterThanOrEqual(s.enterpriseShareFen);
        expect(r.bountyFen).toBeLessThanOrEqual(requestedBountyFen(s));
      }),
    );
  });

  it('approving the full request gives the requested bounty; approving nothing gives the enterprise share', () => {
    fc.assert(
      fc.property(shares, (s) => {
        expect(approveBounty(s, s.requestedSpecialFundFen).bountyFen).toBe(requestedBountyFen(s));
        expect(approveBounty(s, 0).bountyFen).toBe(s.enterpriseShareFen);
      }),
    );
  });

  it('refuses more than requested, naming specialFundFen', () => {
    fc.assert(
      fc.property(shares, fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (s, excess) => {
        fc.pre(s.requestedSpecialFundFen + excess <= MAX_AMOUNT_FEN);
        expect(refusal(() => approveBounty(s, s.requestedSpecialFundFen + excess))).toEqual({
          code: 'validation_failed', fields: ['specialFundFen:exceeds_requested'],
        });
      }),
    );
  });

  it('refuses negative, fractional and unsafe amounts', () => {
    fc.assert(
      fc.property(
        shares,
        fc.oneof(fc.integer({ max: -1 }), fc.double({ noNaN: false }).filter((d) => !Number.isInteger(d)), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.constant(MAX_AMOUNT_FEN + 1)),
        (s, bad) => {
          expect(isAmountFen(bad)).toBe(false);
          expect(refusal(() => approveBounty(s, bad))).toEqual({ code: 'validation_failed', fields: ['specialFundFen:invalid_amount'] });
        },
      ),
    );
  });

  it('refuses shares that are not whole fen', () => {
    expect(refusal(() => approveBounty({ enterpriseShareFen: 1.5, requestedSpecialFundFen: -1 }, 0))?.fields).toEqual([
      'enterpriseShareFen:invalid_amount', 'requestedSpecialFundFen:invalid_amount',
    ]);
    expect(refusal(() => requestedBountyFen({ enterpriseShareFen: -1, requestedSpecialFundFen: 0 }))?.fields).toEqual(['enterpriseShareFen:invalid_amount']);
  });

  it('a concrete case: ¥1,000,000 asked of the fund, ¥600,000 approved, ¥500,000 from the enterprise', () => {
    expect(approveBounty({ enterpriseShareFen: 50_000_000, requestedSpecialFundFen: 100_000_000 }, 60_000_000)).toEqual({ specialFundFen: 60_000_000, bountyFen: 110_000_000 });
  });
});

describe('parseYuanToFen (amounts typed in yuan)', () => {
  it('reads whole yuan and up to two decimals exactly', () => {
    expect(parseYuanToFen('0')).toBe(0);
    expect(parseYuanToFen('1')).toBe(100);
    expect(parseYuanToFen('1200000')).toBe(120_000_000);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('19.99')).toBe(1999);
    expect(parseYuanToFen('1.10')).toBe(110);
    expect(parseYuanToFen('007')).toBe(700);
  });

  it('has no floating-point drift where multiplying by 100 would have some', () => {
    // 1.005 * 100 = 100.49999999999999, 0.29 * 100 = 28.999999999999996, 4.35 * 100 = 434.99999999999994
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('4.35')).toBe(435);
    expect(parseYuanToFen('1.15')).toBe(115);
    expect(parseYuanToFen('999999999999.99')).toBe(99_999_999_999_999);
  });

  it('accepts spaces, a leading ¥, thousands separators and full-width digits', () => {
    expect(parseYuanToFen('  1,200,000.50 ')).toBe(120_000_050);
    expect(parseYuanToFen('¥800,000')).toBe(80_000_000);
    expect(parseYuanToFen('￥ 12')).toBe(1200);
    expect(parseYuanToFen('１２０，０００．５')).toBe(12_000_050);
  });

  it('refuses negatives, garbage, more than two decimals and misplaced separators', () => {
    for (const bad of ['', ' ', '-1', '-0.01', '+5', '1.234', '1.', '.5', '1e6', '1E2', '0x10', 'abc', '12abc', '1 000', '12,34', '1,2345', ',100', '1,000,00', 'NaN', 'Infinity', '1..2', '¥', '5元']) {
      expect(parseYuanToFen(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('refuses amounts above MAX_AMOUNT_FEN', () => {
    expect(parseYuanToFen(String(MAX_AMOUNT_FEN / 100))).toBe(MAX_AMOUNT_FEN);
    expect(parseYuanToFen(`${MAX_AMOUNT_FEN / 100}.01`)).toBeNull();
    expect(parseYuanToFen('99999999999999999999')).toBeNull();
  });

  it('is the inverse of fenToYuanText for every amount', () => {
    fc.assert(
      fc.property(fen, (f) => {
        expect(parseYuanToFen(fenToYuanText(f))).toBe(f);
      }),
    );
    expect(fenToYuanText(123_456_750)).toBe('1234567.5');
    expect(fenToYuanText(7)).toBe('0.07');
    expect(fenToYuanText(120_000_000)).toBe('1200000');
  });

  it('agrees with exact decimal arithmetic on any text with up to two decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX_AMOUNT_FEN) }), (f) => {
        const text = `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
        expect(parseYuanToFen(text)).toBe(Number(f));
      }),
    );
  });
});

describe('splitByLargestRemainder', () => {
  it('splits the 30 / 40 / 30 pattern exactly, and gives left-over fen to the largest remainders', () => {
    expect(splitByLargestRemainder(100_000_000, [30, 40, 30])).toEqual([30_000_000, 40_000_000, 30_000_000]);
    // 10 fen in thirds: 3.33 each, the one fen left goes to the first of the equal remainders.
    expect(splitByLargestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 fen as 1:2 → 2.33 / 4.67: the larger remainder (0.67) gets the fen.
    expect(splitByLargestRemainder(7, [1, 2])).toEqual([2, 5]);
    expect(() => splitByLargestRemainder(5, [0, 0])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(1.5, [1])).toThrow(RangeError);
  });

  it('parts are whole fen ≥ 0, add up exactly and lie within one fen of the exact share', () => {
    fc.assert(
      fc.property(fen, fc.array(fen, { minLength: 1, maxLength: 12 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = splitByLargestRemainder(total, weights);
        const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => {
          expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
          // |p − total·w/sum| < 1, in integers: |p·sum − total·w| < sum.
          const diff = BigInt(p) * sum - BigInt(total) * BigInt(weights[i]!);
          expect(diff < sum && -diff < sum).toBe(true);
        });
      }),
    );
  });
});
