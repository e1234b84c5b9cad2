import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AppError, ACCOUNT_KINDS, EMPTY_LEDGER, MAX_AMOUNT_FEN, WORLD, accountKey, applyTransfer, balanceDifferences, balanceOf, brokenRules,
  budgetSetTransfer, commitTransfer, confirmTransfer, disburseTransfer, duplicatePaymentReferences, enterpriseCommitted, finalizeTransfer,
  fundAvailable, fundReserved, ledgerIssues, mayGoNegative, paidOut, parseAccountKey, postTransfer, projectFunds, recomputeBalances,
  releaseDisbursed, releasePayable, releasesPaidTwice, releaseTransfer, reserveTransfer, returnUnspentTransfer, reverseDisbursementTransfer, sameTransfer,
  splitAwardByMilestone, totalFen, transferIssues,
  type Account, type Balances, type Ledger, type ReleaseRef, type ReleaseState, type Transfer,
} from '../src/index';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, params: e.params, fields: e.fieldErrors.map((i) => `${i.field}:${i.code}`) };
    throw e;
  }
  return null;
};
const codeOf = (f: () => unknown) => refusal(f)?.code ?? null;

/** Posts each transfer in turn, skipping the nulls of builders that had nothing to move. */
const post = (ledger: Ledger, ...transfers: (Transfer | null)[]) => transfers.reduce((l, t) => (t ? postTransfer(l, t) : l), ledger);

