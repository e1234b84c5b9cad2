import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, DECISION_ISSUE_CODES, DECISION_LIMITS, decisionIssues, decisionMoves, type DecisionInput } from '../src/index';

const APPLICATIONS: DecisionInput['applications'] = [
  { id: 'a1', state: 'under_review', requestedFen: 200_000_000, reviewCount: 5 },
  { id: 'a2', state: 'under_review', requestedFen: 150_000_000, reviewCount: 5 },
  { id: 'a3', state: 'under_review', requestedFen: 300_000_000, reviewCount: 4 },
  { id: 'a4', state: 'ineligible', requestedFen: 100_000_000, reviewCount: 0 },
  { id: 'a5', state: 'withdrawn', requestedFen: 100_000_000, reviewCount: 0 },
];

const decision = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
  bountyFen: 300_000_000,
  maxWinners: 2,
  applications: APPLICATIONS,
  selections: [
    { applicationId: 'a1', awardFen: 180_000_000 },
    { applicationId: 'a2', awardFen: 120_000_000 },
  ],
  feedback: { a3: '技术路线与指标要求差距较大。' },
  ...overrides,
});

const codes = (input: DecisionInput) => decisionIssues(input).map((i) => `${i.field}:${i.code}`);

describe('the bureau’s decision (product.md step 7)', () => {
  it('a valid decision with two winners (赛马制) sharing the bounty', () => {
    expect(decisionIssues(decision())).toEqual([]);
    expect(decisionMoves(decision())).toEqual({ challengeAction: 'decide', selected: ['a1', 'a2'], notSelected: ['a3'] });
  });

  it('no more winners than maxWinners', () => {
    const three = decision({ maxWinners: 2, selections: [{ applicationId: 'a1', awardFen: 1 }, { applicationId: 'a2', awardFen: 1 }, { applicationId: 'a3', awardFen: 1 }], feedback: {} });
    expect(decisionIssues(three)).toEqual([{ field: 'selections', code: 'too_many_winners', params: { max: 2 } }]);
    expect(decisionIssues({ ...three, maxWinners: 3 })).toEqual([]);
  });

  it('only distinct applications under review can be selected', () => {
    const bad = decision({
      selections: [
        { applicationId: 'a1', awardFen: 1 },
        { applicationId: 'a1', awardFen: 1 },
        { applicationId: 'a4', awardFen: 1 },
        { applicationId: 'nope', awardFen: 1 },
      ],
      maxWinners: 4,
      feedback: { a2: 'x', a3: 'y' },
    });
    expect(codes(bad)).toEqual(['selections.1.applicationId:duplicate', 'selections.2.applicationId:not_under_review', 'selections.3.applicationId:unknown_application']);
    expect(decisionIssues(bad)[1]!.params).toEqual({ state: 'ineligible' });
  });

  it('a winner needs at least one finished review', () => {
    const unreviewed = APPLICATIONS.map((a) => (a.id === 'a2' ? { ...a, reviewCount: 0 } : a));
    expect(codes(decision({ applications: unreviewed }))).toEqual(['selections.1.applicationId:not_reviewed']);
    // Not selecting it is fine (with feedback).
    expect(codes(decision({ applications: unreviewed, selections: [{ applicationId: 'a1', awardFen: 1 }], feedback: { a2: 'x', a3: 'y' } }))).toEqual([]);
  });

  it('each award is positive whole fen, no more than that application requested', () => {
    const bad = decision({
      selections: [
        { applicationId: 'a1', awardFen: 200_000_001 },
        { applicationId: 'a2', awardFen: 0 },
      ],
    });
    expect(decisionIssues(bad)).toEqual([
      { field: 'selections.0.awardFen', code: 'award_exceeds_request', params: { requested: 200_000_000 } },
      { field: 'selections.1.awardFen', code: 'not_positive' },
    ]);
    expect(codes(decision({ selections: [{ applicationId: 'a1', awardFen: 1.5 }, { applicationId: 'a2', awardFen: null }] }))).toEqual([
      'selections.0.awardFen:invalid_amount', 'selections.1.awardFen:required',
    ]);
    expect(codes(decision({ selections: [{ applicationId: 'a1', awardFen: -1 }, { applicationId: 'a2', awardFen: 1 }] }))).toEqual(['selections.0.awardFen:invalid_amount']);
  });

  it('the awards together never exceed the bounty', () => {
    const over = decision({ selections: [{ applicationId: 'a1', awardFen: 180_000_000 }, { applicationId: 'a2', awardFen: 120_000_001 }] });
    expect(decisionIssues(over)).toEqual([{ field: 'selections', code: 'awards_exceed_bounty', params: { bounty: 300_000_000, total: 300_000_001 } }]);
    expect(() => decisionMoves(over)).toThrow(AppError);
  });

  it('every reviewed application not selected gets written feedback', () => {
    expect(codes(decision({ feedback: {} }))).toEqual(['feedback.a3:required']);
    expect(codes(decision({ feedback: { a3: '   ' } }))).toEqual(['feedback.a3:required']);
    expect(codes(decision({ feedback: { a3: 'x'.repeat(DECISION_LIMITS.feedback + 1) } }))).toEqual(['feedback.a3:maxLength']);
    // Feedback to a winner is allowed; feedback to an application that is not the challenge's is refused.
    expect(codes(decision({ feedback: { a3: 'x', a1: '祝贺' } }))).toEqual([]);
    expect(codes(decision({ feedback: { a3: 'x', zz: '?' } }))).toEqual(['feedback.zz:unknown_application']);
    // Applications out of review (ineligible, withdrawn) were answered before; they need none.
    expect(codes(decision({ feedback: { a3: 'x', a4: '不符合揭榜条件' } }))).toEqual([]);
  });

  it('a no-winner decision (流标) needs reasons and feedback for every reviewed application', () => {
    const none = decision({ selections: [], feedback: { a1: 'x', a2: 'y', a3: 'z' }, reasons: '所有方案均未达到核心指标要求。' });
    expect(decisionIssues(none)).toEqual([]);
    expect(decisionMoves(none)).toEqual({ challengeAction: 'decide_none', selected: [], notSelected: ['a1', 'a2', 'a3'] });
    expect(codes({ ...none, reasons: null, feedback: { a1: 'x' } })).toEqual(['feedback.a2:required', 'feedback.a3:required', 'reasons:required']);
    // No eligible application at all: the challenge fails with reasons and nobody to answer.
    expect(decisionMoves({ bountyFen: 1, maxWinners: 1, applications: [], selections: [], feedback: {}, reasons: '无符合条件的揭榜方。' }).challengeAction).toBe('decide_none');
  });

  it('reasons are optional with winners, but limited in length', () => {
    expect(codes(decision({ reasons: '综合评分前两名。' }))).toEqual([]);
    expect(codes(decision({ reasons: 'x'.repeat(DECISION_LIMITS.reasons + 1) }))).toEqual(['reasons:maxLength']);
  });

  // Random challenges: applications in any state a decision may be made in (none awaiting the
  // eligibility check), a selection among those under review with awards no more than requested,
  // shrunk to fit the bounty.
  const STATES = ['eligible', 'ineligible', 'under_review', 'withdrawn'] as const;
  const DECIDED_ON = (a: { state: string }) => a.state === 'eligible' || a.state === 'under_review';
  const scenario = fc
    .record({
      apps: fc.array(fc.record({ state: fc.constantFrom(...STATES), requestedFen: fc.integer({ min: 1, max: 1_000_000 }), reviewCount: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 8 }),
      picks: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      shares: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 8, maxLength: 8 }),
      bountyFen: fc.integer({ min: 1, max: 3_000_000 }),
      maxWinners: fc.integer({ min: 1, max: 10 }),
    })
    .map(({ apps, picks, shares, bountyFen, maxWinners }): DecisionInput => {
      const applications = apps.map((a, i) => ({ id: `a${i}`, ...a }));
      let left = bountyFen;
      const selections = applications
        .filter((a, i) => a.state === 'under_review' && a.reviewCount > 0 && picks[i])
        .slice(0, maxWinners)
        .map((a, i) => {
          const awardFen = Math.min(left, Math.max(1, Math.floor((a.requestedFen * shares[i]!) / 100)));
          left -= awardFen;
          return { applicationId: a.id, awardFen };
        })
        .filter((s) => s.awardFen > 0);
      const chosen = new Set(selections.map((s) => s.applicationId));
      const feedback = Object.fromEntries(applications.filter((a) => DECIDED_ON(a) && !chosen.has(a.id)).map((a) => [a.id, '未入选原因']));
      return { bountyFen, maxWinners, applications, selections, feedback, reasons: selections.length === 0 ? '流标原因' : null };
    });

  it('property: a decision built by the rules passes, and its moves cover every eligible application, reviewed or not, exactly once', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(decisionIssues(input)).toEqual([]);
        const moves = decisionMoves(input);
        const decidedOn = input.applications.filter(DECIDED_ON).map((a) => a.id);
        expect([...moves.selected, ...moves.notSelected].sort()).toEqual([...decidedOn].sort());
        expect(moves.challengeAction).toBe(moves.selected.length > 0 ? 'decide' : 'decide_none');
      }),
    );
  });

  it('property: while any application awaits its eligibility check, no decision is taken, and the count is given', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 3 }), (input, pending) => {
        const waiting = Array.from({ length: pending }, (_, i) => ({ id: `p${i}`, state: 'submitted' as const, requestedFen: 1, reviewCount: 0 }));
        const issues = decisionIssues({ ...input, applications: [...input.applications, ...waiting] });
        expect(issues).toEqual([{ field: 'applications', code: 'eligibility_pending', params: { count: pending } }]);
      }),
    );
  });

  it('property: raising the awards past the bounty is always refused, with the total', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 1000 }), (input, excess) => {
        fc.pre(input.selections.length > 0);
        const sum = input.selections.reduce((s, x) => s + x.awardFen!, 0);
        const issues = decisionIssues({ ...input, bountyFen: sum - 1 });
        expect(issues).toContainEqual({ field: 'selections', code: 'awards_exceed_bounty', params: { bounty: sum - 1, total: sum } });
        // An excess on one award that stays within that application's request is refused for the bounty only.
        const first = input.selections[0]!;
        const requested = input.applications.find((a) => a.id === first.applicationId)!.requestedFen;
        fc.pre(first.awardFen! + excess <= requested);
        const bumped = { ...input, bountyFen: sum, selections: input.selections.map((s, i) => (i === 0 ? { ...s, awardFen: s.awardFen! + excess } : s)) };
        expect(decisionIssues(bumped)).toEqual([{ field: 'selections', code: 'awards_exceed_bounty', params: { bounty: sum, total: sum + excess } }]);
      }),
    );
  });

  it('property: every code is a documented one', () => {
    const input = fc.record({
      bountyFen: fc.integer({ min: 0, max: 1000 }),
      maxWinners: fc.integer({ min: 1, max: 3 }),
      applications: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), state: fc.constantFrom('submitted', ...STATES), requestedFen: fc.integer({ min: 1, max: 500 }), reviewCount: fc.nat(2) }), { maxLength: 4 }),
      selections: fc.array(fc.record({ applicationId: fc.constantFrom('a', 'b', 'c', 'z'), awardFen: fc.option(fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double()), { nil: null }) }), { maxLength: 4 }),
      feedback: fc.dictionary(fc.constantFrom('a', 'b', 'z'), fc.option(fc.string({ maxLength: 3 }), { nil: null })),
      reasons: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
    });
    fc.assert(
      fc.property(input, (i) => {
        for (const issue of decisionIssues(i)) expect(DECISION_ISSUE_CODES).toContain(issue.code);
      }),
    );
  });
});
