import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, MAX_AMOUNT_FEN, approveBounty, isAmountFen, requestedBountyFen } from '../src/index';

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
