import { describe, expect, it } from 'vitest';
import { barPercent, dashboardFilter, exportHref, filterQuery, orgName } from './dashboard';

describe('the dashboard’s filters', () => {
  it('takes a four-digit year in range and a known industry; anything else is left out and flagged', () => {
    expect(dashboardFilter(new URLSearchParams('year=2026&industry=high_end_equipment'))).toEqual({ filter: { year: 2026, industry: 'high_end_equipment' }, ignored: false });
    expect(dashboardFilter(new URLSearchParams(''))).toEqual({ filter: {}, ignored: false });
    expect(dashboardFilter(new URLSearchParams('year=&industry='))).toEqual({ filter: {}, ignored: false });
    for (const q of ['year=1999', 'year=20x6', 'year=2026.5', 'year=２０２６', 'industry=textiles']) expect(dashboardFilter(new URLSearchParams(q)), q).toMatchObject({ filter: {}, ignored: true });
  });

  it('carries the filters into the export links', () => {
    expect(filterQuery({})).toBe('');
    expect(exportHref('ledger', 'xlsx', { year: 2027 })).toBe('/bureau/dashboard/export/ledger.xlsx?year=2027');
    expect(exportHref('challenges', 'csv', { year: 2026, industry: 'metallurgy_new_materials' })).toBe('/bureau/dashboard/export/challenges.csv?year=2026&industry=metallurgy_new_materials');
  });

  it('sizes bars against the largest value and names organisations in the reader’s language', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(1, 3)).toBe(33.3);
    expect(barPercent(0, 0)).toBe(0);
    expect(orgName({ nameZh: '某钢', nameEn: null }, 'en')).toBe('某钢');
    expect(orgName({ nameZh: '某钢', nameEn: 'Steel' }, 'en')).toBe('Steel');
    expect(orgName({ nameZh: null, nameEn: 'Uni' }, 'zh-CN')).toBe('Uni');
  });
});
