import { describe, expect, it } from 'vitest';
import type { ApplicationContent } from '$lib/apply';
import {
  applyRowOp,
  emptyValues,
  formField,
  parseRowOp,
  stepOfField,
  stepValuesFromFormData,
  submissionIssues,
  toPatch,
  valuesFromContent,
  withStep,
  type ApplicationValues,
} from './application-form';

const OWNER = '11111111-1111-4111-8111-111111111111';
const LEAD = '22222222-2222-4222-8222-222222222222';
const PARTNER = '33333333-3333-4333-8333-333333333333';

const context = {
  indicatorCount: 2,
  bountyFen: 100_000_000,
  deadline: new Date('2026-06-30T09:00:00Z'),
  durationMonths: 12,
  ownerOrganizationId: OWNER,
  now: new Date('2026-05-01T00:00:00Z'),
};

const complete = (): ApplicationValues => ({
  responses: ['Route A', 'Route B'],
  team: [{ name: '陈博士', role: '项目负责人', lead: true }],
  partners: '',
  requested: '500,000.50',
  milestones: [
    { title: 'M1', deliverables: 'Samples', dueDate: '2026-09-30', amount: '200000' },
    { title: 'M2', deliverables: 'Report', dueDate: '2027-03-31', amount: '300000.50' },
  ],
  priorResults: '',
});

describe('the application form', () => {
  it('turns yuan into exact fen and back', () => {
    const { patch, issues } = toPatch(complete(), 3);
    expect(issues).toEqual([]);
    expect(patch.requestedFen).toBe(50_000_050);
    expect(patch.milestones?.map((m) => m.amountFen)).toEqual([20_000_000, 30_000_050]);
    const content: ApplicationContent = {
      responses: { '0': 'x' }, team: [], partnerOrganizationIds: [], priorResults: null, requestedFen: 7, milestones: [], leadOrganizationId: LEAD,
    };
    const back = valuesFromContent(content, 2);
    expect(back.requested).toBe('0.07');
    expect(back.responses).toEqual(['x', '']);
    // An empty list shows one row to type in; an untouched row is not saved.
    expect(back.team).toHaveLength(1);
    expect(toPatch(back, 2).patch.team).toEqual([]);
  });

  it('does not send what cannot be read', () => {
    const v = complete();
    v.requested = '12.345';
    v.milestones[1]!.dueDate = '2026-02-30';
    expect(toPatch(v, 3)).toEqual({
      patch: {},
      issues: [
        { field: 'requested', code: 'invalid_yuan' },
        { field: 'milestones.1.dueDate', code: 'invalid_date' },
      ],
    });
    v.partners = 'not-an-id';
    expect(toPatch(v, 2).issues).toEqual([{ field: 'partners', code: 'invalid_partner_id', params: { value: 'not-an-id' } }]);
  });

  it('checks submission with the domain rules, naming the inputs', () => {
    expect(submissionIssues(complete(), LEAD, context)).toEqual([]);
    const v = complete();
    v.milestones[1]!.amount = '100000';
    v.partners = `${PARTNER}\n${OWNER}`;
    expect(submissionIssues(v, LEAD, context)).toEqual([
      { field: 'partners', code: 'own_challenge' },
      { field: 'milestones', code: 'milestones_sum_mismatch', params: { expected: 50_000_050, actual: 30_000_000 } },
    ]);
  });

  it('names rows where they are in the form, past untouched rows', () => {
    const v = complete();
    v.milestones.splice(0, 0, { title: '', deliverables: '', dueDate: '', amount: '' });
    v.milestones[2]!.dueDate = '2026-06-30';
    const issues = submissionIssues(v, LEAD, context);
    expect(issues).toContainEqual({ field: 'milestones.2.dueDate', code: 'before_deadline', params: { deadline: '2026-06-30' } });
    expect(issues.every((i) => !i.field.startsWith('milestones.0'))).toBe(true);
  });

  it('reads one posted step over the saved draft', () => {
    const data = new FormData();
    data.set('team.0.name', 'A');
    data.set('team.0.role', 'lead');
    data.set('team.2.name', 'B');
    data.set('team.2.role', 'chemist');
    data.set('teamLead', '2');
    data.set('partners', PARTNER);
    const posted = stepValuesFromFormData(data, 2);
    expect(posted.team).toEqual([
      { name: 'A', role: 'lead', lead: false },
      { name: 'B', role: 'chemist', lead: true },
    ]);
    const merged = withStep(complete(), posted);
    expect(merged.requested).toBe('500,000.50');
    expect(merged.team).toHaveLength(2);
    expect(toPatch(merged, 2).patch).toEqual({
      team: [
        { name: 'A', role: 'lead', lead: false },
        { name: 'B', role: 'chemist', lead: true },
      ],
      partnerOrganizationIds: [PARTNER],
    });
  });

  it('applies the row buttons posted without JavaScript', () => {
    expect(parseRowOp('removeMilestone:1')).toEqual({ kind: 'removeMilestone', index: 1 });
    expect(parseRowOp('removeMember')).toBeNull();
    expect(parseRowOp('drop table')).toBeNull();
    const v = applyRowOp(applyRowOp(emptyValues(), { kind: 'addMember' }), { kind: 'addMilestone' });
    expect(v.team).toEqual([{ name: '', role: '', lead: true }]);
    expect(v.milestones).toHaveLength(1);
  });

  it('maps API fields to inputs and inputs to steps', () => {
    expect(formField('requestedFen')).toBe('requested');
    expect(formField('milestones.3.amountFen')).toBe('milestones.3.amount');
    expect(formField('partnerOrganizationIds.1')).toBe('partners');
    expect(['responses.0', 'team', 'partners', 'milestones.1.title', 'priorResults', 'leadOrganizationId'].map(stepOfField)).toEqual([1, 2, 2, 3, 4, 2]);
  });
});
