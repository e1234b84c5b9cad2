/**
 * Every transition of the apply–review–decide–award part allowed and refused, by role and by state,
 * through the API's routes: one test per cell of transition-table.ts, whose EXPECTED outcomes are
 * written by hand from product.md and the machines. Allowed → the action's 2xx and the states the
 * cell names (the others unchanged); refused → the cell's status and problem `code`, and nothing of
 * the challenge, its applications, versions, reviews, decisions, objections or projects changed, and
 * no audit record or event written.
 *
 * Speed: each state is built once, on a timeline of the test clock (publication; the deadline an hour
 * later; the notice period of a decision made then over two weeks later), and shared by its refused
 * cells, which run first; the allowed cells that keep the state run next on the same fixtures; each
 * allowed cell that moves a state gets a fixture of its own, built on the same timeline.
 */
import { queryRows } from '@challenge/db';
import { applicationMachine, challengeMachine, objectionMachine, type Machine, type TransitionRow } from '@challenge/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import {
  bearer, bureauToken, challengeInput, login, setupTestApp, staffToken, unique, verifiedEnterprise, verifiedSolver, type ChallengeJson, type Member,
} from './helpers';
import {
  ACTIONS, COVERED_CHALLENGE_ACTIONS, EXPECTED, FIXTURES, REFUSAL_STATUS, ROLE_AS_MOVER, ROLES,
  type ActionName, type Allowed, type Applicant, type Fixture, type MachineName, type Outcome, type States, type TableRole, type Target, type WorldKind,
} from './transition-table';

const env = await setupTestApp();
const { app, clock } = env;

// ---- the timeline ----------------------------------------------------------------------------------

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 10:00 Beijing time: no holiday within the weeks the fixtures span. */
const T0 = new Date('2026-03-02T02:00:00Z');
/** Two hours on: the deadlines an hour after T0 have passed; decisions made now end their notice on 10 March. */
const T_LATE = new Date(T0.getTime() + 2 * HOUR);
/** Two weeks on: the notice periods begun at T_LATE are over; the open challenge's deadline (T0 + 60 days) is still ahead. */
const T1 = new Date(T0.getTime() + 14 * DAY);
type Phase = 't0' | 'late' | 't1';

// ---- people ----------------------------------------------------------------------------------------

interface Person { email: string; id: string; token: string }
const people = {} as Record<'owner' | 'otherEnterprise' | 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'E1' | 'E2' | 'E3' | 'bureau' | 'finance', Person>;

async function signInEveryone() {
  for (const p of Object.values(people)) p.token = (await login(app, p.email)).accessToken;
}

const tokenOf = (role: TableRole, fixture: Fixture): string | undefined => {
  const who: Record<TableRole, keyof typeof people | null> = {
    anonymous: null, owner: 'owner', other_enterprise: 'otherEnterprise', applicant: fixture.app, other_solver: 'S2',
    assigned_expert: 'E1', unassigned_expert: 'E2', bureau: 'bureau', finance: 'finance',
  };
  const key = who[role];
  return key ? people[key].token : undefined;
};

// ---- HTTP ------------------------------------------------------------------------------------------

type Json = Record<string, any>;
async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, token: string | undefined, payload: unknown = {}) {
  const res = await app.inject({ method, url, headers: token ? bearer(token) : {}, payload: payload as Json });
  return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as Json | null, text: res.body };
}
/** A set-up step that must succeed. */
async function must(method: 'POST' | 'PUT', url: string, token: string, payload: unknown = {}): Promise<Json> {
  const res = await call(method, url, token, payload);
  if (res.status >= 300) throw new Error(`set-up ${method} ${url} failed ${res.status}: ${res.text}`);
  return res.body!;
}

const SHEET = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((key) => [key, { score: 8, comment: '方案可行，依据充分。' }]));
const AWARD_FEN = 100_000_000;

// ---- worlds: one challenge each, brought to its states through the API ----------------------------

interface World {
  kind: WorldKind;
  challenge: ChallengeJson;
  apps: Partial<Record<Applicant, string>>;
  withdrawn: Set<Applicant>;
  objectionId?: string;
}

const worlds: World[] = [];
const shared = new Map<WorldKind, World>();
const newWorld = (kind: WorldKind): World => {
  const w = { kind, apps: {}, withdrawn: new Set() } as unknown as World;
  worlds.push(w);
  return w;
};
const sharedWorld = (kind: WorldKind): World => shared.get(kind) ?? (shared.set(kind, newWorld(kind)), shared.get(kind)!);

