import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ISSUE_CODES, APPLICATION_LIMITS, AppError, addDays, applicationDraftIssues, applicationLimitIssues,
  assertApplicationSubmittable, ownerConflict, type ApplicationContext, type ApplicationDraft, type MilestonePlanItem,
} from '../src/index';

const OWNER = 'org-owner';
const LEAD = 'org-lead';

// Deadline 30 June 2026 17:00 Beijing; 18 months → milestones due by 30 December 2027.
const CONTEXT: ApplicationContext = {
  indicatorCount: 2,
  bountyFen: 300_000_000,
  deadline: new Date('2026-06-30T09:00:00Z'),
  durationMonths: 18,
  ownerOrganizationId: OWNER,
  now: new Date('2026-03-01T02:00:00Z'),
};

const milestone = (dueDate: string, amountFen: number, title = '中期'): MilestonePlanItem => ({ title, deliverables: '中试样品与检测报告', dueDate, amountFen });

const complete = (overrides: Partial<ApplicationDraft> = {}): ApplicationDraft => ({
  responses: { 0: '真空感应熔炼+电渣重熔，控氧至 4 ppm', 1: '夹杂物分级按 GB/T 10561 评定' },
  team: [
    { name: '李明', role: '项目负责人', lead: true },
    { name: 'Anna Weber', role: 'Metallurgist', lead: false },
  ],
  leadOrganizationId: LEAD,
  partnerOrganizationIds: ['org-university'],
  priorResults: null,
  requestedFen: 200_000_000,
  // 30% / 40% / 30%.
  milestones: [milestone('2026-09-30', 60_000_000, '签约'), milestone('2027-03-31', 80_000_000), milestone('2027-12-30', 60_000_000, '验收')],
  ...overrides,
});

const issues = (draft: ApplicationDraft, context: Partial<ApplicationContext> = {}) =>
  applicationDraftIssues(draft, { ...CONTEXT, ...context }).map((i) => `${i.field}:${i.code}`);

