import { describe, expect, it } from 'vitest';
import {
  AppError, CHALLENGE_LIMITS, assertReadyForPublication, assertReadyForSubmission, challengeDraftIssues,
  confidentialityTerms, CURRENT_CONFIDENTIALITY_TERMS_VERSION, latestDeadline, type ChallengeDraft,
} from '../src/index';

const NOW = new Date('2026-03-01T00:00:00Z');

const complete = (overrides: Partial<ChallengeDraft> = {}): ChallengeDraft => ({
  titleZh: '高温合金真空感应熔炼夹杂物控制',
  titleEn: 'Inclusion control in vacuum induction melting of superalloys',
  summaryZh: '将氧化物夹杂降低到 5 ppm 以下。',
  summaryEn: 'Bring oxide inclusions below 5 ppm.',
  descriptionZh: '详细说明……',
  descriptionEn: null,
  industry: 'metallurgy_new_materials',
  category: 'bottleneck',
  indicators: [{ nameZh: '总氧含量', nameEn: 'Total oxygen', target: '≤ 5', unit: 'ppm', method: 'GB/T 11261 惰气熔融红外法' }],
  enterpriseShareFen: 100_000_00,
  requestedSpecialFundFen: 200_000_00,
  deadline: new Date('2026-06-30T16:00:00Z'),
  durationMonths: 18,
  maxWinners: 2,
  visibility: 'public',
  domesticOnly: false,
  ...overrides,
});

const fields = (draft: ChallengeDraft, now = NOW) => challengeDraftIssues(draft, { stage: 'submission', now }).map((i) => `${i.field}:${i.code}`);

describe('challenge draft rules', () => {
  it('a complete draft passes submission and publication', () => {
    expect(fields(complete())).toEqual([]);
    expect(() => assertReadyForSubmission(complete(), NOW)).not.toThrow();
    expect(() => assertReadyForPublication(complete(), NOW, 0)).not.toThrow();
  });

  it('reports every missing field at once', () => {
    const empty: ChallengeDraft = {
      titleZh: ' ', titleEn: null, summaryZh: null, summaryEn: '', descriptionZh: null, descriptionEn: null, industry: null, category: null,
      indicators: [], enterpriseShareFen: 0, requestedSpecialFundFen: 0, deadline: null, durationMonths: null, maxWinners: null, visibility: null, domesticOnly: false,
    };
    expect(fields(empty)).toEqual([
      'titleZh:required', 'summaryZh:required', 'descriptionZh:required', 'titleEn:required', 'summaryEn:required',
      'industry:required', 'category:required', 'visibility:required', 'indicators:indicator_required',
      'enterpriseShareFen:bounty_zero', 'deadline:required', 'durationMonths:required', 'maxWinners:required',
    ]);
    try {
      assertReadyForSubmission(empty, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).fieldErrors).toHaveLength(13);
      expect((e as AppError).params.field).toBe('titleZh');
    }
  });

  it('English title and summary are not required for a domestic-only challenge', () => {
    expect(fields(complete({ titleEn: null, summaryEn: null }))).toEqual(['titleEn:required', 'summaryEn:required']);
    expect(fields(complete({ titleEn: null, summaryEn: null, domesticOnly: true }))).toEqual([]);
  });

  it('every indicator needs name, target, unit and how it is measured', () => {
    const indicators = [complete().indicators[0]!, { nameZh: '硬度', target: '', unit: null, method: '  ' }];
    expect(fields(complete({ indicators }))).toEqual(['indicators.1.target:required', 'indicators.1.unit:required', 'indicators.1.method:required']);
    const tooMany = Array.from({ length: CHALLENGE_LIMITS.indicators + 1 }, () => complete().indicators[0]!);
    expect(fields(complete({ indicators: tooMany }))).toEqual(['indicators:maxItems']);
  });

  it('the shares are whole fen ≥ 0 and the bounty is above zero', () => {
    expect(fields(complete({ enterpriseShareFen: -1 }))).toEqual(['enterpriseShareFen:invalid_amount']);
    expect(fields(complete({ requestedSpecialFundFen: 0.5 }))).toEqual(['requestedSpecialFundFen:invalid_amount']);
    expect(fields(complete({ enterpriseShareFen: 0, requestedSpecialFundFen: 0 }))).toEqual(['enterpriseShareFen:bounty_zero']);
    expect(fields(complete({ enterpriseShareFen: 0, requestedSpecialFundFen: 1 }))).toEqual([]);
    // At publication the approved amount counts: approving nothing of a fund-only request leaves no bounty.
    const issues = challengeDraftIssues(complete({ enterpriseShareFen: 0 }), { stage: 'publication', now: NOW, specialFundFen: 0 });
    expect(issues).toEqual([{ field: 'specialFundFen', code: 'bounty_zero' }]);
  });

  it('the deadline is an instant after now, compared exactly', () => {
    const deadline = complete().deadline!;
    expect(fields(complete(), new Date(deadline.getTime() - 1))).toEqual([]);
    expect(fields(complete(), deadline)).toEqual(['deadline:not_future']);
    expect(() => assertReadyForPublication(complete(), new Date(deadline.getTime() + 1), 0)).toThrow(AppError);
  });

  it('the deadline is at most two years ahead, to the instant, leap days included', () => {
    const now = new Date('2026-11-30T08:00:00Z');
    const at = (iso: string) => complete({ deadline: new Date(iso) });
    expect(fields(at('2028-11-30T08:00:00Z'), now)).toEqual([]);
    expect(fields(at('2028-11-30T08:00:00.001Z'), now)).toEqual(['deadline:too_far']);
    expect(challengeDraftIssues(at('9999-12-31T23:00:00Z'), { stage: 'submission', now })).toEqual([{ field: 'deadline', code: 'too_far', params: { years: 2 } }]);
    expect(latestDeadline(new Date('2028-02-29T00:00:00Z')).toISOString()).toBe('2030-03-01T00:00:00.000Z');
  });

  it('duration is 1–60 months and 1–10 winners, in whole numbers', () => {
    for (const [d, ok] of [[0, false], [1, true], [60, true], [61, false], [1.5, false]] as const) {
      expect(fields(complete({ durationMonths: d }))).toEqual(ok ? [] : ['durationMonths:out_of_range']);
    }
    for (const [w, ok] of [[0, false], [1, true], [10, true], [11, false]] as const) {
      expect(fields(complete({ maxWinners: w }))).toEqual(ok ? [] : ['maxWinners:out_of_range']);
    }
  });

  it('unknown codes for industry, category and visibility are refused', () => {
    expect(fields(complete({ industry: 'textiles', category: 'other', visibility: 'secret' }))).toEqual(['industry:enum', 'category:enum', 'visibility:enum']);
  });

  it('the current confidentiality terms exist in both languages', () => {
    const terms = confidentialityTerms(CURRENT_CONFIDENTIALITY_TERMS_VERSION)!;
    expect(terms.zh).toMatch(/保密/);
    expect(terms.en).toMatch(/confidential/i);
    expect(confidentialityTerms('no-such-version')).toBeNull();
  });
});