async function publish(w: World, deadline: 'open' | 'late') {
  const at = clock.now().getTime() + (deadline === 'open' ? 60 * DAY : HOUR);
  const created = await must('POST', '/api/challenges', people.owner.token, challengeInput(env, { deadline: new Date(at).toISOString() }));
  await must('POST', `/api/challenges/${created.id}/submit`, people.owner.token);
  w.challenge = (await must('POST', `/api/challenges/${created.id}/approve`, people.bureau.token, { specialFundFen: 50_000_000 })) as ChallengeJson;
}

async function apply(w: World, who: Applicant, upTo: 'draft' | 'submitted' | 'withdrawn') {
  const created = await must('POST', `/api/challenges/${w.challenge.id}/applications`, people[who].token, completeDraft(w.challenge));
  w.apps[who] = created.id;
  if (upTo !== 'draft') await must('POST', `/api/applications/${created.id}/submit`, people[who].token);
  if (upTo === 'withdrawn') {
    await must('POST', `/api/applications/${created.id}/withdraw`, people[who].token);
    w.withdrawn.add(who);
  }
}

async function check(w: World, verdicts: Partial<Record<Applicant, boolean>>) {
  for (const [who, eligible] of Object.entries(verdicts) as [Applicant, boolean][]) {
    await must('POST', `/api/applications/${w.apps[who]}/eligibility`, people.bureau.token, eligible ? { eligible } : { eligible, reason: '牵头单位不具备冶炼试验条件。' });
  }
}

/** S1 and S3 submitted; after the deadline both eligible, E1 assigned to both, declared free of conflict, scored. */
const reviewedT0 = async (w: World) => {
  await publish(w, 'late');
  await apply(w, 'S1', 'submitted');
  await apply(w, 'S3', 'submitted');
};
const reviewedLate = async (w: World) => {
  await check(w, { S1: true, S3: true });
  await scoreByE1(w, ['S1', 'S3']);
};
async function scoreByE1(w: World, whose: Applicant[]) {
  const ids = whose.map((x) => w.apps[x]!);
  await must('POST', `/api/challenges/${w.challenge.id}/reviewers`, people.bureau.token, { applicationIds: ids, expertIds: [people.E1.id] });
  for (const id of ids) {
    await must('PUT', `/api/applications/${id}/review`, people.E1.token, { conflict: false });
    await must('PUT', `/api/applications/${id}/review`, people.E1.token, { scores: SHEET });
  }
}

const decisionBody = (w: World, winners: boolean) => {
  const selected = winners && w.apps.S1 ? [w.apps.S1] : [];
  const others = Object.entries(w.apps).filter(([who, id]) => !w.withdrawn.has(who as Applicant) && !selected.includes(id)).map(([, id]) => id);
  return {
    selections: selected.map((applicationId) => ({ applicationId, awardFen: AWARD_FEN })),
    feedback: Object.fromEntries(others.map((id) => [id, '技术路线与指标的对应不够具体。'])),
    ...(winners ? {} : { reasons: '没有申请达到榜单的技术指标。' }),
  };
};
const decide = async (w: World) => { await must('POST', `/api/challenges/${w.challenge.id}/decision`, people.bureau.token, decisionBody(w, true)); };
const OBJECTION = { reasons: '中选单位的指标承诺缺少试验依据，请复核。' };
const object = async (w: World) => { w.objectionId ??= (await must('POST', `/api/challenges/${w.challenge.id}/objections`, people.S3.token, OBJECTION)).id; };
const resolve = (outcome: 'upheld' | 'dismissed') => async (w: World) => {
  await must('POST', `/api/objections/${w.objectionId}/resolve`, people.bureau.token, { outcome, resolution: outcome === 'upheld' ? '重新组织评审。' : '经核查异议不成立。' });
};
const then = (...steps: ((w: World) => Promise<void>)[]) => async (w: World) => { for (const step of steps) await step(w); };

const closeIt = async (w: World) => { await must('POST', `/api/challenges/${w.challenge.id}/close`, people.bureau.token); };

