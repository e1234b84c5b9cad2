import { describe, expect, it } from 'vitest';
import type { ChallengeManage } from '$lib/types';
import {
  applyIndicatorOp,
  beijingParts,
  emptyDraftValues,
  emptyIndicator,
  flattenValues,
  inputIssues,
  instantFromBeijing,
  parseIndicatorOp,
  submissionIssues,
  toChallengeInput,
  valuesFromChallenge,
  valuesFromFormData,
  valuesFromRecord,
  type DraftValues,
} from './draft-form';
import { issueSentence } from './issue-text';
import { createTranslator } from '$lib/server/i18n';

const NOW = new Date('2026-03-01T00:00:00Z');

const complete = (over: Partial<DraftValues> = {}): DraftValues => ({
  ...emptyDraftValues(),
  titleZh: '高炉炉衬耐火材料寿命提升',
  titleEn: 'Longer-lasting blast furnace lining refractories',
  summaryZh: '将炉衬寿命提高到 15 年。',
  summaryEn: 'Raise lining life to 15 years.',
  descriptionZh: '详细说明',
  industry: 'metallurgy_new_materials',
  category: 'bottleneck',
  indicators: [{ nameZh: '炉衬寿命', nameEn: 'Lining life', target: '≥ 15', unit: '年', method: '现场跟踪' }],
  enterpriseShare: '1,200,000',
  requestedSpecialFund: '800000.50',
  deadlineDate: '2026-06-30',
  deadlineTime: '17:00',
  durationMonths: '18',
  maxWinners: '2',
  ...over,
});

const fields = (v: DraftValues) => submissionIssues(v, NOW).map((i) => `${i.field}:${i.code}`);

describe('Beijing deadlines', () => {
  it('turns a Beijing date and time into the instant, and back', () => {
    expect(instantFromBeijing('2026-06-30', '17:00')).toBe('2026-06-30T09:00:00.000Z');
    expect(instantFromBeijing('2026-01-01', '07:30')).toBe('2025-12-31T23:30:00.000Z');
    expect(beijingParts('2025-12-31T23:30:00.000Z')).toEqual({ date: '2026-01-01', time: '07:30' });
    expect(beijingParts(null)).toEqual({ date: '', time: '' });
  });

  it('refuses incomplete and impossible dates and times', () => {
    for (const [d, t] of [['2026-02-30', '10:00'], ['2026-13-01', '10:00'], ['2026-06-30', ''], ['', '10:00'], ['2026-06-30', '24:00'], ['30/06/2026', '10:00']] as const) {
      expect(instantFromBeijing(d, t), `${d} ${t}`).toBeNull();
    }
  });
});

describe('indicator rows', () => {
  const rows = [1, 2, 3].map((n) => ({ ...emptyIndicator(), nameZh: `指标${n}` }));
  const names = (r: { nameZh: string }[]) => r.map((x) => x.nameZh);

  it('reads the row buttons of the form without JavaScript', () => {
    expect(parseIndicatorOp('add')).toEqual({ kind: 'add' });
    expect(parseIndicatorOp('up:2')).toEqual({ kind: 'up', index: 2 });
    expect(parseIndicatorOp('remove:0')).toEqual({ kind: 'remove', index: 0 });
    expect(parseIndicatorOp('drop table')).toBeNull();
    expect(parseIndicatorOp(undefined)).toBeNull();
  });

  it('adds, removes and moves rows; moves past either end change nothing', () => {
    expect(applyIndicatorOp(rows, { kind: 'add' })).toHaveLength(4);
    expect(names(applyIndicatorOp(rows, { kind: 'remove', index: 1 }))).toEqual(['指标1', '指标3']);
    expect(names(applyIndicatorOp(rows, { kind: 'up', index: 2 }))).toEqual(['指标1', '指标3', '指标2']);
    expect(names(applyIndicatorOp(rows, { kind: 'down', index: 0 }))).toEqual(['指标2', '指标1', '指标3']);
    expect(names(applyIndicatorOp(rows, { kind: 'up', index: 0 }))).toEqual(names(rows));
    expect(names(applyIndicatorOp(rows, { kind: 'down', index: 2 }))).toEqual(names(rows));
    expect(names(applyIndicatorOp(rows, { kind: 'remove', index: 9 }))).toEqual(names(rows));
  });

  it('adds no row beyond the limit', () => {
    const full = Array.from({ length: 30 }, emptyIndicator);
    expect(applyIndicatorOp(full, { kind: 'add' })).toHaveLength(30);
  });
});