describe('application draft rules (product.md step 5)', () => {
  it('a complete application passes', () => {
    expect(issues(complete())).toEqual([]);
    expect(() => assertApplicationSubmittable(complete(), CONTEXT)).not.toThrow();
  });

  it('reports every problem of an empty draft at once', () => {
    const empty: ApplicationDraft = { responses: {}, team: [], leadOrganizationId: null, partnerOrganizationIds: [], priorResults: null, requestedFen: null, milestones: [] };
    expect(issues(empty)).toEqual([
      'responses.0:required', 'responses.1:required', 'team:team_member_required', 'leadOrganizationId:required', 'requestedFen:required', 'milestones:milestone_required',
    ]);
    try {
      assertApplicationSubmittable(empty, CONTEXT);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).fieldErrors).toHaveLength(6);
    }
  });

  it('every indicator is answered, and only the indicators the challenge has', () => {
    expect(issues(complete({ responses: { 0: 'x', 1: '   ' } }))).toEqual(['responses.1:required']);
    expect(issues(complete({ responses: { 0: 'x', 1: 'y', 2: 'z' } }))).toEqual(['responses.2:unknown_indicator']);
    const odd = { 0: 'x', 1: 'y', '-1': 'z', '01': 'w', a: 'v' } as unknown as ApplicationDraft['responses'];
    expect(issues(complete({ responses: odd }))).toEqual(['responses.-1:unknown_indicator', 'responses.01:unknown_indicator', 'responses.a:unknown_indicator']);
    expect(issues(complete({ responses: { 0: 'x', 1: '长'.repeat(APPLICATION_LIMITS.indicatorResponse + 1) } }))).toEqual(['responses.1:maxLength']);
    expect(issues(complete({ responses: { 0: 'x', 1: '长'.repeat(APPLICATION_LIMITS.indicatorResponse) } }))).toEqual([]);
  });

  it('lengths count characters, not UTF-16 units', () => {
    // '𠀀' is one character but two UTF-16 units.
    const name = '𠀀'.repeat(APPLICATION_LIMITS.memberName);
    expect(name.length).toBe(2 * APPLICATION_LIMITS.memberName);
    expect(issues(complete({ team: [{ name, role: '负责人', lead: true }] }))).toEqual([]);
  });

  it('the team has members with names and roles, exactly one of them the lead', () => {
    expect(issues(complete({ team: [{ name: '李明', role: '工程师', lead: false }] }))).toEqual(['team:team_lead_required']);
    expect(issues(complete({ team: [{ name: '李明', role: 'a', lead: true }, { name: '王芳', role: 'b', lead: true }] }))).toEqual(['team:team_lead_multiple']);
    expect(issues(complete({ team: [{ name: ' ', role: null, lead: true }] }))).toEqual(['team.0.name:required', 'team.0.role:required']);
    const many = Array.from({ length: APPLICATION_LIMITS.teamMembers + 1 }, (_, i) => ({ name: `m${i}`, role: 'r', lead: i === 0 }));
    expect(issues(complete({ team: many }))).toEqual(['team:maxItems']);
  });

  it('partners are distinct, none the lead, none the owner; the lead is not the owner', () => {
    expect(issues(complete({ partnerOrganizationIds: ['p1', 'p2', 'p1', LEAD, OWNER, ''] }))).toEqual([
      'partnerOrganizationIds.2:duplicate', 'partnerOrganizationIds.3:partner_is_lead', 'partnerOrganizationIds.4:own_challenge', 'partnerOrganizationIds.5:required',
    ]);
    expect(issues(complete({ leadOrganizationId: OWNER, partnerOrganizationIds: [] }))).toEqual(['leadOrganizationId:own_challenge']);
    const many = Array.from({ length: APPLICATION_LIMITS.partners + 1 }, (_, i) => `p${i}`);
    expect(issues(complete({ partnerOrganizationIds: many }))).toEqual(['partnerOrganizationIds:maxItems']);
  });

  it('ownerConflict: an organisation or any partner may not apply to its own challenge', () => {
    expect(ownerConflict(OWNER, OWNER, [])).toBe('applicant_is_owner');
    expect(ownerConflict(OWNER, LEAD, ['x', OWNER])).toBe('partner_is_owner');
    expect(ownerConflict(OWNER, OWNER, [OWNER])).toBe('applicant_is_owner');
    expect(ownerConflict(OWNER, LEAD, ['x', 'y'])).toBeNull();
    expect(ownerConflict(OWNER, null, [])).toBeNull();
  });

  it('the requested amount is positive whole fen, not above the bounty', () => {
    // The milestone sum is not compared with an invalid request (it would only repeat the problem).
    expect(issues(complete({ requestedFen: 0 }))).toEqual(['requestedFen:not_positive']);
    expect(issues(complete({ requestedFen: 1.5 }))).toEqual(['requestedFen:invalid_amount']);
    expect(issues(complete({ requestedFen: -100 }))).toEqual(['requestedFen:invalid_amount']);
    const over = applicationDraftIssues(complete(), { ...CONTEXT, bountyFen: 199_999_999 });
    expect(over).toEqual([{ field: 'requestedFen', code: 'exceeds_bounty', params: { bounty: 199_999_999 } }]);
    expect(issues(complete(), { bountyFen: 200_000_000 })).toEqual([]);
  });

  it('milestone amounts add up exactly to the requested amount', () => {
    const draft = complete({ requestedFen: 200_000_001 });
    expect(applicationDraftIssues(draft, CONTEXT)).toEqual([
      { field: 'milestones', code: 'milestones_sum_mismatch', params: { expected: 200_000_001, actual: 200_000_000 } },
    ]);
    const zero = complete({ milestones: [milestone('2026-09-30', 0), milestone('2027-03-31', 200_000_000)] });
    expect(issues(zero)).toEqual(['milestones.0.amountFen:not_positive']);
    const missing = complete({ milestones: [{ ...milestone('2026-09-30', 0), amountFen: null }, milestone('2027-03-31', 0.5)] });
    expect(issues(missing)).toEqual(['milestones.0.amountFen:required', 'milestones.1.amountFen:invalid_amount']);
  });

  it('milestones need a title and deliverables', () => {
    const m = { ...milestone('2027-12-30', 200_000_000), title: '', deliverables: null };
    expect(issues(complete({ milestones: [m] }))).toEqual(['milestones.0.title:required', 'milestones.0.deliverables:required']);
    const many = Array.from({ length: APPLICATION_LIMITS.milestones + 1 }, (_, i) => milestone(addDays('2026-07-01', i + 1), 1));
    expect(issues(complete({ milestones: many, requestedFen: many.length }))).toEqual(['milestones:maxItems']);
  });

  it('due dates: after today and the deadline, strictly increasing, within deadline + duration', () => {
    const plan = (...dates: string[]) => complete({ requestedFen: dates.length, milestones: dates.map((d) => milestone(d, 1)) });
    expect(issues(plan('2027-12-30'))).toEqual([]);
    expect(issues(plan('2027-12-31'))).toEqual(['milestones.0.dueDate:after_project_end']);
    expect(applicationDraftIssues(plan('2027-12-31'), CONTEXT)[0]!.params).toEqual({ latest: '2027-12-30' });
    // Today in Beijing (1 March) is not in the future; the deadline's date (30 June) is still before the award.
    expect(issues(plan('2026-03-01'))).toEqual(['milestones.0.dueDate:not_future']);
    expect(issues(plan('2026-06-30'))).toEqual(['milestones.0.dueDate:before_deadline']);
    expect(issues(plan('2026-07-01'))).toEqual([]);
    expect(issues(plan('2026-09-30', '2026-09-30'))).toEqual(['milestones.1.dueDate:not_increasing']);
    expect(issues(plan('2026-10-30', '2026-09-30', '2026-11-30'))).toEqual(['milestones.1.dueDate:not_increasing']);
    expect(issues(plan('2026-09-31', ''))).toEqual(['milestones.0.dueDate:invalid_date', 'milestones.1.dueDate:required']);
  });

  it('today is the Beijing date of now', () => {
    // 1 March 2026 16:30 UTC is 2 March in Beijing: a milestone due on 2 March is not in the future.
    const draft = complete({ requestedFen: 1, milestones: [milestone('2026-03-02', 1)] });
    expect(issues(draft, { now: new Date('2026-03-01T15:59:00Z'), deadline: new Date('2026-02-28T00:00:00Z') })).toEqual([]);
    expect(issues(draft, { now: new Date('2026-03-01T16:30:00Z'), deadline: new Date('2026-02-28T00:00:00Z') })).toEqual(['milestones.0.dueDate:not_future']);
  });

  it('the latest due date clamps to the end of a shorter month', () => {
    // Deadline 31 August 2026 (Beijing) + 6 months = 28 February 2027.
    const context = { deadline: new Date('2026-08-31T09:00:00Z'), durationMonths: 6 };
    const draft = (d: string) => complete({ requestedFen: 1, milestones: [milestone(d, 1)] });
    expect(issues(draft('2027-02-28'), context)).toEqual([]);
    expect(issues(draft('2027-03-01'), context)).toEqual(['milestones.0.dueDate:after_project_end']);
  });

  it('saving a draft checks limits only', () => {
    const half: ApplicationDraft = {
      responses: { 0: 'x'.repeat(APPLICATION_LIMITS.indicatorResponse + 1) }, team: [], leadOrganizationId: null, partnerOrganizationIds: [],
      priorResults: 'p'.repeat(APPLICATION_LIMITS.priorResults + 1), requestedFen: null, milestones: [{ title: null, deliverables: null, dueDate: null, amountFen: null }],
    };
    expect(applicationLimitIssues(half).map((i) => `${i.field}:${i.code}`)).toEqual(['responses.0:maxLength', 'priorResults:maxLength']);
    expect(applicationLimitIssues(complete())).toEqual([]);
  });

  // A valid plan: requested split into 1–12 positive parts, due on increasing dates within the term.
  const validPlan = fc
    .record({
      parts: fc.array(fc.integer({ min: 1, max: 30_000_000 }), { minLength: 1, maxLength: APPLICATION_LIMITS.milestones }),
      gaps: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: APPLICATION_LIMITS.milestones, maxLength: APPLICATION_LIMITS.milestones }),
    })
    .map(({ parts, gaps }) => {
      let due = '2026-06-30';
      const milestones = parts.map((amountFen, i) => {
        due = addDays(due, gaps[i]!);
        return milestone(due, amountFen);
      });
      return complete({ requestedFen: parts.reduce((a, b) => a + b, 0), milestones });
    });

  it('property: any valid split of the request passes; moving one amount by d reports the mismatch with actual = expected + d', () => {
    fc.assert(
      fc.property(validPlan, fc.nat(), fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0), (draft, pick, d) => {
        expect(issues(draft)).toEqual([]);
        const i = pick % draft.milestones.length;
        const m = draft.milestones[i]!;
        fc.pre(m.amountFen! + d > 0);
        const moved = { ...draft, milestones: draft.milestones.map((x, j) => (j === i ? { ...x, amountFen: x.amountFen! + d } : x)) };
        expect(applicationDraftIssues(moved, CONTEXT)).toEqual([
          { field: 'milestones', code: 'milestones_sum_mismatch', params: { expected: draft.requestedFen!, actual: draft.requestedFen! + d } },
        ]);
      }),
    );
  });

  it('property: swapping two distinct due dates breaks the order', () => {
    fc.assert(
      fc.property(validPlan.filter((d) => d.milestones.length >= 2), fc.nat(), (draft, pick) => {
        const i = pick % (draft.milestones.length - 1);
        const ms = [...draft.milestones];
        [ms[i], ms[i + 1]] = [{ ...ms[i]!, dueDate: ms[i + 1]!.dueDate }, { ...ms[i + 1]!, dueDate: ms[i]!.dueDate }];
        expect(issues({ ...draft, milestones: ms })).toContain(`milestones.${i + 1}.dueDate:not_increasing`);
      }),
    );
  });

  const text = fc.option(fc.oneof(fc.string({ maxLength: 5 }), fc.constant(' '), fc.constant('x'.repeat(250))), { nil: null });
  const anyDraft: fc.Arbitrary<ApplicationDraft> = fc.record({
    responses: fc.dictionary(fc.oneof(fc.constantFrom('0', '1', '2', '-1', 'a'), fc.nat(5).map(String)), text),
    team: fc.array(fc.record({ name: text, role: text, lead: fc.boolean() }), { maxLength: 4 }),
    leadOrganizationId: fc.option(fc.constantFrom(LEAD, OWNER, '', 'p1'), { nil: null }),
    partnerOrganizationIds: fc.array(fc.constantFrom(LEAD, OWNER, '', 'p1', 'p2'), { maxLength: 5 }),
    priorResults: text,
    requestedFen: fc.option(fc.oneof(fc.integer({ min: -5, max: 400_000_000 }), fc.double()), { nil: null }),
    milestones: fc.array(
      fc.record({
        title: text,
        deliverables: text,
        dueDate: fc.option(fc.oneof(fc.integer({ min: -200, max: 900 }).map((n) => addDays('2026-03-01', n)), fc.constantFrom('2026-02-30', 'soon', '')), { nil: null }),
        amountFen: fc.option(fc.oneof(fc.integer({ min: -5, max: 100_000_000 }), fc.double()), { nil: null }),
      }),
      { maxLength: 14 },
    ),
  });

  it('property: every code is a documented one, and every limit of a saved draft is also a submission issue', () => {
    fc.assert(
      fc.property(anyDraft, (draft) => {
        const all = applicationDraftIssues(draft, CONTEXT);
        for (const issue of all) expect(APPLICATION_ISSUE_CODES).toContain(issue.code);
        const keys = new Set(all.map((i) => `${i.field}:${i.code}`));
        for (const limit of applicationLimitIssues(draft)) {
          // A too-long answer to an indicator the challenge does not have is reported as unknown instead.
          if (limit.field.startsWith('responses.') && !keys.has(`${limit.field}:maxLength`)) expect(keys.has(`${limit.field}:unknown_indicator`)).toBe(true);
          else expect(keys.has(`${limit.field}:${limit.code}`)).toBe(true);
        }
      }),
    );
  });
});