/** How each world is built, phase by phase (the clock at T0, T_LATE, T1). */
const BUILD: Record<WorldKind, Partial<Record<Phase, (w: World) => Promise<void>>>> = {
  open: { t0: then((w) => publish(w, 'open'), (w) => apply(w, 'S1', 'draft'), (w) => apply(w, 'S3', 'submitted')) },
  late: { t0: then((w) => publish(w, 'late'), (w) => apply(w, 'S1', 'draft')) },
  late_closed: { t0: then((w) => publish(w, 'late'), (w) => apply(w, 'S1', 'draft')), late: closeIt },
  closed: {
    t0: then((w) => publish(w, 'late'), (w) => apply(w, 'S1', 'submitted'), (w) => apply(w, 'S4', 'draft'), (w) => apply(w, 'S5', 'withdrawn')),
    late: closeIt,
  },
  reviewing: {
    t0: then(reviewedT0, (w) => apply(w, 'S4', 'submitted'), (w) => apply(w, 'S5', 'submitted')),
    late: then((w) => check(w, { S1: true, S3: true, S4: true, S5: false }), (w) => scoreByE1(w, ['S1', 'S3'])),
  },
  notice: { t0: reviewedT0, late: reviewedLate, t1: then(decide, object) },
  notice_over: { t0: reviewedT0, late: then(reviewedLate, decide) },
  notice_over_objection: { t0: reviewedT0, late: then(reviewedLate, decide, object) },
  awarded: { t0: reviewedT0, late: then(reviewedLate, decide), t1: async (w) => { await must('POST', `/api/challenges/${w.challenge.id}/finalize`, people.bureau.token); } },
  failed: { t0: reviewedT0, late: then(reviewedLate, async (w) => { await must('POST', `/api/challenges/${w.challenge.id}/decision`, people.bureau.token, decisionBody(w, false)); }) },
  upheld: { t0: reviewedT0, late: then(reviewedLate, decide, object), t1: resolve('upheld') },
  dismissed: { t0: reviewedT0, late: then(reviewedLate, decide, object), t1: resolve('dismissed') },
};

// ---- what a cell sends ------------------------------------------------------------------------------

function requestFor(action: ActionName, w: World, fixture: Fixture): { method: 'POST' | 'PUT' | 'PATCH'; url: string; payload: unknown } {
  const appId = w.apps[fixture.app]!;
  const c = `/api/challenges/${w.challenge.id}`;
  switch (action) {
    case 'save': return { method: 'PATCH', url: `/api/applications/${appId}`, payload: { priorResults: '补充：第二轮中试数据。' } };
    case 'submit': return { method: 'POST', url: `/api/applications/${appId}/submit`, payload: {} };
    case 'withdraw': return { method: 'POST', url: `/api/applications/${appId}/withdraw`, payload: {} };
    case 'mark_eligible': return { method: 'POST', url: `/api/applications/${appId}/eligibility`, payload: { eligible: true } };
    case 'mark_ineligible': return { method: 'POST', url: `/api/applications/${appId}/eligibility`, payload: { eligible: false, reason: '联合体成员不满足榜单资格。' } };
    case 'assign_reviewer': return { method: 'POST', url: `${c}/reviewers`, payload: { applicationIds: [appId], expertIds: [people.E3.id] } };
    case 'review': return { method: 'PUT', url: `/api/applications/${appId}/review`, payload: { scores: SHEET } };
    case 'close': return { method: 'POST', url: `${c}/close`, payload: {} };
    case 'decide': return { method: 'POST', url: `${c}/decision`, payload: decisionBody(w, true) };
    case 'decide_none': return { method: 'POST', url: `${c}/decision`, payload: decisionBody(w, false) };
    case 'object': return { method: 'POST', url: `${c}/objections`, payload: OBJECTION };
    case 'finalize': return { method: 'POST', url: `${c}/finalize`, payload: {} };
    case 'uphold': return { method: 'POST', url: `/api/objections/${w.objectionId}/resolve`, payload: { outcome: 'upheld', resolution: '异议成立，重新评审。' } };
    case 'dismiss': return { method: 'POST', url: `/api/objections/${w.objectionId}/resolve`, payload: { outcome: 'dismissed', resolution: '经核查异议不成立。' } };
  }
}

// ---- reading the database (to check, never to decide) ---------------------------------------------

/** Everything a refused request must leave as it was: the world's rows, and the audit log and event outbox. */
async function snapshot(w: World): Promise<string> {
  const id = w.challenge.id;
  const [row] = await queryRows<{ s: string }>(env.database.db, sql`select json_build_object(
    'challenge', (select row_to_json(c) from challenges c where c.id = ${id}),
    'applications', (select json_agg(a order by a.id) from applications a where a.challenge_id = ${id}),
    'versions', (select count(*) from application_versions v join applications a on a.id = v.application_id where a.challenge_id = ${id}),
    'reviews', (select json_agg(r order by r.id) from review_assignments r where r.challenge_id = ${id}),
    'decisions', (select json_agg(d order by d.id) from decisions d where d.challenge_id = ${id}),
    'objections', (select json_agg(o order by o.id) from objections o where o.challenge_id = ${id}),
    'projects', (select count(*) from projects p where p.challenge_id = ${id}),
    'audit', (select count(*) from audit_log),
    'events', (select count(*) from notification_events)
  )::text as s`);
  return row!.s;
}

