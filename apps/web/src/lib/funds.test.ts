import { describe, expect, it } from 'vitest';
import {
  accountGroups,
  accountName,
  budgetBars,
  budgetFieldToInput,
  budgetFromForm,
  budgetIssueText,
  causeName,
  daysBetween,
  ledgerFilter,
  pageParam,
  parseFiscalYear,
  percentText,
  queueTotals,
  signedMoney,
  transferKindName,
  type Budget,
} from './funds';
import type { QueuedRelease } from './projects';
import { createTranslator } from './server/i18n';

const budget = (year: number, budgetFen: number, reservedFen: number): Budget => ({ year, budgetFen, reservedFen, availableFen: budgetFen - reservedFen, setAt: '2026-01-05T01:20:00.000Z' });

describe('the budget form', () => {
  it('takes a four-digit year the API accepts and an amount in yuan', () => {
    expect(budgetFromForm({ year: '2040', amount: '60,000,000' })).toEqual({ year: 2040, budgetFen: 6_000_000_000, issues: [] });
    expect(budgetFromForm({ year: ' 2041 ', amount: '¥12.5' })).toEqual({ year: 2041, budgetFen: 1250, issues: [] });
    expect(budgetFromForm({ year: '2040', amount: '0' })).toEqual({ year: 2040, budgetFen: 0, issues: [] });
  });

  it('names both inputs at once when both are wrong', () => {
    const codes = (year: string, amount: string) => budgetFromForm({ year, amount }).issues.map((i) => `${i.field}:${i.code}`);
    expect(codes('', '')).toEqual(['year:required', 'amount:required']);
    expect(codes('1999', '12.345')).toEqual(['year:invalid_year', 'amount:invalid_yuan']);
    expect(codes('2101', '-5')).toEqual(['year:invalid_year', 'amount:invalid_yuan']);
    expect(codes('20 40', '5')).toEqual(['year:invalid_year']);
    expect(parseFiscalYear('2000')).toBe(2000);
    expect(parseFiscalYear('2100')).toBe(2100);
    expect(parseFiscalYear('abc')).toBeNull();
    expect(parseFiscalYear(null)).toBeNull();
  });

  it("maps the API's fields onto the inputs", () => {
    expect(budgetFieldToInput('budgetFen')).toBe('amount');
    expect(budgetFieldToInput('year')).toBe('year');
  });

  it('puts a refusal below what is reserved in words, with the amount', () => {
    const issue = { field: 'amount', code: 'insufficient_budget', message: 'API detail', params: { year: 2026, reservedFen: 1_250_000_000 } };
    expect(budgetIssueText(createTranslator('zh-CN'), issue, 'zh-CN')).toBe('2026 年度已为榜单预留 1,250 万元，预算不能调低到 1,250 万元 以下。');
    expect(budgetIssueText(createTranslator('en'), issue, 'en')).toBe('¥12,500,000 of the 2026 budget is already reserved for challenges: the budget cannot go below ¥12,500,000.');
    // Without the amount (it could not be read again), still in words.
    expect(budgetIssueText(createTranslator('en'), { ...issue, params: { year: 2026 } }, 'en')).toBe('API detail');
    expect(budgetIssueText(createTranslator('en'), { field: 'amount', code: 'maximum', message: 'must be <= 1' }, 'en')).toMatch(/^Enter an amount in yuan/);
  });
});

describe('the bars', () => {
  it('are as long as their budget against the largest, split into reserved and available', () => {
    expect(budgetBars([budget(2026, 6_000_000_000, 1_500_000_000), budget(2027, 3_000_000_000, 0), budget(2028, 0, 0)])).toEqual([
      { year: 2026, lengthPct: 100, reservedPct: 25, availablePct: 75 },
      { year: 2027, lengthPct: 50, reservedPct: 0, availablePct: 50 },
      { year: 2028, lengthPct: 0, reservedPct: 0, availablePct: 0 },
    ]);
    expect(budgetBars([])).toEqual([]);
    expect(budgetBars([budget(2030, 0, 0)])).toEqual([{ year: 2030, lengthPct: 0, reservedPct: 0, availablePct: 0 }]);
  });

  it('give the reserved share as a percentage in the reader’s language', () => {
    expect(percentText(1_500_000_000, 6_000_000_000, 'en')).toBe('25%');
    expect(percentText(1, 3, 'zh-CN')).toBe('33.3%');
    expect(percentText(0, 0, 'en')).toBe('0%');
  });
});

describe('the ledger and the disbursement queue', () => {
  const t = createTranslator('en');
  it('names accounts in words by kind, with the project they belong to', () => {
    expect(accountName(t, 'fund_available:2026').text).toBe('Special fund 2026, not reserved');
    expect(accountName(t, 'fund_reserved:2026:0123456789abcdef').text).toBe('Reserved for challenge 01234567 (2026)');
    expect(accountName(t, 'project_funds:abcdef0123456789:special_fund')).toEqual({ text: 'Project abcdef01: Special fund not yet released', projectId: 'abcdef0123456789' });
    expect(accountName(t, 'nonsense:1').text).toBe('nonsense:1');
    expect(causeName(t, { type: 'fiscal_year', id: '2026' }).text).toBe('Fiscal year 2026');
    expect(transferKindName(t, 'budget_set')).toBe('Budget set');
    expect(transferKindName(t, 'new_kind')).toBe('new_kind');
  });

  it('groups accounts in the order money moves, the outside world last', () => {
    const groups = accountGroups([
      { key: 'world', kind: 'world', balanceFen: -300 },
      { key: 'fund_reserved:2026:c1', kind: 'fund_reserved', balanceFen: 100 },
      { key: 'fund_available:2026', kind: 'fund_available', balanceFen: 150 },
      { key: 'fund_available:2027', kind: 'fund_available', balanceFen: 50 },
    ]);
    expect(groups.map((g) => [g.group, g.totalFen])).toEqual([['fund_available', 200], ['fund_reserved', 100], ['world', -300]]);
  });

  it('signs amounts, reads the filter and the page, and totals the queue', () => {
    expect(signedMoney(12_000_000, 'zh-CN')).toBe('+12 万元');
    expect(signedMoney(-150, 'en')).toBe('-¥1.5');
    expect(ledgerFilter('  fund_reserved ')).toBe('fund_reserved');
    expect(pageParam('3')).toBe(3);
    expect(pageParam('0')).toBe(1);
    expect(pageParam('x')).toBe(1);
    const r = (amountFen: number, ready: boolean) => ({ amountFen, ready }) as QueuedRelease;
    expect(queueTotals([r(100, true), r(250, false), r(50, true)])).toEqual({ count: 3, fen: 400, readyCount: 2, readyFen: 150 });
    expect(daysBetween('2026-01-01T00:00:00Z', '2026-01-03T12:00:00Z')).toBe(2);
  });
});