describe('posted forms', () => {
  it('round-trips through the flat names a form posts, rows in index order', () => {
    const v = complete({ indicators: [{ ...emptyIndicator(), nameZh: 'a' }, { ...emptyIndicator(), nameZh: 'b', unit: 'mm' }], domesticOnly: true });
    const flat = flattenValues(v);
    expect(flat['indicators.1.unit']).toBe('mm');
    expect(flat.domesticOnly).toBe('on');
    expect(valuesFromRecord(flat)).toEqual(v);

    const data = new FormData();
    for (const [k, value] of Object.entries(flat).reverse()) if (k !== 'domesticOnly') data.append(k, value);
    const back = valuesFromFormData(data);
    expect(back.indicators.map((r) => r.nameZh)).toEqual(['a', 'b']);
    expect(back.domesticOnly).toBe(false);
  });

  it('becomes the API input in fen and as an instant, every field sent', () => {
    const input = toChallengeInput(complete({ titleEn: '  ', ipTermsZh: ' 归企业所有 ' }));
    expect(input.enterpriseShareFen).toBe(120_000_000);
    expect(input.requestedSpecialFundFen).toBe(80_000_050);
    expect(input.deadline).toBe('2026-06-30T09:00:00.000Z');
    expect(input.titleEn).toBeNull();
    expect(input.ipTermsZh).toBe('归企业所有');
    expect(input.durationMonths).toBe(18);
    expect(input.maxWinners).toBe(2);
    expect(input.visibility).toBe('public');
    expect(input.indicators).toEqual([{ nameZh: '炉衬寿命', nameEn: 'Lining life', target: '≥ 15', unit: '年', method: '现场跟踪' }]);
  });

  it('reads a stored challenge into the inputs', () => {
    const v = valuesFromChallenge({
      titleZh: '标题', titleEn: null, summaryZh: null, summaryEn: null, descriptionZh: null, descriptionEn: null, industry: null, category: 'talent',
      indicators: [{ position: 1, nameZh: '二', nameEn: null, target: null, unit: null, method: null }, { position: 0, nameZh: '一', nameEn: null, target: '5', unit: 'mm', method: 'm' }],
      eligibilityZh: null, eligibilityEn: null, enterpriseShareFen: 7, requestedSpecialFundFen: 120_000_000, deadline: '2026-06-30T09:00:00.000Z',
      durationMonths: null, maxWinners: 3, ipTermsZh: null, ipTermsEn: null, visibility: 'restricted', domesticOnly: true,
    } as unknown as ChallengeManage);
    expect(v.indicators.map((r) => r.nameZh)).toEqual(['一', '二']);
    expect(v.enterpriseShare).toBe('0.07');
    expect(v.requestedSpecialFund).toBe('1200000');
    expect([v.deadlineDate, v.deadlineTime]).toEqual(['2026-06-30', '17:00']);
    expect(v.durationMonths).toBe('');
    expect(v.maxWinners).toBe('3');
    expect(v.category).toBe('talent');
  });
});

describe('what blocks saving and submitting', () => {
  it('a complete form has nothing left', () => {
    expect(inputIssues(complete())).toEqual([]);
    expect(fields(complete())).toEqual([]);
  });

  it('saving needs only a Chinese title and well-formed entries', () => {
    expect(inputIssues({ ...emptyDraftValues(), titleZh: '只有标题' })).toEqual([]);
    expect(inputIssues(complete({ titleZh: ' ', enterpriseShare: '-5', requestedSpecialFund: '1.234', deadlineDate: '2026-02-30', durationMonths: '99', maxWinners: 'x' })).map((i) => `${i.field}:${i.code}`)).toEqual([
      'titleZh:required', 'enterpriseShare:invalid_yuan', 'requestedSpecialFund:invalid_yuan', 'deadline:invalid_deadline', 'durationMonths:out_of_range', 'maxWinners:out_of_range',
    ]);
  });

  it('lists every missing field at once, named like the inputs, as the domain rules decide', () => {
    expect(fields({ ...emptyDraftValues(), titleZh: '只有标题', deadlineTime: '', maxWinners: '' })).toEqual([
      'summaryZh:required', 'descriptionZh:required', 'titleEn:required', 'summaryEn:required', 'industry:required', 'category:required',
      'indicators.0.nameZh:required', 'indicators.0.target:required', 'indicators.0.unit:required', 'indicators.0.method:required',
      'enterpriseShare:bounty_zero', 'deadline:required', 'durationMonths:required', 'maxWinners:required',
    ]);
  });

  it('an input problem replaces the rule finding for the same field', () => {
    expect(fields(complete({ enterpriseShare: 'abc', requestedSpecialFund: '' }))).toEqual(['enterpriseShare:invalid_yuan']);
    expect(fields(complete({ deadlineDate: '2025-01-01' }))).toEqual(['deadline:not_future']);
    expect(fields(complete({ deadlineDate: '2028-03-02' }))).toEqual(['deadline:too_far']);
    expect(fields(complete({ deadlineTime: '' }))).toEqual(['deadline:invalid_deadline']);
  });

  it('domestic-only challenges need no English', () => {
    expect(fields(complete({ titleEn: '', summaryEn: '' }))).toEqual(['titleEn:required', 'summaryEn:required']);
    expect(fields(complete({ titleEn: '', summaryEn: '', domesticOnly: true }))).toEqual([]);
  });
});

describe('sentences for the rules', () => {
  it('a deadline too far ahead says how far it may be, in both languages', () => {
    const [issue] = submissionIssues(complete({ deadlineDate: '2099-01-01' }), NOW);
    expect(issueSentence(createTranslator('en'), issue!)).toBe('Application deadline may be at most 2 years from now.');
    expect(issueSentence(createTranslator('zh-CN'), issue!)).toBe('揭榜截止时间最晚只能设在 2 年之后。');
  });
});
