import { describe, expect, it } from 'vitest';
import { endOfBeijingDay, parseFilters, yuanToFen } from './filters';

describe('yuanToFen', () => {
  it('turns yuan as typed into integer fen exactly', () => {
    expect(yuanToFen('1000000')).toBe(100_000_000);
    expect(yuanToFen('1,234,567.89')).toBe(123_456_789);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('１２')).toBe(1200);
    // 0.29 * 100 is 28.999999999999996 in floating point; we never multiply the fraction.
    expect(yuanToFen('0.29')).toBe(29);
  });

  it('refuses what is not an amount, and amounts beyond any bounty', () => {
    expect(yuanToFen('-5')).toBe('amount');
    expect(yuanToFen('1.234')).toBe('amount');
    expect(yuanToFen('abc')).toBe('amount');
    expect(yuanToFen('1e6')).toBe('amount');
    expect(yuanToFen('1000000000001')).toBe('tooLarge');
    expect(yuanToFen('1000000000000')).toBe(100_000_000_000_000);
  });
});

describe('endOfBeijingDay', () => {
  it('is the end of that day in UTC+8', () => {
    expect(endOfBeijingDay('2026-05-01')).toBe('2026-05-01T16:00:00.000Z');
    expect(endOfBeijingDay('2026-02-30')).toBeNull();
    expect(endOfBeijingDay('tomorrow')).toBeNull();
  });
});

describe('parseFilters', () => {
  it('keeps what the API understands and reports the rest', () => {
    const p = parseFilters(new URLSearchParams('industry=high_end_equipment&category=nope&status=draft&minBounty=500000&maxBounty=x&sort=bounty'));
    expect(p.query).toEqual({ industry: 'high_end_equipment', minBountyFen: 50_000_000, sort: 'bounty' });
    expect(p.active).toEqual(['industry', 'minBounty']);
    expect(p.issues).toEqual([{ field: 'maxBounty', code: 'amount' }]);
    expect(p.filtered).toBe(true);
    expect(p.values.maxBounty).toBe('x');
  });

  it('drops a bounty range whose lower end is above the upper', () => {
    const p = parseFilters(new URLSearchParams('minBounty=10&maxBounty=5'));
    expect(p.query).toEqual({ sort: 'newest' });
    expect(p.issues).toEqual([{ field: 'minBounty', code: 'range' }]);
    expect(p.active).toEqual([]);
  });

  it('sorts by newest and filters nothing by default', () => {
    expect(parseFilters(new URLSearchParams(''))).toMatchObject({ query: { sort: 'newest' }, issues: [], filtered: false, active: [] });
  });

  it('sends search text trimmed, ranked by relevance unless another order is asked for', () => {
    const p = parseFilters(new URLSearchParams('q=%20高温合金%20&industry=metallurgy_new_materials'));
    expect(p.query).toEqual({ q: '高温合金', sort: 'relevance', industry: 'metallurgy_new_materials' });
    expect(p.values.q).toBe(' 高温合金 ');
    expect(p).toMatchObject({ filtered: true, active: ['industry'] });
    expect(parseFilters(new URLSearchParams('q=steel&sort=bounty')).query).toEqual({ q: 'steel', sort: 'bounty' });
  });

  it('reads relevance without text as newest, typing only with text, and cuts text the API would refuse', () => {
    expect(parseFilters(new URLSearchParams('sort=relevance&typing=1&q=%20')).query).toEqual({ sort: 'newest' });
    expect(parseFilters(new URLSearchParams('q=hydr&typing=1')).query).toEqual({ q: 'hydr', typing: '1', sort: 'relevance' });
    expect(parseFilters(new URLSearchParams(`q=${'钢'.repeat(300)}`)).query.q).toHaveLength(200);
  });
});