async function statesOf(w: World, fixture: Fixture): Promise<States> {
  const [row] = await queryRows<{ application: string; challenge: string; objection: string | null }>(env.database.db, sql`select
    (select state::text from applications where id = ${w.apps[fixture.app]!}) as application,
    (select state::text from challenges where id = ${w.challenge.id}) as challenge,
    (select state::text from objections where id = ${w.objectionId ?? null}::uuid) as objection`);
  const { application, challenge, objection } = row!;
  return { application, challenge, ...('objection' in fixture.states ? { objection } : {}) } as States;
}

// ---- the cells -------------------------------------------------------------------------------------

interface Cell { action: ActionName; target: Target; state: string; fixture: Fixture; role: TableRole; expected: Outcome }

const cells: Cell[] = [];
for (const action of Object.keys(EXPECTED) as ActionName[]) {
  const target = ACTIONS[action].target;
  const fixtures = FIXTURES[target] as Record<string, Fixture>;
  for (const [state, row] of Object.entries(EXPECTED[action] as Record<string, readonly Outcome[]>)) {
    row.forEach((expected, i) => cells.push({ action, target, state, fixture: fixtures[state]!, role: ROLES[i]!, expected }));
  }
}

const isAllowed = (o: Outcome): o is Allowed => typeof o !== 'string';
const movedStates = (cell: Cell): Partial<States> => {
  if (!isAllowed(cell.expected)) return {};
  const { ok: _ok, ...states } = cell.expected;
  return states;
};
/** An allowed cell that moves some state: it gets a fixture of its own. */
const moves = (cell: Cell) => Object.entries(movedStates(cell)).some(([k, v]) => cell.fixture.states[k as keyof States] !== v);

const refused = cells.filter((c) => !isAllowed(c.expected));
const kept = cells.filter((c) => isAllowed(c.expected) && !moves(c));
const moving = cells.filter((c) => isAllowed(c.expected) && moves(c)).map((c) => ({ ...c, world: newWorld(c.fixture.world) }));
const worldOf = (cell: Cell & { world?: World }) => cell.world ?? sharedWorld(cell.fixture.world);
for (const c of [...refused, ...kept]) worldOf(c);

const describeOutcome = (o: Outcome) => {
  if (!isAllowed(o)) return `${REFUSAL_STATUS[o]} ${o}`;
  const { ok: _ok, ...states } = o;
  return Object.keys(states).length > 0 ? `allowed → ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}` : 'allowed';
};
const title = (c: Cell) => `${c.action} · ${c.target} ${c.state} · ${c.role} → ${describeOutcome(c.expected)}`;

async function runCell(cell: Cell, w: World) {
  expect(await statesOf(w, cell.fixture), `the fixture is ${JSON.stringify(cell.fixture.states)}`).toEqual(cell.fixture.states);
  const { method, url, payload } = requestFor(cell.action, w, cell.fixture);
  const before = await snapshot(w);
  const res = await call(method, url, tokenOf(cell.role, cell.fixture), payload);
  if (isAllowed(cell.expected)) {
    expect(res.status, res.text).toBe(ACTIONS[cell.action].okStatus);
    expect(await statesOf(w, cell.fixture)).toEqual({ ...cell.fixture.states, ...movedStates(cell) });
  } else {
    expect({ status: res.status, code: res.body?.code }, res.text).toEqual({ status: REFUSAL_STATUS[cell.expected], code: cell.expected });
    expect(await snapshot(w), 'a refused request changes nothing').toBe(before);
  }
}