/** The non-zero balances as a table, one account a line: how the money stories below read. */
const table = (balances: Balances) =>
  Object.entries(balances).filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k.padEnd(40)} ${String(v).padStart(12)}`).join('\n');

const Y = 2025;
const C = { challengeId: 'c1', fiscalYear: Y };
const WAN = 1_000_000; // ¥10,000 in fen

const ACCOUNTS: Account[] = [
  { kind: 'world' },
  { kind: 'fund_available', fiscalYear: 2025 },
  { kind: 'fund_reserved', fiscalYear: 2025, challengeId: 'c1' },
  { kind: 'enterprise_committed', challengeId: 'c1' },
  { kind: 'project_funds', projectId: 'p1', source: 'special_fund' },
  { kind: 'release_payable', releaseId: 'r1' },
  { kind: 'release_disbursed', releaseId: 'r1' },
  { kind: 'paid_out', projectId: 'p1', source: 'enterprise' },
];

describe('accounts', () => {
  it('each account has a stable key made of its kind and owners, read back by parseAccountKey', () => {
    const accounts = ACCOUNTS;
    expect(accounts.map(accountKey)).toEqual([
      'world', 'fund_available:2025', 'fund_reserved:2025:c1', 'enterprise_committed:c1', 'project_funds:p1:special_fund',
      'release_payable:r1', 'release_disbursed:r1', 'paid_out:p1:enterprise',
    ]);
    expect(accounts.map((a) => parseAccountKey(accountKey(a)))).toEqual(accounts);
    expect(accounts.map((a) => a.kind)).toEqual([...ACCOUNT_KINDS]);
  });

  it('round-trips any owner id without the separator', () => {
    const id = fc.string({ minLength: 1 }).filter((s) => !s.includes(':'));
    const account: fc.Arbitrary<Account> = fc.oneof(
      fc.record({ kind: fc.constant('fund_reserved' as const), fiscalYear: fc.integer({ min: 2000, max: 9999 }), challengeId: id }),
      fc.record({ kind: fc.constant('paid_out' as const), projectId: id, source: fc.constantFrom('enterprise' as const, 'special_fund' as const) }),
      fc.record({ kind: fc.constant('release_payable' as const), releaseId: id }),
    );
    fc.assert(fc.property(account, (a) => {
      expect(parseAccountKey(accountKey(a))).toEqual(a);
    }));
  });

  it('only the outside world may go negative', () => {
    expect(ACCOUNTS.filter(mayGoNegative).map((a) => a.kind)).toEqual(['world']);
  });

  it('refuses ids that would make keys ambiguous, and reads no key that no account has', () => {
    expect(() => fundReserved(2025, 'a:b')).toThrow(RangeError);
    expect(() => releasePayable('')).toThrow(RangeError);
    expect(() => fundAvailable(25)).toThrow(RangeError);
    expect(() => fundAvailable(2025.5)).toThrow(RangeError);
    for (const key of ['', 'world:x', 'fund_available:25', 'fund_available:2025:x', 'project_funds:p1:bank', 'release_payable:', 'bank:1']) {
      expect(parseAccountKey(key)).toBeNull();
    }
  });
});

const transfer = (entries: [string, number][], over: Partial<Transfer> = {}): Transfer => ({
  id: 't1', kind: 'budget_set', cause: { type: 'fiscal_year', id: '2025' }, entries: entries.map(([account, amountFen]) => ({ account, amountFen })), ...over,
});

describe('transfers as data', () => {
  it('a well-formed transfer has an id, a known kind, known accounts and non-zero whole fen adding up to zero', () => {
    expect(transferIssues(transfer([[WORLD, -5], [fundAvailable(Y), 5]]))).toEqual([]);
    expect(transferIssues(transfer([[WORLD, -5], [fundAvailable(Y), 4]]))).toEqual(['unbalanced']);
    expect(transferIssues(transfer([[WORLD, -0.5], [fundAvailable(Y), 0.5]]))).toEqual(['invalid_amount']);
    expect(transferIssues(transfer([[WORLD, -(MAX_AMOUNT_FEN + 1)], [fundAvailable(Y), MAX_AMOUNT_FEN + 1]]))).toEqual(['invalid_amount']);
    expect(transferIssues(transfer([[WORLD, 0], [fundAvailable(Y), 0]]))).toEqual(['zero_amount']);
    expect(transferIssues(transfer([['bank', -5], [fundAvailable(Y), 5]]))).toEqual(['unknown_account']);
    expect(transferIssues(transfer([], { id: '', kind: 'gift' as Transfer['kind'] }))).toEqual(['missing_id', 'unknown_kind', 'no_entries']);
  });

  it('sameTransfer compares what moves, not how the entries were listed', () => {
    const a = transfer([[WORLD, -5], [fundAvailable(Y), 5]]);
    expect(sameTransfer(a, transfer([[fundAvailable(Y), 5], [WORLD, -5]]))).toBe(true);
    expect(sameTransfer(a, transfer([[WORLD, -6], [fundAvailable(Y), 6]]))).toBe(false);
    expect(sameTransfer(a, { ...a, kind: 'reserve' })).toBe(false);
    expect(sameTransfer(a, { ...a, cause: { type: 'fiscal_year', id: '2026' } })).toBe(false);
    expect(sameTransfer(a, { ...a, paymentReference: 'P-1' })).toBe(false);
  });
});

describe('applyTransfer and postTransfer', () => {
  const budget = transfer([[WORLD, -100], [fundAvailable(Y), 100]]);

  it('adds the entries to the balances and leaves the given balances alone', () => {
    const before: Balances = {};
    const after = applyTransfer(before, budget);
    expect(after).toEqual({ [WORLD]: -100, [fundAvailable(Y)]: 100 });
    expect(before).toEqual({});
  });

  it('refuses to take any account but the world below zero, naming it', () => {
    const overdraw = transfer([[fundAvailable(Y), -101], [fundReserved(Y, 'c1'), 101]], { id: 't2', kind: 'reserve' });
    expect(refusal(() => applyTransfer(applyTransfer({}, budget), overdraw))).toEqual({
      code: 'insufficient_funds', params: { account: fundAvailable(Y), balanceFen: 100, neededFen: 101 }, fields: [],
    });
  });

  it('refuses a malformed transfer with transfer_invalid', () => {
    expect(refusal(() => applyTransfer({}, transfer([[WORLD, -5], [fundAvailable(Y), 4]])))).toMatchObject({ code: 'transfer_invalid', params: { transferId: 't1', issues: 'unbalanced' } });
  });

  it('a repeat of the same transfer changes nothing; the same id for another movement is refused', () => {
    const once = postTransfer(EMPTY_LEDGER, budget);
    expect(postTransfer(once, { ...budget, entries: [...budget.entries].reverse() })).toBe(once);
    expect(codeOf(() => postTransfer(once, transfer([[WORLD, -1], [fundAvailable(Y), 1]])))).toBe('transfer_id_reused');
    expect(once.balances[fundAvailable(Y)]).toBe(100);
  });
});

describe('budget_set (finance sets a year’s special fund)', () => {
  const input = (budgetFen: number, previousBudgetFen: number) => ({ id: 'b', fiscalYear: Y, budgetFen, previousBudgetFen });

  it('brings a new budget in from the outside world', () => {
    expect(budgetSetTransfer(input(500 * WAN, 0), {})).toEqual({
      id: 'b', kind: 'budget_set', cause: { type: 'fiscal_year', id: '2025' },
      entries: [{ account: fundAvailable(Y), amountFen: 500 * WAN }, { account: WORLD, amountFen: -500 * WAN }],
    });
  });

  it('moves only the difference when the budget changes, and nothing when it does not', () => {
    const balances = { [fundAvailable(Y)]: 300 * WAN };
    expect(budgetSetTransfer(input(600 * WAN, 500 * WAN), balances)?.entries).toContainEqual({ account: fundAvailable(Y), amountFen: 100 * WAN });
    expect(budgetSetTransfer(input(200 * WAN, 500 * WAN), balances)?.entries).toContainEqual({ account: fundAvailable(Y), amountFen: -300 * WAN });
    expect(budgetSetTransfer(input(500 * WAN, 500 * WAN), balances)).toBeNull();
  });

  it('refuses to lower the budget below what is reserved', () => {
    expect(refusal(() => budgetSetTransfer(input(199 * WAN, 500 * WAN), { [fundAvailable(Y)]: 300 * WAN }))).toEqual({
      code: 'insufficient_budget', params: { fiscalYear: Y, availableFen: 300 * WAN, neededFen: 301 * WAN }, fields: [],
    });
  });

  it('refuses amounts that are not whole fen', () => {
    expect(refusal(() => budgetSetTransfer(input(1.5, 0), {}))?.fields).toEqual(['budgetFen:invalid_amount']);
    expect(refusal(() => budgetSetTransfer(input(1, -1), {}))?.fields).toEqual(['previousBudgetFen:invalid_amount']);
  });
});

describe('reserve and commit (the bureau approves a challenge)', () => {
  it('reserves the special-fund match against the year’s remainder', () => {
    const t = reserveOk();
    expect(t.kind).toBe('reserve');
    expect(t.cause).toEqual({ type: 'challenge', id: 'c1' });
    expect(applyTransfer({ [fundAvailable(Y)]: 100 * WAN }, t)).toEqual({ [fundAvailable(Y)]: 40 * WAN, [fundReserved(Y, 'c1')]: 60 * WAN });
  });
  function reserveOk() {
    return reserveTransfer({ id: 'r', challenge: C, specialFundFen: 60 * WAN }, { [fundAvailable(Y)]: 100 * WAN })!;
  }

  it('refuses when the year’s remainder is short, and reserves nothing for a match of 0', () => {
    expect(refusal(() => reserveTransfer({ id: 'r', challenge: C, specialFundFen: 60 * WAN }, { [fundAvailable(Y)]: 60 * WAN - 1 }))).toEqual({
      code: 'insufficient_budget', params: { fiscalYear: Y, availableFen: 60 * WAN - 1, neededFen: 60 * WAN }, fields: [],
    });
    expect(codeOf(() => reserveTransfer({ id: 'r', challenge: { challengeId: 'c1', fiscalYear: 2026 }, specialFundFen: 1 }, { [fundAvailable(Y)]: 60 * WAN }))).toBe('insufficient_budget');
    expect(reserveTransfer({ id: 'r', challenge: C, specialFundFen: 0 }, {})).toBeNull();
    expect(refusal(() => reserveTransfer({ id: 'r', challenge: C, specialFundFen: -1 }, {}))?.fields).toEqual(['specialFundFen:invalid_amount']);
  });

  it('records the enterprise share as committed from the outside world', () => {
    expect(commitTransfer({ id: 'e', challengeId: 'c1', enterpriseShareFen: 50 * WAN })?.entries).toEqual([
      { account: enterpriseCommitted('c1'), amountFen: 50 * WAN }, { account: WORLD, amountFen: -50 * WAN },
    ]);
    expect(commitTransfer({ id: 'e', challengeId: 'c1', enterpriseShareFen: 0 })).toBeNull();
    expect(refusal(() => commitTransfer({ id: 'e', challengeId: 'c1', enterpriseShareFen: 0.1 }))?.fields).toEqual(['enterpriseShareFen:invalid_amount']);
  });
});

/** A challenge approved with ¥600,000 from the fund and ¥500,000 from the enterprise, out of a ¥5,000,000 budget. */
const approved = () =>
  post(
    EMPTY_LEDGER,
    budgetSetTransfer({ id: 'budget', fiscalYear: Y, budgetFen: 500 * WAN, previousBudgetFen: 0 }, {}),
    reserveTransfer({ id: 'reserve', challenge: C, specialFundFen: 60 * WAN }, { [fundAvailable(Y)]: 500 * WAN }),
    commitTransfer({ id: 'commit', challengeId: 'c1', enterpriseShareFen: 50 * WAN }),
  );

describe('finalize (awards move into projects by source)', () => {
  it('splits each milestone by source so both sources add up exactly to the award (30/40/30)', () => {
    const shares = splitAwardByMilestone({ enterpriseShareFen: 33_333_333, specialFundFen: 66_666_667 }, [30, 40, 30]);
    expect(shares).toEqual([
      { amountFen: 30_000_000, enterpriseShareFen: 10_000_000, specialFundFen: 20_000_000 },
      { amountFen: 40_000_000, enterpriseShareFen: 13_333_333, specialFundFen: 26_666_667 },
      { amountFen: 30_000_000, enterpriseShareFen: 10_000_000, specialFundFen: 20_000_000 },
    ]);
  });

  it('splitAwardByMilestone: every milestone adds up, every source adds up, no part negative', () => {
    const fen = fc.integer({ min: 0, max: MAX_AMOUNT_FEN / 2 });
    fc.assert(
      fc.property(fen, fen, fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 8 }), (e, s, plan) => {
        fc.pre(e + s > 0 && plan.some((w) => w > 0));
        const shares = splitAwardByMilestone({ enterpriseShareFen: e, specialFundFen: s }, plan);
        expect(shares).toHaveLength(plan.length);
        for (const m of shares) {
          expect(m.enterpriseShareFen + m.specialFundFen).toBe(m.amountFen);
          expect(m.enterpriseShareFen).toBeGreaterThanOrEqual(0);
          expect(m.specialFundFen).toBeGreaterThanOrEqual(0);
        }
        expect(shares.reduce((a, m) => a + m.enterpriseShareFen, 0)).toBe(e);
        expect(shares.reduce((a, m) => a + m.specialFundFen, 0)).toBe(s);
        plan.forEach((w, i) => w === 0 && expect(shares[i]!.amountFen).toBe(0));
      }),
    );
  });

  const awards = [
    { projectId: 'p1', enterpriseShareFen: 30 * WAN, specialFundFen: 36 * WAN },
    { projectId: 'p2', enterpriseShareFen: 15 * WAN, specialFundFen: 18 * WAN },
  ];

  it('moves each award from the reservation and the commitment into its project; the rest stays reserved', () => {
    const ledger = post(approved(), finalizeTransfer({ id: 'fin', challenge: C, awards }, approved().balances));
    expect(table(ledger.balances)).toBe([
      `${enterpriseCommitted('c1').padEnd(40)} ${String(5 * WAN).padStart(12)}`,
      `${fundAvailable(Y).padEnd(40)} ${String(440 * WAN).padStart(12)}`,
      `${fundReserved(Y, 'c1').padEnd(40)} ${String(6 * WAN).padStart(12)}`,
      `${projectFunds('p1', 'enterprise').padEnd(40)} ${String(30 * WAN).padStart(12)}`,
      `${projectFunds('p1', 'special_fund').padEnd(40)} ${String(36 * WAN).padStart(12)}`,
      `${projectFunds('p2', 'enterprise').padEnd(40)} ${String(15 * WAN).padStart(12)}`,
      `${projectFunds('p2', 'special_fund').padEnd(40)} ${String(18 * WAN).padStart(12)}`,
      `${'world'.padEnd(40)} ${String(-550 * WAN).padStart(12)}`,
    ].join('\n'));
    expect(ledger.transfers.get('fin')?.cause).toEqual({ type: 'challenge', id: 'c1' });
  });

  it('refuses awards beyond the bounty, naming the challenge account that is short', () => {
    const { balances } = approved();
    expect(refusal(() => finalizeTransfer({ id: 'fin', challenge: C, awards: [{ projectId: 'p1', enterpriseShareFen: 0, specialFundFen: 60 * WAN + 1 }] }, balances))).toEqual({
      code: 'insufficient_funds', params: { account: fundReserved(Y, 'c1'), balanceFen: 60 * WAN, neededFen: 60 * WAN + 1 }, fields: [],
    });
    expect(refusal(() => finalizeTransfer({ id: 'fin', challenge: C, awards: [...awards, { projectId: 'p3', enterpriseShareFen: 5 * WAN + 1, specialFundFen: 0 }] }, balances))?.params).toEqual({
      account: enterpriseCommitted('c1'), balanceFen: 50 * WAN, neededFen: 50 * WAN + 1,
    });
  });

  it('refuses no awards, a project twice, a zero award and amounts that are not whole fen', () => {
    const { balances } = approved();
    const fields = (a: typeof awards) => refusal(() => finalizeTransfer({ id: 'fin', challenge: C, awards: a }, balances))?.fields;
    expect(fields([])).toEqual(['awards:required']);
    expect(fields([awards[0]!, awards[0]!])).toEqual(['awards.1.projectId:duplicate']);
    expect(fields([{ projectId: 'p1', enterpriseShareFen: 0, specialFundFen: 0 }])).toEqual(['awards.0:not_positive']);
    expect(fields([{ projectId: 'p1', enterpriseShareFen: -1, specialFundFen: 0.5 }])).toEqual(['awards.0.enterpriseShareFen:invalid_amount', 'awards.0.specialFundFen:invalid_amount']);
  });
});

/** Approved, finalized into p1 (¥300,000 enterprise + ¥360,000 fund, milestones 30/40/30), signed. */
const finalized = () => {
  const l = approved();
  return post(l, finalizeTransfer({ id: 'fin', challenge: C, awards: [{ projectId: 'p1', enterpriseShareFen: 30 * WAN, specialFundFen: 36 * WAN }] }, l.balances));
};
const M1 = splitAwardByMilestone({ enterpriseShareFen: 30 * WAN, specialFundFen: 36 * WAN }, [30, 40, 30])[0]!;
const E1: ReleaseRef = { releaseId: 'm1-e', projectId: 'p1', source: 'enterprise' };
const S1: ReleaseRef = { releaseId: 'm1-s', projectId: 'p1', source: 'special_fund' };
const verifyM1 = (l: Ledger) =>
  releaseTransfer({ id: 'verify-m1', milestoneId: 'm1', projectId: 'p1', releases: [{ ...E1, amountFen: M1.enterpriseShareFen }, { ...S1, amountFen: M1.specialFundFen }] }, l.balances);

describe('release (a verified milestone)', () => {
  it('moves each source’s part of the milestone from the project to a release payable to the solver', () => {
    const l = post(finalized(), verifyM1(finalized()));
    expect(l.transfers.get('verify-m1')?.cause).toEqual({ type: 'milestone', id: 'm1' });
    expect(balanceOf(l.balances, releasePayable('m1-e'))).toBe(9 * WAN);
    expect(balanceOf(l.balances, releasePayable('m1-s'))).toBe(10_800_000);
    expect(balanceOf(l.balances, projectFunds('p1', 'enterprise'))).toBe(21 * WAN);
    expect(balanceOf(l.balances, projectFunds('p1', 'special_fund'))).toBe(25_200_000);
  });

  it('refuses a release beyond what is left of the award', () => {
    const { balances } = finalized();
    expect(refusal(() => releaseTransfer({ id: 'v', milestoneId: 'm1', projectId: 'p1', releases: [{ ...S1, amountFen: 36 * WAN + 1 }] }, balances))).toEqual({
      code: 'insufficient_funds', params: { account: projectFunds('p1', 'special_fund'), balanceFen: 36 * WAN, neededFen: 36 * WAN + 1 }, fields: [],
    });
  });

  it('refuses a source twice or an amount that is not whole fen; a milestone worth nothing releases nothing', () => {
    const { balances } = finalized();
    expect(refusal(() => releaseTransfer({ id: 'v', milestoneId: 'm1', projectId: 'p1', releases: [{ ...S1, amountFen: 1 }, { ...S1, releaseId: 'x', amountFen: 1.5 }] }, balances))?.fields)
      .toEqual(['releases.1.source:duplicate', 'releases.1.amountFen:invalid_amount']);
    expect(releaseTransfer({ id: 'v', milestoneId: 'm1', projectId: 'p1', releases: [{ ...S1, amountFen: 0 }] }, balances)).toBeNull();
  });
});

describe('disburse, confirm and reverse (paying a release)', () => {
  const released = () => post(finalized(), verifyM1(finalized()));
  const disburse = (l: Ledger, release: ReleaseRef, enterpriseState: ReleaseState | null, paymentReference?: string) =>
    disburseTransfer({ id: `pay-${release.releaseId}`, release, paymentReference, enterpriseRelease: enterpriseState ? { state: enterpriseState } : null }, l.balances);

  it('public money follows private money: the fund pays only after the enterprise share is confirmed', () => {
    let l = released();
    for (const state of ['pending', 'disbursed', 'disputed'] as const) {
      expect(refusal(() => disburse(l, S1, state, 'CZ-1'))).toEqual({ code: 'enterprise_share_unconfirmed', params: { releaseId: 'm1-s', enterpriseReleaseState: state }, fields: [] });
    }
    l = post(l, disburse(l, E1, null));
    l = post(l, confirmTransfer({ id: 'confirm-m1-e', release: E1 }, l.balances));
    l = post(l, disburse(l, S1, 'confirmed', 'CZ-1'));
    expect(l.transfers.get('pay-m1-s')).toMatchObject({ kind: 'disburse', cause: { type: 'release', id: 'm1-s' }, paymentReference: 'CZ-1' });
    // A milestone funded by the special fund alone has no enterprise release to wait for.
    expect(disburse(released(), S1, null, 'CZ-2').entries).toContainEqual({ account: releaseDisbursed('m1-s'), amountFen: M1.specialFundFen });
  });

  it('finance must give a payment reference; the enterprise records its own payment without one', () => {
    expect(refusal(() => disburse(released(), S1, null, '  '))?.fields).toEqual(['paymentReference:required']);
    expect(disburse(released(), E1, null).paymentReference).toBeUndefined();
  });

  it('nothing is paid twice', () => {
    const l = post(released(), disburse(released(), E1, null));
    expect(refusal(() => disburse(l, E1, null))).toEqual({ code: 'already_paid', params: { releaseId: 'm1-e' }, fields: [] });
    expect(codeOf(() => disburse(l, { ...E1, releaseId: 'never-created' }, null))).toBe('already_paid');
  });

  it('confirming moves the payment out for good; a dispute resolved as unpaid makes the release owed again', () => {
    let l = post(released(), disburse(released(), E1, null));
    const reversed = post(l, reverseDisbursementTransfer({ id: 'undo', release: E1 }, l.balances));
    expect(balanceOf(reversed.balances, releasePayable('m1-e'))).toBe(9 * WAN);
    expect(balanceOf(reversed.balances, releaseDisbursed('m1-e'))).toBe(0);
    l = post(l, confirmTransfer({ id: 'ok', release: E1 }, l.balances));
    expect(balanceOf(l.balances, paidOut('p1', 'enterprise'))).toBe(9 * WAN);
    expect(balanceOf(l.balances, releaseDisbursed('m1-e'))).toBe(0);
  });

  it('refuses to confirm or reverse what was not paid', () => {
    const l = released();
    expect(refusal(() => confirmTransfer({ id: 'ok', release: E1 }, l.balances))).toEqual({
      code: 'illegal_transition', params: { entity: 'release', from: 'not_disbursed', action: 'confirm' }, fields: [],
    });
    expect(codeOf(() => reverseDisbursementTransfer({ id: 'undo', release: E1 }, l.balances))).toBe('illegal_transition');
  });
});

describe('return_unspent (cancellation, failure, a stopped project, leftovers)', () => {
  it('a cancelled challenge returns its reservation to its year and ends the commitment', () => {
    const l = approved();
    const t = returnUnspentTransfer({ id: 'cancel', challenge: C }, l.balances)!;
    expect(t.cause).toEqual({ type: 'challenge', id: 'c1' });
    expect(post(l, t).balances).toEqual({ [WORLD]: -500 * WAN, [fundAvailable(Y)]: 500 * WAN, [fundReserved(Y, 'c1')]: 0, [enterpriseCommitted('c1')]: 0 });
  });

  it('a stopped project returns what its award has not released; verified releases stay owed', () => {
    let l = post(finalized(), verifyM1(finalized()));
    l = post(l, returnUnspentTransfer({ id: 'stop', challenge: C, projectId: 'p1' }, l.balances));
    expect(l.transfers.get('stop')?.cause).toEqual({ type: 'project', id: 'p1' });
    expect(balanceOf(l.balances, projectFunds('p1', 'special_fund'))).toBe(0);
    expect(balanceOf(l.balances, projectFunds('p1', 'enterprise'))).toBe(0);
    expect(balanceOf(l.balances, fundAvailable(Y))).toBe(440 * WAN + 25_200_000);
    expect(balanceOf(l.balances, releasePayable('m1-s'))).toBe(10_800_000);
  });

  it('leftovers after finalize go back when the challenge closes; nothing left means no transfer', () => {
    let l = finalized();
    l = post(l, returnUnspentTransfer({ id: 'close', challenge: C }, l.balances));
    expect(balanceOf(l.balances, fundAvailable(Y))).toBe(464 * WAN);
    expect(balanceOf(l.balances, fundReserved(Y, 'c1'))).toBe(0);
    expect(returnUnspentTransfer({ id: 'close-again', challenge: C }, l.balances)).toBeNull();
  });
});

describe('checks for ledger:check', () => {
  it('recomputed balances equal the kept ones; a tampered balance is reported', () => {
    const l = finalized();
    const recomputed = recomputeBalances([...l.transfers.values()].flatMap((t) => t.entries));
    expect(balanceDifferences(l.balances, recomputed)).toEqual([]);
    expect(ledgerIssues(l)).toEqual([]);
    const tampered: Ledger = { ...l, balances: { ...l.balances, [fundAvailable(Y)]: 441 * WAN } };
    expect(balanceDifferences(tampered.balances, recomputed)).toEqual([{ account: fundAvailable(Y), keptFen: 441 * WAN, recomputedFen: 440 * WAN }]);
    expect(ledgerIssues(tampered).map((i) => i.code)).toEqual(['balance_differs', 'total_not_zero']);
  });

  it('names the rule a negative account breaks', () => {
    expect(brokenRules({
      [WORLD]: -1, [fundAvailable(Y)]: -1, [fundReserved(Y, 'c')]: -1, [enterpriseCommitted('c')]: -1, [projectFunds('p', 'enterprise')]: -1,
      [releasePayable('r')]: -1, [releaseDisbursed('r')]: -1, [paidOut('p', 'special_fund')]: -1, [releasePayable('ok')]: 0,
    }).map((b) => `${b.account} ${b.rule}`)).toEqual([
      'enterprise_committed:c awards_exceed_bounty', 'fund_available:2025 reservations_exceed_budget', 'fund_reserved:2025:c awards_exceed_bounty',
      'paid_out:p:special_fund paid_out_negative', 'project_funds:p:enterprise releases_exceed_award', 'release_disbursed:r confirmed_unpaid', 'release_payable:r paid_twice',
    ]);
  });

  it('counts payments per release from the transfers, a reversal undoing one; references are unique', () => {
    const pay = (id: string, release: string, paymentReference?: string): Transfer => ({
      id, kind: 'disburse', cause: { type: 'release', id: release }, entries: [{ account: releasePayable(release), amountFen: -1 }, { account: releaseDisbursed(release), amountFen: 1 }],
      ...(paymentReference ? { paymentReference } : {}),
    });
    const undo = (id: string, release: string): Transfer => ({ ...pay(id, release), kind: 'reverse_disbursement', entries: [{ account: releaseDisbursed(release), amountFen: -1 }, { account: releasePayable(release), amountFen: 1 }] });
    expect(releasesPaidTwice([pay('1', 'a'), undo('2', 'a'), pay('3', 'a')])).toEqual([]);
    expect(releasesPaidTwice([pay('1', 'a'), pay('2', 'a'), pay('3', 'b')])).toEqual(['a']);
    expect(duplicatePaymentReferences([pay('1', 'a', 'X'), pay('2', 'b', 'X'), pay('3', 'c', 'Y'), pay('4', 'd')])).toEqual(['X']);
  });
});

/*
 * Random sequences of the workflow's money steps, driven through the builders as the services will
 * drive them. Steps the state machines would refuse (verifying a milestone twice, finalizing a closed
 * challenge) are not attempted; steps the ledger itself must refuse (reserving beyond the budget,
 * awards beyond the bounty, paying twice, the fund before the enterprise share is confirmed) are, and
 * a model says which of them must succeed. After every step the ledger must be sound.
 */
type Op =
  | { op: 'budget'; year: number; fen: number }
  | { op: 'approve'; year: number; special: number; enterprise: number }
  | { op: 'finalize'; challenge: number; weights: number[]; over: boolean; plan: number[] }
  | { op: 'verify'; project: number; milestone: number }
  | { op: 'disburse'; release: number }
  | { op: 'confirm'; release: number }
  | { op: 'reverse'; release: number }
  | { op: 'stop'; project: number }
  | { op: 'close'; challenge: number }
  | { op: 'replay'; transfer: number };

const YEARS = [2025, 2026];
const amount = fc.integer({ min: 0, max: 300 * WAN });
const pick = fc.nat(50);
const budgetOp = fc.record({ op: fc.constant('budget' as const), year: fc.nat(1), fen: fc.integer({ min: 0, max: 3000 * WAN }) });
// Weighted so that runs get deep into the workflow: more payments than budgets.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: budgetOp },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('approve' as const), year: fc.nat(1), special: amount, enterprise: amount }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('finalize' as const), challenge: pick, weights: fc.array(fc.nat(100), { minLength: 1, maxLength: 3 }), over: fc.nat(4).map((n) => n === 0),
      plan: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('verify' as const), project: pick, milestone: pick }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('disburse' as const), release: pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('confirm' as const), release: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), release: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stop' as const), project: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), challenge: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replay' as const), transfer: pick }) },
);
/** A year or two of budget first (finance sets it before anything is approved), then the workflow. */
const opsArb = fc.tuple(fc.array(budgetOp, { minLength: 1, maxLength: 2 }), fc.array(opArb, { minLength: 10, maxLength: 80, size: 'max' })).map(([a, b]) => [...a, ...b]);

interface SimChallenge { id: string; year: number; special: number; enterprise: number; finalized: boolean; closed: boolean; returned: { special: number; enterprise: number } }
interface SimProject { id: string; challenge: SimChallenge; award: { enterpriseShareFen: number; specialFundFen: number }; milestones: ReturnType<typeof splitAwardByMilestone>; verified: boolean[]; stopped: boolean; returned: { special: number; enterprise: number } }
interface SimRelease { ref: ReleaseRef; milestone: string; amountFen: number; state: 'pending' | 'disbursed' | 'confirmed' }

function simulate(ops: Op[], tally = new Map<string, number>()) {
  let ledger = EMPTY_LEDGER;
  let current = '';
  const budgets = new Map<number, number>();
  const challenges: SimChallenge[] = [];
  const projects: SimProject[] = [];
  const releases: SimRelease[] = [];
  let n = 0;
  const id = (prefix: string) => `${prefix}${++n}`;
  const at = <T>(list: T[], i: number) => (list.length === 0 ? undefined : list[i % list.length]);
  const bal = (key: string) => balanceOf(ledger.balances, key);
  /** Runs a step that must succeed (expected null) or be refused with the expected code, changing nothing. */
  const step = (expected: string | null, build: () => (Transfer | null)[]) => {
    const before = ledger;
    let code: string | null = null;
    try {
      ledger = post(ledger, ...build());
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      code = e.code;
      ledger = before;
    }
    expect(code).toBe(expected);
    tally.set(`${current}:${code ?? 'ok'}`, (tally.get(`${current}:${code ?? 'ok'}`) ?? 0) + 1);
    return code === null;
  };
  const returnedBy = (t: Transfer | null, special: string, enterprise: string) => ({
    special: -(t?.entries.find((e) => e.account === special)?.amountFen ?? 0),
    enterprise: -(t?.entries.find((e) => e.account === enterprise)?.amountFen ?? 0),
  });

  for (const o of ops) {
    current = o.op;
    switch (o.op) {
      case 'budget': {
        const year = YEARS[o.year]!;
        const previous = budgets.get(year) ?? 0;
        const short = o.fen < previous && bal(fundAvailable(year)) < previous - o.fen;
        if (step(short ? 'insufficient_budget' : null, () => [budgetSetTransfer({ id: id('budget'), fiscalYear: year, budgetFen: o.fen, previousBudgetFen: previous }, ledger.balances)])) budgets.set(year, o.fen);
        break;
      }
      case 'approve': {
        const c: SimChallenge = { id: id('c'), year: YEARS[o.year]!, special: o.special, enterprise: o.enterprise, finalized: false, closed: false, returned: { special: 0, enterprise: 0 } };
        // One transaction: reserve and commit together, or neither.
        const ok = step(bal(fundAvailable(c.year)) < o.special ? 'insufficient_budget' : null, () => [
          reserveTransfer({ id: id('reserve'), challenge: { challengeId: c.id, fiscalYear: c.year }, specialFundFen: o.special }, ledger.balances),
          commitTransfer({ id: id('commit'), challengeId: c.id, enterpriseShareFen: o.enterprise }),
        ]);
        if (ok) challenges.push(c);
        break;
      }
      case 'finalize': {
        const c = at(challenges, o.challenge);
        if (!c || c.finalized || c.closed) break;
        const total = o.weights.reduce((a, b) => a + b, 0) || 1;
        const awards = o.weights.map((w, i) => ({
          projectId: `${c.id}-p${i}`,
          // Shares of the bounty adding up to at most all of it; `over` asks one fen more of the fund than is reserved.
          specialFundFen: Math.floor((c.special * w) / total) + (o.over && i === 0 ? c.special - o.weights.reduce((a, x) => a + Math.floor((c.special * x) / total), 0) + 1 : 0),
          enterpriseShareFen: Math.floor((c.enterprise * w) / total),
        }));
        const expected = awards.some((a) => a.specialFundFen + a.enterpriseShareFen === 0) ? 'validation_failed' : o.over ? 'insufficient_funds' : null;
        if (step(expected, () => [finalizeTransfer({ id: id('fin'), challenge: { challengeId: c.id, fiscalYear: c.year }, awards }, ledger.balances)])) {
          c.finalized = true;
          for (const a of awards) {
            const milestones = splitAwardByMilestone(a, o.plan);
            projects.push({ id: a.projectId, challenge: c, award: a, milestones, verified: milestones.map(() => false), stopped: false, returned: { special: 0, enterprise: 0 } });
          }
        }
        break;
      }
      case 'verify': {
        const p = at(projects, o.project);
        if (!p || p.stopped) break;
        const i = o.milestone % p.milestones.length;
        if (p.verified[i]) break;
        const m = p.milestones[i]!;
        const made: SimRelease[] = (['enterprise', 'special_fund'] as const)
          .map((source) => ({ ref: { releaseId: id(`${p.id}-m${i}-${source}-`), projectId: p.id, source }, milestone: `${p.id}-m${i}`, amountFen: source === 'enterprise' ? m.enterpriseShareFen : m.specialFundFen, state: 'pending' as const }))
          .filter((r) => r.amountFen > 0);
        if (step(null, () => [releaseTransfer({ id: id('verify'), milestoneId: `${p.id}-m${i}`, projectId: p.id, releases: made.map((r) => ({ ...r.ref, amountFen: r.amountFen })) }, ledger.balances)])) {
          p.verified[i] = true;
          releases.push(...made);
        }
        break;
      }
      case 'disburse': {
        const r = at(releases, o.release);
        if (!r) break;
        const enterprise = r.ref.source === 'special_fund' ? releases.find((x) => x.milestone === r.milestone && x.ref.source === 'enterprise') : undefined;
        const expected = enterprise && enterprise.state !== 'confirmed' ? 'enterprise_share_unconfirmed' : r.state !== 'pending' ? 'already_paid' : null;
        const paymentReference = r.ref.source === 'special_fund' ? id('CZ-') : undefined;
        if (step(expected, () => [disburseTransfer({ id: id('pay'), release: r.ref, paymentReference, enterpriseRelease: enterprise ? { state: enterprise.state } : null }, ledger.balances)])) r.state = 'disbursed';
        break;
      }
      case 'confirm':
      case 'reverse': {
        const r = at(releases, o.release);
        if (!r) break;
        const build = o.op === 'confirm' ? confirmTransfer : reverseDisbursementTransfer;
        if (step(r.state === 'disbursed' ? null : 'illegal_transition', () => [build({ id: id(o.op), release: r.ref }, ledger.balances)])) r.state = o.op === 'confirm' ? 'confirmed' : 'pending';
        break;
      }
      case 'stop': {
        const p = at(projects, o.project);
        if (!p || p.stopped) break;
        const t = returnUnspentTransfer({ id: id('stop'), challenge: { challengeId: p.challenge.id, fiscalYear: p.challenge.year }, projectId: p.id }, ledger.balances);
        step(null, () => [t]);
        p.stopped = true;
        p.returned = returnedBy(t, projectFunds(p.id, 'special_fund'), projectFunds(p.id, 'enterprise'));
        break;
      }
      case 'close': {
        const c = at(challenges, o.challenge);
        if (!c || c.closed) break;
        const t = returnUnspentTransfer({ id: id('close'), challenge: { challengeId: c.id, fiscalYear: c.year } }, ledger.balances);
        step(null, () => [t]);
        c.closed = true;
        c.returned = returnedBy(t, fundReserved(c.year, c.id), enterpriseCommitted(c.id));
        break;
      }
      case 'replay': {
        const t = at([...ledger.transfers.values()], o.transfer);
        if (t) expect(postTransfer(ledger, t)).toBe(ledger);
        if (t) tally.set('replay:ok', (tally.get('replay:ok') ?? 0) + 1);
        break;
      }
    }

    // After every step: each transfer balanced and well-formed, no account but the world negative, the
    // sum over all accounts zero, the kept balances what the entries add up to, nothing paid twice.
    for (const t of ledger.transfers.values()) expect(transferIssues(t)).toEqual([]);
    expect(brokenRules(ledger.balances)).toEqual([]);
    expect(totalFen(ledger.balances)).toBe(0);
    expect(balanceDifferences(ledger.balances, recomputeBalances([...ledger.transfers.values()].flatMap((t) => t.entries)))).toEqual([]);
    expect(ledgerIssues(ledger)).toEqual([]);
  }

  // Money by source adds up to the fen, from the budget down to each payment.
  const releasesOf = (p: SimProject, source: 'enterprise' | 'special_fund') =>
    releases.filter((r) => r.ref.projectId === p.id && r.ref.source === source).reduce((a, r) => a + bal(releasePayable(r.ref.releaseId)) + bal(releaseDisbursed(r.ref.releaseId)), 0);
  const heldByProject = (p: SimProject, source: 'enterprise' | 'special_fund') => bal(projectFunds(p.id, source)) + releasesOf(p, source) + bal(paidOut(p.id, source));
  for (const p of projects) {
    expect(heldByProject(p, 'special_fund') + p.returned.special).toBe(p.award.specialFundFen);
    expect(heldByProject(p, 'enterprise') + p.returned.enterprise).toBe(p.award.enterpriseShareFen);
    const released = (source: 'enterpriseShareFen' | 'specialFundFen') => p.milestones.reduce((a, m, i) => a + (p.verified[i] ? m[source] : 0), 0);
    expect(releasesOf(p, 'special_fund') + bal(paidOut(p.id, 'special_fund'))).toBe(released('specialFundFen'));
    expect(releasesOf(p, 'enterprise') + bal(paidOut(p.id, 'enterprise'))).toBe(released('enterpriseShareFen'));
    if (p.verified.every(Boolean)) {
      expect(bal(projectFunds(p.id, 'special_fund')) + bal(projectFunds(p.id, 'enterprise'))).toBe(0);
      expect(released('specialFundFen')).toBe(p.award.specialFundFen);
      expect(released('enterpriseShareFen')).toBe(p.award.enterpriseShareFen);
    }
  }
  for (const c of challenges) {
    const awarded = projects.filter((p) => p.challenge === c);
    expect(bal(fundReserved(c.year, c.id)) + c.returned.special + awarded.reduce((a, p) => a + p.award.specialFundFen, 0)).toBe(c.special);
    expect(bal(enterpriseCommitted(c.id)) + c.returned.enterprise + awarded.reduce((a, p) => a + p.award.enterpriseShareFen, 0)).toBe(c.enterprise);
  }
  for (const year of YEARS) {
    // Everything the year's budget ever held is unreserved, still reserved, or somewhere down a project of a challenge charged to it.
    const ofYear = challenges.filter((c) => c.year === year);
    const downstream = projects.filter((p) => p.challenge.year === year).reduce((a, p) => a + heldByProject(p, 'special_fund'), 0);
    expect(bal(fundAvailable(year)) + ofYear.reduce((a, c) => a + bal(fundReserved(year, c.id)), 0) + downstream).toBe(budgets.get(year) ?? 0);
  }
  return { ledger, counts: { challenges: challenges.length, projects: projects.length, releases: releases.length } };
}

describe('the ledger under random sequences of the workflow (property)', () => {
  it('stays balanced, never negative but for the world, recomputable, idempotent, and adds up by source', () => {
    const tally = new Map<string, number>();
    fc.assert(fc.property(opsArb, (ops) => {
      simulate(ops, tally);
    }), { numRuns: 300 });
    // The runs did exercise every step, and every refusal the ledger owes (not only the easy paths).
    for (const outcome of [
      'budget:ok', 'budget:insufficient_budget', 'approve:ok', 'approve:insufficient_budget', 'finalize:ok', 'finalize:insufficient_funds',
      'finalize:validation_failed', 'verify:ok', 'disburse:ok', 'disburse:already_paid', 'disburse:enterprise_share_unconfirmed', 'confirm:ok',
      'confirm:illegal_transition', 'reverse:ok', 'reverse:illegal_transition', 'stop:ok', 'close:ok', 'replay:ok',
    ]) expect(tally.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
  });

  it('a whole story: budget, approval, finalize, three milestones paid, leftovers returned', () => {
    const { ledger } = simulate([
      { op: 'budget', year: 0, fen: 500 * WAN },
      { op: 'approve', year: 0, special: 60 * WAN, enterprise: 50 * WAN },
      { op: 'finalize', challenge: 0, weights: [1], over: false, plan: [30, 40, 30] },
      ...[0, 1, 2].flatMap((m): Op[] => [
        { op: 'verify', project: 0, milestone: m },
        { op: 'disburse', release: 2 * m + 1 }, // special fund first: refused, the enterprise has not paid
        { op: 'disburse', release: 2 * m },
        { op: 'confirm', release: 2 * m },
        { op: 'disburse', release: 2 * m + 1 },
        { op: 'confirm', release: 2 * m + 1 },
      ]),
      { op: 'close', challenge: 0 },
    ]);
    expect(table(ledger.balances)).toMatchInlineSnapshot(`
      "fund_available:2025                         440000000
      paid_out:c2-p0:enterprise                    50000000
      paid_out:c2-p0:special_fund                  60000000
      world                                      -550000000"
    `);
  });
});
