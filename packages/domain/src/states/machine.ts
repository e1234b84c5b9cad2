import { AppError } from '../errors';
import type { Role } from '../roles';

/**
 * The shared engine for the state machines of product.md "States". Each machine is a data table;
 * the engine only looks rows up, so a table can be read against product.md line by line.
 *
 * Who may make a move is the role (product.md "Who uses it") plus, where the move belongs to one
 * party, a relation the caller establishes from the data (the challenge's owner, the applicant,
 * the organisation's admin). `'system'` is for moves no person chooses: the background loop, or a
 * consequence of another entity's move (e.g. a challenge goes in progress when a project is signed).
 */
export type Mover = Role | 'system' | null; // null: anonymous

export const FUNDING_SOURCES = ['enterprise', 'special_fund'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export type Relation = 'owner' | 'applicant' | 'org_admin';

export interface TransitionContext {
  /** The mover belongs to the organisation that owns the challenge (发榜单位). */
  readonly isOwner?: boolean;
  /** The mover belongs to the organisation that applied, i.e. the solver of the application/project. */
  readonly isApplicant?: boolean;
  /** The mover is an admin of the organisation the entity belongs to. */
  readonly isOrgAdmin?: boolean;
  /** Which source a release is paid from; decides who disburses it (product.md step 10). */
  readonly fundingSource?: FundingSource;
}

export interface TransitionRow<S extends string, A extends string> {
  readonly from: S | readonly S[];
  readonly action: A;
  readonly to: S;
  readonly roles: readonly Role[] | 'system';
  readonly requires?: Relation;
  readonly fundingSource?: FundingSource;
}

export interface Machine<S extends string, A extends string> {
  readonly entity: string;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly rows: readonly TransitionRow<S, A>[];
}

export type StateOf<M> = M extends Machine<infer S, string> ? S : never;
export type ActionOf<M> = M extends Machine<string, infer A> ? A : never;

export type TransitionVerdict<S extends string> = { ok: true; to: S } | { ok: false; code: 'illegal_transition' | 'forbidden' };

const RELATION_FLAG = { owner: 'isOwner', applicant: 'isApplicant', org_admin: 'isOrgAdmin' } as const satisfies Record<Relation, keyof TransitionContext>;

const startsFrom = <S extends string>(from: S | readonly S[], state: string): boolean =>
  typeof from === 'string' ? from === state : (from as readonly string[]).includes(state);

function permits<S extends string, A extends string>(row: TransitionRow<S, A>, mover: Mover, context: TransitionContext): boolean {
  if (row.roles === 'system') return mover === 'system';
  if (mover === null || mover === 'system' || !row.roles.includes(mover)) return false;
  if (row.requires && context[RELATION_FLAG[row.requires]] !== true) return false;
  return !row.fundingSource || context.fundingSource === row.fundingSource;
}

/**
 * Whether `mover` may apply `action` in `state`: `illegal_transition` when the machine has no such
 * move from that state at all, `forbidden` when it has but not for this mover.
 */
export function can<S extends string, A extends string>(
  machine: Machine<S, A>,
  state: NoInfer<S>,
  action: NoInfer<A>,
  mover: Mover,
  context: TransitionContext = {},
): TransitionVerdict<S> {
  const rows = machine.rows.filter((row) => row.action === action && startsFrom(row.from, state));
  if (rows.length === 0) return { ok: false, code: 'illegal_transition' };
  const row = rows.find((r) => permits(r, mover, context));
  return row ? { ok: true, to: row.to } : { ok: false, code: 'forbidden' };
}

/** The next state, or the AppError that refuses the move (product.md: refused with a clear error, nothing changes). */
export function transition<S extends string, A extends string>(
  machine: Machine<S, A>,
  state: NoInfer<S>,
  action: NoInfer<A>,
  mover: Mover,
  context: TransitionContext = {},
): S {
  const verdict = can(machine, state, action, mover, context);
  if (verdict.ok) return verdict.to;
  if (verdict.code === 'illegal_transition') throw new AppError('illegal_transition', { entity: machine.entity, from: state, action });
  throw new AppError('forbidden', { entity: machine.entity, action });
}

/**
 * Refuses (`forbidden`) a mover who may never take `action`, from any state: for moves that belong to
 * one party, so that everyone else hears "not yours to do" rather than "not now" — whatever state the
 * entity happens to be in, a stranger to the move learns nothing of it.
 */
export function assertMayTake<S extends string, A extends string>(machine: Machine<S, A>, action: NoInfer<A>, mover: Mover, context: TransitionContext = {}): void {
  if (!machine.rows.some((row) => row.action === action && permits(row, mover, context))) throw new AppError('forbidden', { entity: machine.entity, action });
}

/** The actions `mover` may take now, in the machine's order (e.g. which buttons a page shows). */
export function allowedActions<S extends string, A extends string>(
  machine: Machine<S, A>,
  state: NoInfer<S>,
  mover: Mover,
  context: TransitionContext = {},
): A[] {
  return machine.actions.filter((action) => can(machine, state, action, mover, context).ok);
}