beforeAll(async () => {
  clock.set(T0);
  const staff = async (role: 'expert' | 'finance'): Promise<Person> => {
    const s = await staffToken(env, role);
    return { email: s.email, id: s.id, token: s.token };
  };
  const member = (m: Member): Person => ({ email: m.email, id: m.userId, token: m.token });
  people.owner = member(await verifiedEnterprise(env));
  people.otherEnterprise = member(await verifiedEnterprise(env));
  for (const s of ['S1', 'S2', 'S3', 'S4', 'S5'] as const) people[s] = member(await verifiedSolver(env));
  for (const e of ['E1', 'E2', 'E3'] as const) people[e] = await staff('expert');
  people.finance = await staff('finance');
  const bureauEmail = `${unique('officer')}@kgj.example.gov.cn`;
  people.bureau = { email: bureauEmail, id: '', token: await bureauToken(env, bureauEmail) };

  for (const [phase, at] of [['t0', T0], ['late', T_LATE], ['t1', T1]] as const) {
    clock.set(at);
    await signInEveryone();
    for (const w of worlds) await BUILD[w.kind][phase]?.(w);
  }
}, 120_000);

afterAll(() => clock.reset());

describe('the table covers the machines', () => {
  type AnyRow = TransitionRow<string, string>;
  const machines: Record<MachineName, Machine<string, string>> = { application: applicationMachine, challenge: challengeMachine, objection: objectionMachine };
  const froms = (row: AnyRow) => (typeof row.from === 'string' ? [row.from] : [...row.from]);
  const mayMove = (row: AnyRow, role: TableRole) => {
    const mover = ROLE_AS_MOVER[role];
    return row.roles !== 'system' && mover.role !== null && row.roles.includes(mover.role) && (!row.requires || mover.relations.includes(row.requires));
  };
  const allowedCells = cells.filter((c) => isAllowed(c.expected));
  /** The states a machine may see the fixture in: as recorded, or by the clock (closing records what the clock says). */
  const seenAs = (f: Fixture, machine: MachineName): (string | undefined)[] => [f.states[machine], f.byClock?.[machine]].filter((x) => x !== undefined);

  test('every row has one outcome per role', () => {
    for (const action of Object.keys(EXPECTED) as ActionName[]) {
      for (const [state, row] of Object.entries(EXPECTED[action])) expect(row, `${action} ${state}`).toHaveLength(ROLES.length);
    }
  });

  test('every move a person may make (application, objection; challenge decision part) has an allowed cell for each role and state the machine names', () => {
    const wanted: [MachineName, AnyRow][] = [
      ...applicationMachine.rows.filter((r) => r.roles !== 'system').map((r) => ['application', r] as [MachineName, AnyRow]),
      ...objectionMachine.rows.filter((r) => r.roles !== 'system').map((r) => ['objection', r] as [MachineName, AnyRow]),
      ...challengeMachine.rows
        .filter((r) => r.roles !== 'system' && (COVERED_CHALLENGE_ACTIONS as readonly string[]).includes(r.action))
        .map((r) => ['challenge', r] as [MachineName, AnyRow]),
    ];
    const missing: string[] = [];
    for (const [machine, row] of wanted) {
      for (const from of froms(row)) {
        for (const role of ROLES.filter((r) => mayMove(row, r))) {
          const found = allowedCells.some((c) =>
            (ACTIONS[c.action].moves as Partial<Record<MachineName, string>>)[machine] === row.action
            && seenAs(c.fixture, machine).includes(from)
            && c.role === role
            && ({ ...c.fixture.states, ...movedStates(c) })[machine] === row.to);
          if (!found) missing.push(`${machine}: ${from} →(${row.action}, ${role}) ${row.to}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('every state an allowed cell moves is a row of its machine, for that role (or a consequence the machine gives the system)', () => {
    const strays: string[] = [];
    for (const c of allowedCells) {
      for (const [machine, to] of Object.entries(movedStates(c)) as [MachineName, string][]) {
        if (c.fixture.states[machine] === to) continue;
        const action = (ACTIONS[c.action].moves as Partial<Record<MachineName, string>>)[machine];
        const rows = machines[machine].rows.filter((r) => r.action === action && seenAs(c.fixture, machine).some((f) => froms(r).includes(f!)) && r.to === to);
        if (!rows.some((r) => r.roles === 'system' || mayMove(r, c.role))) strays.push(`${title(c)}: ${machine} ${c.fixture.states[machine]} → ${to}`);
      }
    }
    expect(strays).toEqual([]);
  });
});

describe('refused: the status and code of the table, and nothing changes', () => {
  for (const cell of refused) test(title(cell), () => runCell(cell, worldOf(cell)));
});

describe('allowed, the state kept (run after the refusals on the same fixtures)', () => {
  for (const cell of kept) test(title(cell), () => runCell(cell, worldOf(cell)));
});

describe('allowed, the state moved (each on a fixture of its own)', () => {
  for (const cell of moving) test(title(cell), () => runCell(cell, cell.world));
});
