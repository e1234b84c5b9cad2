import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../../../lib/server/i18n';
import type { RankingItem } from '$lib/review';
import { candidatesOf, decisionFieldToInput, decisionFromForm, decisionIssueText, isSelectable, tally } from './decision-form';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function item(applicationId: string, over: Partial<RankingItem> = {}): RankingItem {
  return {
    applicationId,
    state: 'under_review',
    organization: { nameZh: `单位${applicationId.slice(-1)}`, nameEn: `Org ${applicationId.slice(-1)}` },
    receiptNumber: null,
    requestedFen: 100_000_000,
    mean: 80,
    reviewCount: 1,
    aggregate: { count: 1, used: 1, dropped: 0, mean: 80, standardDeviation: 0, min: 80, max: 80 },
    rank: 1,
    tieBreak: false,
    submittedAt: '2026-08-01T00:00:00.000Z',
    ...over,
  };
}

/** ¥1,500,000 bounty, two winners at most; a and b reviewed, c under review without a finished review. */
const ctx = { bountyFen: 150_000_000, maxWinners: 2, candidates: [item(A), item(B), item(C, { reviewCount: 0, mean: null })] };
const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('the decision form', () => {
  it('sends the ticked applications with their awards in fen and feedback for the others', () => {
    const { input, issues } = decisionFromForm(
      getter({ [`award.${A}`]: '999,999.5', [`feedback.${B}`]: ' 预算偏高。 ', [`feedback.${C}`]: '尚未完成评审。', reasons: '' }),
      [A],
      ctx,
      false,
    );
    expect(issues).toEqual([]);
    expect(input).toEqual({ selections: [{ applicationId: A, awardFen: 99_999_950 }], feedback: { [B]: '预算偏高。', [C]: '尚未完成评审。' } });
  });

  it('names every problem at once, each at its input: awards not in yuan, over the request and the bounty, missing feedback', () => {
    const { issues, values } = decisionFromForm(getter({ [`award.${A}`]: '12万', [`award.${B}`]: '1600000', [`award.${C}`]: '100' }), [A, B, C], ctx, false);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: `award.${A}`, code: 'invalid_yuan', message: '' },
        { field: `award.${B}`, code: 'award_exceeds_request', message: '' },
        { field: 'selections', code: 'too_many_winners', message: '' },
        { field: 'selections', code: 'awards_exceed_bounty', message: '' },
        { field: `select.${C}`, code: 'not_reviewed', message: '' },
      ]),
    );
    expect(issues.filter((i) => i.field === `award.${A}`), 'the bad amount once, not also as missing').toHaveLength(1);
    expect(values.selected).toBe(`${A},${B},${C}`);
    expect(values[`award.${A}`]).toBe('12万');
  });

  it('asks for a tick rather than for reasons when "publish" is pressed with nothing ticked', () => {
    const { issues } = decisionFromForm(getter({ [`feedback.${A}`]: 'x', [`feedback.${B}`]: 'x', [`feedback.${C}`]: 'x' }), [], ctx, false);
    expect(issues).toEqual([{ field: 'selections', code: 'none_selected', message: '' }]);
  });

  it('a no-winner decision ignores the ticks and needs reasons and feedback for everyone', () => {
    const { input, issues } = decisionFromForm(getter({ [`award.${A}`]: '1000000', [`feedback.${A}`]: '均未达到指标。' }), [A], ctx, true);
    expect(input.selections).toEqual([]);
    expect(issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([`feedback.${B}:required`, `feedback.${C}:required`, 'reasons:required']);
  });

  it('maps the API’s fields back onto the inputs', () => {
    const selections = [{ applicationId: A }, { applicationId: B }];
    expect(decisionFieldToInput('selections.1.awardFen', selections)).toBe(`award.${B}`);
    expect(decisionFieldToInput('selections.0.applicationId', selections)).toBe(`select.${A}`);
    expect(decisionFieldToInput('selections.5.awardFen', selections)).toBe('selections');
    expect(decisionFieldToInput('selections', selections)).toBe('selections');
    expect(decisionFieldToInput(`feedback.${A}`, selections)).toBe(`feedback.${A}`);
    expect(decisionFieldToInput('applications', selections)).toBe('selections');
  });

  it('offers every eligible application, selectable once under review and reviewed', () => {
    const ranking = [item(A), item(B, { state: 'eligible' }), item(C, { reviewCount: 0 }), item('d', { state: 'not_selected' })];
    expect(candidatesOf(ranking).map((c) => c.applicationId)).toEqual([A, B, C]);
    expect(ranking.map(isSelectable)).toEqual([true, false, false, false]);
  });

  it('keeps the running total against the bounty', () => {
    const awards: Record<string, string> = { [A]: '1000000', [B]: '600000', [C]: 'abc' };
    expect(tally([A, B], (id) => awards[id] ?? '', ctx)).toMatchObject({ count: 2, totalFen: 160_000_000, overFen: 10_000_000, leftFen: 0, tooMany: false, invalid: 0 });
    expect(tally([A, B, C], (id) => awards[id] ?? '', ctx)).toMatchObject({ count: 3, invalid: 1, tooMany: true });
  });

  it('puts each problem into words in both languages, with the amounts that matter', () => {
    const words = { bountyFen: 150_000_000, maxWinners: 2, names: { [A]: 'Org a' }, requested: { [A]: 100_000_000 } };
    const en = createTranslator('en');
    expect(decisionIssueText(en, { field: `award.${A}`, code: 'award_exceeds_request', message: '' }, { ...words, locale: 'en' })).toContain('¥1,000,000');
    expect(decisionIssueText(en, { field: 'selections', code: 'awards_exceed_bounty', message: '' }, { ...words, locale: 'en' })).toContain('¥1,500,000');
    const zh = createTranslator('zh-CN');
    expect(decisionIssueText(zh, { field: `feedback.${A}`, code: 'required', message: '' }, { ...words, locale: 'zh-CN' })).toContain('Org a');
    expect(decisionIssueText(zh, { field: 'x', code: 'y', message: '接口的说明' }, { ...words, locale: 'zh-CN' })).toBe('接口的说明');
  });
});
