import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, weightedTotal } from '@challenge/domain';
import { createTranslator } from '../../server/i18n';
import { splitExpertise, weightSum } from '../../review';
import { reviewIssueSentence } from './issue-text';
import { assignFieldToInput, drawFromForm, profileFromForm, rubricFieldToInput, rubricFromForm, scoreSheetFromForm } from './review-form';

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('the scoring form', () => {
  it('sends every criterion, a gap as null, so the API names all of them at once', () => {
    const { sheet, values } = scoreSheetFromForm(
      getter({ 'scores.technical_approach.score': '9', 'scores.technical_approach.comment': ' 方案可行。 ', 'scores.team.score': '8', 'scores.budget.score': 'x' }),
      DEFAULT_RUBRIC,
    );
    expect(sheet.technical_approach).toEqual({ score: 9, comment: '方案可行。' });
    expect(sheet.team).toEqual({ score: 8, comment: null });
    expect(sheet.budget).toEqual({ score: null, comment: null });
    expect(Object.keys(sheet)).toEqual(DEFAULT_RUBRIC.map((c) => c.key));
    expect(values['scores.budget.score']).toBe('x');
  });

  it('gives the total the domain gives once complete', () => {
    const all = Object.fromEntries(DEFAULT_RUBRIC.flatMap((c) => [[`scores.${c.key}.score`, '8'], [`scores.${c.key}.comment`, 'ok']]));
    const { sheet } = scoreSheetFromForm(getter({ ...all, 'scores.technical_approach.score': '9', 'scores.budget.score': '5' }), DEFAULT_RUBRIC);
    expect(weightedTotal(DEFAULT_RUBRIC, sheet)).toBe(79.5);
  });
});

describe('the rubric form', () => {
  it('skips blank and removed rows and maps the API’s indices back to the rows', () => {
    const { criteria, rowOf, issues } = rubricFromForm(
      getter({
        'criteria.0.key': 'technical_approach', 'criteria.0.weight': '60',
        'criteria.1.key': 'team', 'criteria.1.weight': '25', 'criteria.1.remove': 'on',
        'criteria.3.key': 'innovation', 'criteria.3.weight': '40',
      }),
      5,
    );
    expect(criteria).toEqual([{ key: 'technical_approach', weight: 60 }, { key: 'innovation', weight: 40 }]);
    expect(rowOf).toEqual([0, 3]);
    expect(issues).toEqual([]);
    expect(rubricFieldToInput('criteria.1.key', rowOf)).toBe('criteria.3.key');
    expect(rubricFieldToInput('criteria', rowOf)).toBe('criteria');
  });

  it('names a row with a weight but no code, or a weight that is not a whole number', () => {
    const { issues } = rubricFromForm(getter({ 'criteria.0.weight': '50', 'criteria.1.key': 'team', 'criteria.1.weight': '2.5' }), 2);
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['criteria.0.key:required', 'criteria.1.weight:out_of_range']);
  });

  it('adds up whole weights only', () => {
    expect(weightSum([40, 25, null, 2.5])).toBe(65);
  });
});

describe('the assignment form', () => {
  it('puts a conflict next to the expert it names', () => {
    const sent = { applicationIds: ['a1', 'a2'], expertIds: ['e1', 'e2'] };
    expect(assignFieldToInput('expertIds.1', sent)).toBe('expert.e2');
    expect(assignFieldToInput('applicationIds.0', sent)).toBe('application.a1');
    expect(assignFieldToInput('draw.count', sent)).toBe('draw.count');
  });

  it('tells a conflict by the reason the API names in its params, and keeps the API’s words for one it does not know', () => {
    const issue = { field: 'expertIds.0', code: 'assignment_conflict', message: 'this expert must stand aside (x)' };
    expect(reviewIssueSentence(createTranslator('en'), { ...issue, params: { reason: 'owner_organization' } }, undefined)).toBe('Must stand aside: employed by the challenge owner');
    expect(reviewIssueSentence(createTranslator('zh-CN'), { ...issue, params: { reason: 'partner_organization' } }, undefined)).toBe('须回避：受聘于联合申报单位');
    expect(reviewIssueSentence(createTranslator('en'), { ...issue, params: { reason: 'new_reason' } }, undefined)).toBe('Must stand aside: this expert must stand aside (x)');
  });

  it('reads the draw and the fields as typed, in either script', () => {
    expect(drawFromForm(getter({ 'draw.expertise': '冶金，Superalloy; 冶金', 'draw.count': '3' }))).toMatchObject({ expertise: ['冶金', 'superalloy'], count: 3 });
    expect(drawFromForm(getter({ 'draw.count': 'three' })).count).toBeNull();
    expect(splitExpertise(' a , ,b\nc、d ')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('the expert profile form', () => {
  it('sends no employer and no affiliation as null', () => {
    expect(profileFromForm(getter({ expertise: '冶金, 轧制' })).input).toEqual({ organizationId: null, affiliation: null, expertise: ['冶金', '轧制'] });
  });
});
