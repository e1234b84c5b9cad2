import { describe, expect, it } from 'vitest';
import { beijingDate, moneyBySource, timelineState, waitsForEnterprise, type Milestone, type Release } from './projects';

const milestone = (over: Partial<Milestone> = {}): Milestone => ({
  id: 'm1', position: 1, title: '工艺方案', deliverables: null, dueDate: '2026-08-01', state: 'pending',
  amountFen: 30_000, enterpriseShareFen: 20_000, specialFundFen: 10_000,
  report: null, submittedAt: null, feedback: null, acceptedAt: null, verifiedAt: null, attachments: [], ...over,
});
const release = (source: Release['source'], state: Release['state'], over: Partial<Release> = {}): Release => ({
  id: `r-${source}`, projectId: 'p', milestoneId: 'm1', source, amountFen: source === 'enterprise' ? 20_000 : 10_000, state,
  createdAt: '2026-07-01T00:00:00Z', paymentReference: null, disbursedAt: null, confirmedAt: null, disputeReason: null, resolution: null, ...over,
});

describe('timelineState', () => {
  it('is done once verified, overdue past its due date otherwise (in a running project)', () => {
    expect(timelineState(milestone({ state: 'verified' }), '2027-01-01')).toBe('done');
    expect(timelineState(milestone(), '2026-08-01')).toBe('due');
    expect(timelineState(milestone(), '2026-08-02')).toBe('overdue');
    expect(timelineState(milestone({ state: 'submitted' }), '2026-08-02')).toBe('overdue');
    expect(timelineState(milestone({ state: 'returned' }), '2026-07-01')).toBe('returned');
    expect(timelineState(milestone({ state: 'accepted' }), '2026-07-01')).toBe('accepted');
    expect(timelineState(milestone(), '2026-08-02', 'stopped')).toBe('due');
  });
});

describe('beijingDate', () => {
  it('is the calendar date in UTC+8', () => {
    expect(beijingDate(new Date('2026-07-31T15:59:00Z'))).toBe('2026-07-31');
    expect(beijingDate(new Date('2026-07-31T16:00:00Z'))).toBe('2026-08-01');
  });
});

describe('money by source', () => {
  it('counts paid (disbursed or confirmed) and confirmed amounts per source', () => {
    const rs = [release('enterprise', 'confirmed'), release('special_fund', 'disbursed')];
    expect(moneyBySource(milestone({ state: 'verified' }), rs).map((x) => [x.source, x.plannedFen, x.paidFen, x.confirmedFen])).toEqual([
      ['enterprise', 20_000, 20_000, 20_000],
      ['special_fund', 10_000, 10_000, 0],
    ]);
    expect(moneyBySource(milestone({ enterpriseShareFen: 0, specialFundFen: 30_000 }), []).map((x) => x.source)).toEqual(['special_fund']);
  });

  it('holds the special fund back until the enterprise share is confirmed', () => {
    const fund = release('special_fund', 'pending');
    expect(waitsForEnterprise(fund, [release('enterprise', 'pending'), fund])).toBe(true);
    expect(waitsForEnterprise(fund, [release('enterprise', 'disbursed'), fund])).toBe(true);
    expect(waitsForEnterprise(fund, [release('enterprise', 'confirmed'), fund])).toBe(false);
    expect(waitsForEnterprise(fund, [fund])).toBe(false);
  });
});
