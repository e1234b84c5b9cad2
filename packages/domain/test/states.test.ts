import { describe, it, expect } from 'vitest';
import {
  AppError, allowedActions, assertMayTake, can, transition,
  applicationMachine, challengeMachine, joinRequestMachine, milestoneMachine, objectionMachine,
  organizationMachine, projectMachine, releaseMachine, userMachine,
  type Machine, type Mover, type TransitionContext,
} from '../src/index';

/**
 * The allowed moves, copied from product.md "States" by hand (not from src/states): one move per line,
 * `from[,from…]  action  mover  to`, where mover is `system` or `role`, optionally `+relation`
 * (owner | applicant | org_admin must hold) and `@fundingSource`. Every combination not listed is refused:
 * `forbidden` if the (state, action) pair is listed for someone, `illegal_transition` otherwise.
 */
type Spec = { entity: string; machine: Machine<string, string>; states: string[]; actions: string[]; moves: string };

const SPECS: Spec[] = [
  {
    entity: 'organization',
    machine: organizationMachine,
    states: ['pending', 'verified', 'rejected'],
    actions: ['verify', 'reject'],
    moves: `
      pending verify bureau verified
      pending reject bureau rejected`,
  },
  {
    entity: 'user',
    machine: userMachine,
    states: ['active', 'disabled'],
    actions: ['disable', 'enable'],
    moves: `
      active   disable bureau disabled
      disabled enable  bureau active`,
  },
  {
    entity: 'join_request',
    machine: joinRequestMachine,
    states: ['pending', 'approved', 'rejected'],
    actions: ['approve', 'reject'],
    moves: `
      pending approve bureau               approved
      pending approve enterprise+org_admin approved
      pending approve solver+org_admin     approved
      pending reject  bureau               rejected
      pending reject  enterprise+org_admin rejected
      pending reject  solver+org_admin     rejected`,
  },
  {
    entity: 'challenge',
    machine: challengeMachine,
    states: ['draft', 'pending_review', 'published', 'closed', 'reviewing', 'notice', 'awarded', 'in_progress', 'completed', 'failed', 'cancelled'],
    actions: ['submit', 'approve', 'return', 'close', 'start_review', 'decide', 'decide_none', 'finalize', 'uphold_objection', 'sign', 'complete', 'fail', 'cancel'],
    moves: `
      draft                 submit           enterprise+owner pending_review
      pending_review        approve          bureau           published
      pending_review        return           bureau           draft
      published             close            system           closed
      published             close            bureau           closed
      closed                start_review     bureau           reviewing
      reviewing             decide           bureau           notice
      reviewing             decide_none      bureau           failed
      closed                decide_none      bureau           failed
      notice                finalize         bureau           awarded
      notice                uphold_objection bureau           reviewing
      awarded               sign             system           in_progress
      in_progress           complete         system           completed
      in_progress,awarded   fail             system           failed
      draft,pending_review  cancel           enterprise+owner cancelled
      draft,pending_review,published,closed,reviewing,notice cancel bureau cancelled`,
  },
  {
    entity: 'application',
    machine: applicationMachine,
    states: ['draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'selected', 'not_selected', 'awarded', 'withdrawn'],
    actions: ['submit', 'withdraw', 'mark_eligible', 'mark_ineligible', 'start_review', 'select', 'not_select', 'award', 'reopen'],
    moves: `
      draft,submitted       submit          solver+applicant submitted
      draft,submitted       withdraw        solver+applicant withdrawn
      submitted             mark_eligible   bureau           eligible
      submitted             mark_ineligible bureau           ineligible
      eligible              start_review    system           under_review
      under_review          select          system           selected
      eligible,under_review not_select      system           not_selected
      selected              award           system           awarded
      selected,not_selected reopen          system           under_review`,
  },
  {
    entity: 'project',
    machine: projectMachine,
    states: ['awaiting_signature', 'active', 'completed', 'stopped'],
    actions: ['sign', 'complete', 'stop'],
    moves: `
      awaiting_signature sign     solver+applicant active
      awaiting_signature sign     enterprise+owner active
      active             complete system           completed
      active             stop     bureau           stopped`,
  },
  {
    entity: 'milestone',
    machine: milestoneMachine,
    states: ['pending', 'submitted', 'accepted', 'returned', 'verified'],
    actions: ['submit', 'accept', 'return', 'verify'],
    moves: `
      pending,returned submit solver+applicant submitted
      submitted        accept enterprise+owner accepted
      submitted        return enterprise+owner returned
      accepted         verify bureau           verified`,
  },
  {
    entity: 'release',
    machine: releaseMachine,
    states: ['pending', 'disbursed', 'confirmed', 'disputed'],
    actions: ['disburse', 'confirm', 'dispute', 'resolve_paid', 'resolve_unpaid'],
    moves: `
      pending   disburse       finance@special_fund        disbursed
      pending   disburse       enterprise+owner@enterprise disbursed
      disbursed confirm        solver+applicant            confirmed
      disbursed dispute        solver+applicant            disputed
      disputed  resolve_paid   bureau                      confirmed
      disputed  resolve_unpaid bureau                      pending`,
  },
  {
    entity: 'objection',
    machine: objectionMachine,
    states: ['open', 'upheld', 'dismissed'],
    actions: ['uphold', 'dismiss'],
    moves: `
      open uphold  bureau upheld
      open dismiss bureau dismissed`,
  },
];

type Move = { from: string[]; action: string; mover: string; relation?: string; funding?: string; to: string };

function parseMoves(text: string): Move[] {
  return text.trim().split('\n').map((line) => {
    const [from, action, who, to, extra] = line.trim().split(/\s+/);
    if (!from || !action || !who || !to || extra) throw new Error(`bad move line: ${line}`);
    const [, mover, relation, funding] = /^([a-z_]+)(?:\+([a-z_]+))?(?:@([a-z_]+))?$/.exec(who) ?? [];
    if (!mover) throw new Error(`bad mover: ${who}`);
    return { from: from.split(','), action, mover, to, ...(relation ? { relation } : {}), ...(funding ? { funding } : {}) };
  });
}

const MOVERS: Mover[] = ['enterprise', 'solver', 'expert', 'bureau', 'finance', 'system', null];
const FLAG = { owner: 'isOwner', applicant: 'isApplicant', org_admin: 'isOrgAdmin' } as const;

const CONTEXTS: TransitionContext[] = [];
for (const isOwner of [false, true])
  for (const isApplicant of [false, true])
    for (const isOrgAdmin of [false, true])
      for (const fundingSource of [undefined, 'enterprise', 'special_fund'] as const)
        CONTEXTS.push({ isOwner, isApplicant, isOrgAdmin, ...(fundingSource ? { fundingSource } : {}) });

function expected(moves: Move[], state: string, action: string, mover: Mover, ctx: TransitionContext) {
  const listed = moves.filter((m) => m.action === action && m.from.includes(state));
  if (listed.length === 0) return { ok: false as const, code: 'illegal_transition' as const };
  const allowed = listed.filter(
    (m) =>
      m.mover === mover &&
      (!m.relation || ctx[FLAG[m.relation as keyof typeof FLAG]] === true) &&
      (!m.funding || ctx.fundingSource === m.funding),
  );
  const targets = new Set(allowed.map((m) => m.to));
  if (targets.size > 1) throw new Error(`ambiguous expectation: ${state} ${action} ${mover}`);
  const [to] = targets;
  return to ? { ok: true as const, to } : { ok: false as const, code: 'forbidden' as const };
}

const errorOf = (f: () => unknown): AppError => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

describe.each(SPECS)('$entity machine', ({ entity, machine, states, actions, moves: text }) => {
  const moves = parseMoves(text);

  it('has the states and actions of product.md', () => {
    expect(machine.entity).toBe(entity);
    expect([...machine.states]).toEqual(states);
    expect([...machine.actions]).toEqual(actions);
    for (const m of moves) {
      expect(states).toEqual(expect.arrayContaining([...m.from, m.to]));
      expect(actions).toContain(m.action);
    }
  });

  it('allows exactly the listed moves and refuses everything else with the right code', () => {
    let checked = 0;
    const allowedSeen = new Set<string>();
    for (const state of states) {
      for (const action of actions) {
        for (const mover of MOVERS) {
          for (const ctx of CONTEXTS) {
            const want = expected(moves, state, action, mover, ctx);
            const label = `${state} -${action}-> by ${String(mover)} ${JSON.stringify(ctx)}`;
            expect(can(machine, state, action, mover, ctx), label).toEqual(want);
            if (want.ok) {
              expect(transition(machine, state, action, mover, ctx), label).toBe(want.to);
              allowedSeen.add(`${state} ${action}`);
            } else {
              const err = errorOf(() => transition(machine, state, action, mover, ctx));
              expect(err.code, label).toBe(want.code);
              expect(err.params, label).toEqual(
                want.code === 'illegal_transition' ? { entity, from: state, action } : { entity, action },
              );
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(states.length * actions.length * MOVERS.length * CONTEXTS.length);
    // Every listed (state, action) pair is reachable for someone: no dead rows in the expectation.
    for (const m of moves) for (const s of m.from) expect(allowedSeen).toContain(`${s} ${m.action}`);
  });

  it('lists the allowed actions in machine order', () => {
    for (const state of states) {
      for (const mover of MOVERS) {
        for (const ctx of CONTEXTS) {
          const want = actions.filter((a) => expected(moves, state, a, mover, ctx).ok);
          expect(allowedActions(machine, state, mover, ctx), `${state} ${String(mover)} ${JSON.stringify(ctx)}`).toEqual(want);
        }
      }
    }
  });
});

describe('engine', () => {
  it('treats a missing context as no relation and no funding source', () => {
    expect(can(challengeMachine, 'draft', 'submit', 'enterprise')).toEqual({ ok: false, code: 'forbidden' });
    expect(can(releaseMachine, 'pending', 'disburse', 'finance')).toEqual({ ok: false, code: 'forbidden' });
    expect(transition(userMachine, 'active', 'disable', 'bureau')).toBe('disabled');
  });

  it('refuses the anonymous public every move', () => {
    for (const spec of SPECS) {
      for (const state of spec.states) expect(allowedActions(spec.machine, state, null, CONTEXTS.at(-1)!)).toEqual([]);
    }
  });

  it('refuses an unknown state as an illegal transition', () => {
    const err = errorOf(() => transition(userMachine as Machine<string, string>, 'archived', 'enable', 'bureau'));
    expect(err.code).toBe('illegal_transition');
  });

  it('gives the caller the next state with the machine’s state type', () => {
    const next: 'active' | 'disabled' = transition(userMachine, 'disabled', 'enable', 'bureau', {});
    expect(next).toBe('active');
  });
});

describe('assertMayTake: a move that is not the mover’s, whatever the state', () => {
  it('refuses with forbidden a role or relation no row of the action permits, and lets the party through in any state', () => {
    expect(() => assertMayTake(milestoneMachine, 'verify', 'enterprise', { isOwner: true })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertMayTake(milestoneMachine, 'submit', 'solver', { isApplicant: false })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertMayTake(releaseMachine, 'disburse', 'finance', { fundingSource: 'enterprise' })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertMayTake(releaseMachine, 'disburse', null)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => assertMayTake(milestoneMachine, 'verify', 'bureau')).not.toThrow();
    expect(() => assertMayTake(releaseMachine, 'disburse', 'enterprise', { isOwner: true, fundingSource: 'enterprise' })).not.toThrow();
    expect(() => assertMayTake(projectMachine, 'complete', 'bureau')).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
