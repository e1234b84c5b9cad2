/**
 * Every route under hostile input (issue 8): writes with payloads derived from the route's own
 * schema — valid, broken at one place, or raw bytes no serializer would send — reads with search
 * syntax, unknown sorts and absurd pages, path parameters naming real objects or nothing sane, as
 * each kind of user. Whatever comes in: never a 5xx, every refusal a localised problem-details
 * answer, and a refused write changes no row of any table.
 *
 * FUZZ_RUNS (default 8) sets the random inputs per route, besides the fixed examples; FUZZ_SEED
 * replays a run (fast-check prints the seed of a failing route, the table at the end the run's).
 */
import fc from 'fast-check';
import { challenges } from '@challenge/db';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { completeDraft } from './application-helpers';
import {
  bearer, challengeIn, login, pendingSolver, setupTestApp, sharedBureauToken, staffToken, TEST_BUDGET_FEN, verifiedEnterprise, verifiedSolver, type Member,
} from './helpers';
import {
  captureRoutes, HOSTILE_INTEGERS, HOSTILE_QUERIES, HOSTILE_SEGMENTS, HOSTILE_STRINGS, invalidValue, RAW_BODIES, RefusalWatch, schemaValue, validator, validValue,
  type FuzzRoute, type RawBody, type Schema,
} from './fuzz-support';

const capture = captureRoutes();
const env = await setupTestApp();
capture.stop();
const { app, clock } = env;
const valid = validator(env);

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const DAY = 24 * 60 * 60 * 1000;

/** The test clock route exists only under NODE_ENV=test, and moving the clock would expire every token in use. */
const ROUTES = capture.routes.filter((r) => r.url !== '/api/test/clock');
const keyOf = (route: FuzzRoute) => `${route.method} ${route.url}`;

// ---- who asks, in which language -----------------------------------------------------------------

/** `forged`: a bearer token not ours (alg none, garbage), or another scheme. */
type Actor = 'anonymous' | 'forged' | 'bureau' | 'finance' | 'expert' | 'owner' | 'solver';

/** Accept-Language headers and the script the problem's title must then be in. */
const LANGUAGES = [
  { header: 'en', english: true },
  { header: 'zh-CN', english: false },
  { header: 'en-US,en;q=0.9,zh;q=0.1', english: true },
  { header: 'fr;q=1, zh-TW;q=0.8', english: false },
] as const;

const FORGED = [
  'Bearer not.a.jwt',
  // alg "none" with a bureau role claim
  `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"00000000-0000-4000-8000-000000000000","role":"bureau","typ":"access"}').toString('base64url')}.`,
  'Basic YWRtaW46YWRtaW4=',
  `Bearer ${'x'.repeat(8_000)}`,
  'Bearer',
];

// ---- real objects, so inputs reach the services and not only the schema ---------------------------

interface Fixtures {
  tokens: Record<Exclude<Actor, 'anonymous' | 'forged'>, string>;
  /** Ids by the path segment that names them (`challenges`, `applications` …). */
  ids: Record<string, string[]>;
  owner: Member;
  solver: Member;
  open: { challenge: string; application: string; question: string };
  draft: { challenge: string; attachment: string };
}

let fx: Fixtures;

async function must<T = Record<string, any>>(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown): Promise<T> {
  const res = await app.inject({ method, url, headers: bearer(token), ...(payload !== undefined ? { payload: payload as object } : {}) });
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A published challenge still open, with the solver's draft application and question. */
async function openChallenge(owner: Member, solver: Member, finance: string) {
  // The fuzzing may have set this year's special-fund budget to anything; the approval needs room.
  await must('PUT', `/api/budgets/${clock.now().getUTCFullYear()}`, finance, { budgetFen: TEST_BUDGET_FEN });
  const challenge = await challengeIn(env, owner, 'published');
  const application = await must('POST', `/api/challenges/${challenge.id}/applications`, solver.token, completeDraft(challenge));
  const question = await must('POST', `/api/challenges/${challenge.id}/questions`, solver.token, { body: '是否接受联合体揭榜？' });
  return { challenge: challenge.id, application: application.id as string, question: question.id as string };
}

async function draftChallenge(owner: Member) {
  const challenge = await challengeIn(env, owner, 'draft');
  const res = await app.inject({
    method: 'POST', url: `/api/attachments?parentType=challenge&parentId=${challenge.id}&filename=notes.txt`,
    headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: Buffer.from('工艺说明 process notes'),
  });
  if (res.statusCode !== 201) throw new Error(`fixture attachment: ${res.body}`);
  return { challenge: challenge.id, attachment: (res.json() as { id: string }).id };
}

/**
 * An awarded challenge whose project is signed, its first milestone verified (two releases), with an
 * objection resolved and a change request pending — then, on the clock 51 days on, an open challenge
 * and a draft, and every user signed in afresh.
 */
async function buildFixtures(): Promise<Fixtures> {
  clock.set(new Date('2026-03-02T02:00:00Z'));
  const owner = await verifiedEnterprise(env);
  const solver = await verifiedSolver(env);
  const expert = await staffToken(env, 'expert');
  const awarded = await challengeIn(env, owner, 'published');
  const entry = await must('POST', `/api/challenges/${awarded.id}/applications`, solver.token, completeDraft(awarded));
  await must('POST', `/api/applications/${entry.id}/submit`, solver.token, {});
  clock.advance(31 * DAY);
  let bureau = await sharedBureauToken(env);
  await must('POST', `/api/applications/${entry.id}/eligibility`, bureau, { eligible: true });
  await must('POST', `/api/challenges/${awarded.id}/reviewers`, bureau, { applicationIds: [entry.id], expertIds: [expert.id] });
  const expertToken = (await login(app, expert.email)).accessToken;
  await must('PUT', `/api/applications/${entry.id}/review`, expertToken, { conflict: false });
  const scores = Object.fromEntries(['technical_approach', 'team', 'budget', 'schedule', 'prior_results'].map((k) => [k, { score: 8, comment: '可行。' }]));
  await must('PUT', `/api/applications/${entry.id}/review`, expertToken, { scores });
  await must('POST', `/api/challenges/${awarded.id}/decision`, bureau, { selections: [{ applicationId: entry.id, awardFen: 90_000_000 }], feedback: {} });
  const objection = await must('POST', `/api/challenges/${awarded.id}/objections`, (await login(app, solver.email)).accessToken, { reasons: '评审打分有误，请复核第二项指标的得分。' });
  await must('POST', `/api/objections/${objection.id}/resolve`, bureau, { outcome: 'dismissed', resolution: '复核无误。' });
  clock.advance(20 * DAY);
  bureau = await sharedBureauToken(env);
  const [project] = (await must('POST', `/api/challenges/${awarded.id}/finalize`, bureau, {})).projects as string[];
  const [ownerToken, solverToken] = [(await login(app, owner.email)).accessToken, (await login(app, solver.email)).accessToken];
  await must('POST', `/api/projects/${project}/sign`, solverToken, { payee: { accountName: '某大学', bank: '中国工商银行', accountNumber: '0200 0045 0901' } });
  const signed = await must('POST', `/api/projects/${project}/sign`, ownerToken, {});
  const milestones = (signed.milestones as { id: string }[]).map((m) => m.id);
  await must('POST', `/api/milestones/${milestones[0]}/submit`, solverToken, { report: '完成 3 炉试验。' });
  await must('POST', `/api/milestones/${milestones[0]}/review`, ownerToken, { accept: true });
  const verified = await must('POST', `/api/milestones/${milestones[0]}/verify`, bureau);
  const releases = (verified.releases as { id: string }[]).map((r) => r.id);
  const changed = await must('POST', `/api/projects/${project}/change-requests`, solverToken, { kind: 'due_date', milestoneId: milestones[1], dueDate: '2028-01-31', reason: '设备到货延迟。' });

  const fresh = { ...owner, token: ownerToken };
  const freshSolver = { ...solver, token: solverToken };
  const finance = await staffToken(env, 'finance');
  const open = await openChallenge(fresh, freshSolver, finance.token);
  const draft = await draftChallenge(fresh);
  const saved = await must('POST', '/api/me/saved-searches', solverToken, { name: '高温合金', query: { q: '高温合金' } });
  const victim = await pendingSolver(env);
  return {
    tokens: { bureau: await sharedBureauToken(env), finance: finance.token, expert: (await login(app, expert.email)).accessToken, owner: ownerToken, solver: solverToken },
    owner: fresh,
    solver: freshSolver,
    open,
    draft,
    ids: {
      challenges: [open.challenge, draft.challenge, awarded.id],
      applications: [open.application, entry.id],
      questions: [open.question],
      attachments: [draft.attachment],
      // Only the victim's organisation and account: verifying, rejecting or disabling them harms no other fixture.
      organizations: [victim.organizationId],
      users: [victim.userId],
      experts: [expert.id],
      projects: [project!],
      milestones,
      releases,
      'change-requests': [(changed.changeRequests as { id: string }[])[0]!.id],
      objections: [objection.id as string],
      'saved-searches': [saved.id as string],
    },
  };
}

/** An accepted write may have cancelled, submitted or published the open challenge or the draft; later routes need them as they were. */
async function restoreFixtures() {
  const rows = await env.database.db.select({ id: challenges.id, state: challenges.state }).from(challenges).where(inArray(challenges.id, [fx.open.challenge, fx.draft.challenge]));
  const state = Object.fromEntries(rows.map((r) => [r.id, r.state]));
  if (state[fx.open.challenge] !== 'published') {
    fx.open = await openChallenge(fx.owner, fx.solver, fx.tokens.finance);
    fx.ids.challenges![0] = fx.open.challenge;
    fx.ids.applications![0] = fx.open.application;
    fx.ids.questions = [fx.open.question];
  }
  if (state[fx.draft.challenge] !== 'draft') {
    fx.draft = await draftChallenge(fx.owner);
    fx.ids.challenges![1] = fx.draft.challenge;
    fx.ids.attachments = [fx.draft.attachment];
  }
}

// ---- one input, its request and what must hold of the answer ---------------------------------------

type Body = { json: unknown } | { raw: RawBody } | null;

interface Input {
  actor: Actor;
  forged: string;
  language: (typeof LANGUAGES)[number];
  /** Path parameters as put in the URL, and as the router decodes them when that is certain. */
  params: Record<string, { segment: string; decoded?: string }>;
  query: Record<string, string | string[]> | { raw: string } | null;
  body: Body;
  headers: Record<string, string>;
}

const paramNames = (url: string) => [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
/** The resource a path parameter names: the segment before it (`/challenges/:id/questions` → challenges). */
const resourceOf = (url: string, name: string) => url.split('/').at(url.split('/').indexOf(`:${name}`) - 1) ?? '';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What the route sees of a value in a URL: text, lone surrogates replaced as any UTF-8 encoder does. */
const asText = (v: unknown): string => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\uFFFD') : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Header values are bytes: anything beyond visible Latin-1 goes as its UTF-8 bytes, control characters dropped. */
const asHeader = (v: unknown) => Buffer.from(asText(v), 'utf8').toString('latin1').replace(/[\x00-\x1f\x7f]/g, '');

/**
 * `good` inputs are valid in every part, from a user who might be entitled, so they reach the
 * services; `any` takes each part from anything — a broken or hostile value, another user, no user,
 * a forged token. Half the random inputs are of each.
 */
function inputsFor(route: FuzzRoute): { good: fc.Arbitrary<Input>; any: fc.Arbitrary<Input> } {
  const { schema } = route;
  const ctx = { ids: Object.values(fx.ids).flat(), resolve: (ref: string) => app.getSchema(ref) as Schema | undefined };
  const either = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>) => ({ good, any: fc.oneof(good, any) });

  const param = (name: string) => {
    const pool = name === 'id' ? fx.ids[resourceOf(route.url, name)] ?? [] : [];
    const s: Schema = schema.params?.properties?.[name] ?? {};
    const encoded = (v: unknown) => ({ segment: encodeURIComponent(asText(v)), decoded: asText(v) });
    return either(
      pool.length > 0 ? fc.constantFrom(...pool).map(encoded) : validValue(s, ctx).map(encoded),
      fc.oneof(invalidValue(s, ctx).map(encoded), fc.constantFrom(...HOSTILE_SEGMENTS).map((segment) => ({ segment })), fc.uuid().map(encoded)),
    );
  };
  const params = Object.fromEntries(paramNames(route.url).map((name) => [name, param(name)]));

  const queryProps: Record<string, Schema> = schema.querystring?.properties ?? {};
  const asQuery = (v: unknown) => (Array.isArray(v) ? v.map(asText) : asText(v));
  const hostileFor = (name: string, s: Schema) => (s.type === 'integer' || s.type === 'number' ? HOSTILE_INTEGERS : name === 'q' ? HOSTILE_QUERIES : HOSTILE_STRINGS);
  const queryOf = (value: (name: string, s: Schema) => fc.Arbitrary<unknown>, extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
    fc.record({ ...Object.fromEntries(Object.entries(queryProps).map(([k, s]) => [k, value(k, s).map(asQuery)])), ...extra }, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | string[]>>;
  const rawQuery = fc.constantFrom(...HOSTILE_QUERIES, "q=a&b|c!:*()'", 'page=1&page=2&pageSize=%zz', '%', '&&&', '=x', 'q=%00', 'a[b]=1&__proto__[x]=1').map((raw) => ({ raw }));
  const query = Object.keys(queryProps).length > 0
    ? either<Input['query']>(
      queryOf((_, s) => validValue(s, ctx)).filter((q) => valid(schema.querystring, q)),
      fc.oneof(
        queryOf((k, s) => fc.oneof(invalidValue(s, ctx), fc.constantFrom(...hostileFor(k, s)), fc.array(fc.constantFrom(...hostileFor(k, s)), { minLength: 2, maxLength: 3 })), { unknownParameter: fc.constantFrom(...HOSTILE_STRINGS.slice(0, 20)) }),
        rawQuery,
      ),
    )
    : either<Input['query']>(fc.constant(null), rawQuery);

  const rawBody = fc.constantFrom(...RAW_BODIES).map((raw) => ({ raw }));
  const body = route.method === 'GET'
    ? either<Body>(fc.constant(null), fc.constant(null))
    : schema.body
      ? either<Body>(validValue(schema.body, ctx).map((json) => ({ json })), fc.oneof({ weight: 4, arbitrary: invalidValue(schema.body, ctx).map((json) => ({ json })) }, { weight: 1, arbitrary: rawBody }, { weight: 1, arbitrary: fc.constant(null) }))
      : either<Body>(fc.constant(null), fc.oneof(fc.constantFrom<unknown>({}, [], { reason: HOSTILE_STRINGS[6] }, 'x').map((json) => ({ json })), rawBody));

  const headerProps: Record<string, Schema> = schema.headers?.properties ?? {};
  const headersOf = (value: (s: Schema) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(Object.entries(headerProps).map(([k, s]) => [k, value(s).map(asHeader)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
  const headers = either(headersOf((s) => validValue(s, ctx)), headersOf((s) => schemaValue(s, ctx)));

  const actor = either(
    fc.constantFrom<Actor>('owner', 'owner', 'bureau', 'bureau', 'solver', 'solver', 'finance', 'expert'),
    fc.constantFrom<Actor>('anonymous', 'forged'),
  );
  const common = { forged: fc.constantFrom(...FORGED), language: fc.constantFrom(...LANGUAGES) };
  const pick = (which: 'good' | 'any') => fc.record({
    ...common,
    actor: actor[which],
    params: fc.record(Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p[which]]))),
    query: query[which],
    body: body[which],
    headers: headers[which],
  }) as fc.Arbitrary<Input>;
  return { good: pick('good'), any: pick('any') };
}

/** Path segments taken in turn, two per route (invalid percent-encoding and a parameter over the router's 100 characters were answered as plain JSON). */
const FIXED_SEGMENTS = ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A', 'x'.repeat(10_000)];
/** The list for reads, every value sent to every route that takes the parameter. */
const FIXED_READS: [string, readonly string[]][] = [
  ['q', ["&|!:*()'", 'a & b | !c <-> d:*', "'a':* & !", '((', '\\']],
  ['sort', ['unknown', 'title; drop table challenges']],
  // Infinity: Ajv coerces it to a number, then skips the range check (issue 8's fuzzing found it).
  ['page', ['0', '-1', '1000000000', '101', 'abc', 'Infinity']],
  ['pageSize', ['0', '-1', '1000000000', '101', 'abc', 'Infinity']],
];

const segment = (decoded: string) => ({ segment: encodeURIComponent(decoded), decoded });
/** Inputs that once got a 5xx, kept as fixed examples of their route. */
const regressions = (): Record<string, Partial<Input>[]> => ({
  'GET /api/calendar/:year': [{ params: { year: segment('Infinity') } }, { params: { year: segment('1e400') } }],
  'GET /api/challenges': [{ query: { deadlineBefore: '0000-01-01T00:00:00Z' } }],
  'POST /api/challenges': [
    { actor: 'owner', body: { json: { titleZh: '高温\u0000合金', indicators: [{ nameZh: 'a\u0000', target: '', unit: '', method: '' }] } } },
    { actor: 'owner', body: { json: { titleZh: '年份为零', deadline: '0000-01-01T00:00:00Z' } } },
    { actor: 'owner', body: { json: { titleZh: '闰秒', deadline: '2026-12-31T23:59:60Z' } } },
  ],
  'POST /api/challenges/:id/questions': [{ actor: 'solver', body: { json: { body: 'a\u0000b' } } }],
  'POST /api/projects/:id/change-requests': [{ actor: 'solver', body: { json: { kind: 'due_date', milestoneId: fx.ids.milestones![1], dueDate: '0000-01-01', reason: '公元零年' } } }],
  'POST /api/me/saved-searches': [{ actor: 'solver', body: { json: { name: '半个代理对', query: { q: '\ud800' } } } }],
  'PUT /api/me/email-preferences': [{ actor: 'solver', body: { json: { kinds: [{ kind: 'release_disbursed', email: false }, { kind: 'release_disbursed', email: true }] } } }],
});

/**
 * The fixed inputs a route gets before the random ones: the list for reads, two hostile path
 * segments and one raw body, taken in turn so that across the routes each is tried several times;
 * for a write, a valid input from each of the owner, the solver and the bureau on each real object
 * the route may name (whichever of them may act gets hostile text through to the database); and the
 * route's regressions.
 */
function examplesFor(route: FuzzRoute, index: number, good: fc.Arbitrary<Input>): Input[] {
  const names = paramNames(route.url);
  const base = (i: number): Input => ({
    actor: (['bureau', 'owner', 'solver', 'anonymous'] as const)[i % 4]!, forged: FORGED[0]!, language: LANGUAGES[i % LANGUAGES.length]!,
    params: Object.fromEntries(names.map((name) => {
      const id = (name === 'id' ? fx.ids[resourceOf(route.url, name)]?.[0] : undefined) ?? '00000000-0000-4000-8000-000000000000';
      return [name, { segment: id, decoded: id }];
    })),
    query: null, body: null, headers: {},
  });
  const queryProps = route.schema.querystring?.properties ?? {};
  const examples: Input[] = [];
  for (const [name, values] of FIXED_READS) {
    if (name in queryProps) for (const v of values) examples.push({ ...base(examples.length), query: { [name]: v } });
  }
  if (route.method !== 'GET') {
    examples.push({ ...base(examples.length), body: { raw: RAW_BODIES[index % RAW_BODIES.length]! } });
    const pool = names.includes('id') ? fx.ids[resourceOf(route.url, 'id')] ?? [] : [];
    const sweep = (['owner', 'solver', 'bureau'] as const).flatMap((actor) => (pool.length > 0 ? pool : [undefined]).map((id) => ({ actor, id })));
    fc.sample(good, { numRuns: sweep.length, seed: SEED + index }).forEach((input, i) => {
      const { actor, id } = sweep[i]!;
      examples.push({ ...input, actor, params: id ? { ...input.params, id: { segment: id, decoded: id } } : input.params });
    });
  }
  if (names.length > 0) {
    for (const segment of [FIXED_SEGMENTS[index % FIXED_SEGMENTS.length]!, FIXED_SEGMENTS[(index + 1) % FIXED_SEGMENTS.length]!]) {
      examples.push({ ...base(examples.length), params: { ...base(0).params, [names[0]!]: { segment } } });
    }
  }
  for (const fixed of regressions()[keyOf(route)] ?? []) {
    const example = base(examples.length);
    examples.push({ ...example, ...fixed, params: { ...example.params, ...fixed.params } });
  }
  return examples;
}

function requestOf(route: FuzzRoute, input: Input) {
  const path = route.url.replace(/:(\w+)|\*/g, (_, name: string | undefined) => input.params[name ?? '*']!.segment);
  const q = input.query;
  const search = q === null ? '' : 'raw' in q ? `?${q.raw}` : `?${new URLSearchParams(Object.entries(q).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, string]))).toString()}`;
  const token = input.actor === 'anonymous' ? undefined : input.actor === 'forged' ? input.forged : `Bearer ${fx.tokens[input.actor]}`;
  const headers: Record<string, string> = { 'accept-language': input.language.header, ...input.headers, ...(token ? { authorization: token } : {}) };
  let payload: string | Buffer | undefined;
  if (input.body && 'json' in input.body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(input.body.json) ?? 'null';
  } else if (input.body) {
    headers['content-type'] = input.body.raw.contentType;
    payload = input.body.raw.payload;
  }
  return { method: route.method as 'GET', url: path + (search === '?' ? '' : search), headers, payload };
}

/** Whether the request could be accepted: false only where the schema (or the missing sign-in) certainly refuses it. */
function mayBeAccepted(route: FuzzRoute, input: Input): boolean {
  if (input.actor === 'forged') return false;
  if (input.actor === 'anonymous' && [route.preHandler].flat().includes(app.requireUser)) return false;
  const params = Object.entries(input.params);
  if (params.every(([, p]) => p.decoded !== undefined) && !valid(route.schema.params, Object.fromEntries(params.map(([k, p]) => [k, p.decoded])))) return false;
  if (input.query && !('raw' in input.query) && !valid(route.schema.querystring, input.query)) return false;
  if (input.body && 'json' in input.body && !valid(route.schema.body, input.body.json)) return false;
  return valid(route.schema.headers, input.headers);
}

const describeInput = (request: ReturnType<typeof requestOf>) => {
  const payload = typeof request.payload === 'string' ? request.payload : request.payload ? `<${request.payload.length} bytes>` : '';
  const short = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}… (${s.length} chars)` : s);
  return `${request.method} ${short(request.url)} ${JSON.stringify({ ...request.headers, authorization: request.headers.authorization?.slice(0, 40) })} ${short(payload)}`;
};

const ENGLISH = /^[\x20-\x7e]+$/;
const CHINESE = /[\u4e00-\u9fff]/;

function expectProblem(res: Awaited<ReturnType<typeof app.inject>>, input: Input, what: string) {
  expect(res.statusCode, `5xx for ${what}: ${res.body.slice(0, 500)}`).toBeLessThan(500);
  if (res.statusCode < 400) return;
  expect(String(res.headers['content-type']), `not problem details for ${what}: ${res.body.slice(0, 300)}`).toMatch(/^application\/problem\+json/);
  const problem = res.json() as Record<string, unknown>;
  expect(problem, what).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.statusCode, detail: expect.any(String) });
  // A repeat under an Idempotency-Key is answered with the first answer as it was, in the first request's language.
  if (res.headers['idempotent-replayed'] === 'true') return;
  expect(problem.title, `title in the wrong language (${input.language.header}) for ${what}`).toMatch(input.language.english ? ENGLISH : CHINESE);
}

// ---- the run ---------------------------------------------------------------------------------------

/** Per route: inputs tried, and how many were accepted (2xx) and refused (4xx). */
const tried = new Map<string, { inputs: number; accepted: number; refused: number }>();
const watch = new RefusalWatch(env);

beforeAll(async () => {
  fx = await buildFixtures();
}, 60_000);

afterAll(() => {
  if (tried.size === 0) return;
  const counts = [...tried.values()].map((t) => t.inputs).sort((a, b) => a - b);
  const lines = [...tried.entries()].map(([route, t]) => `${String(t.inputs).padStart(6)} ${String(t.accepted).padStart(8)} ${String(t.refused).padStart(7)}  ${route}`);
  console.log(
    `fuzz, seed ${SEED}, ${RUNS} random inputs per route besides the fixed ones: ${tried.size} routes, ${counts.reduce((a, b) => a + b, 0)} inputs ` +
    `(min ${counts[0]}, median ${counts[Math.floor(counts.length / 2)]}, max ${counts.at(-1)} per route), ${watch.snapshots} database snapshots\n` +
    ` inputs accepted refused  route\n${lines.join('\n')}`,
  );
});

describe('every route under hostile input', () => {
  test('every route of the app is fuzzed, none named here', () => {
    expect(ROUTES.length).toBeGreaterThan(90);
    expect(ROUTES.map(keyOf)).toContain('PATCH /api/challenges/:id');
  });

  for (const [index, route] of ROUTES.entries()) {
    test(keyOf(route), async () => {
      await restoreFixtures();
      const writes = route.method !== 'GET';
      const counts = { inputs: 0, accepted: 0, refused: 0 };
      tried.set(keyOf(route), counts);
      if (writes) await watch.start();
      const inputs = inputsFor(route);
      const examples = examplesFor(route, index, inputs.good);
      const run = await fc.check(
        fc.asyncProperty(fc.oneof(inputs.good, inputs.any), async (input) => {
          const request = requestOf(route, input);
          const what = describeInput(request);
          const acceptable = mayBeAccepted(route, input);
          if (writes && acceptable) await watch.check();
          const res = await app.inject(request);
          counts.inputs++;
          expectProblem(res, input, what);
          if (res.statusCode < 300) expect(acceptable, `accepted though its schema refuses it: ${what}`).toBe(true);
          if (res.statusCode < 300) counts.accepted++;
          else if (res.statusCode >= 400) counts.refused++;
          if (!writes) return;
          if (res.statusCode < 300) await watch.accepted();
          // A refused request with an Idempotency-Key records its answer, so that its retry is answered alike.
          else watch.refusal(what, route.config.idempotent === true && input.headers['idempotency-key'] ? 'idempotency_keys' : undefined);
        }),
        { numRuns: RUNS + examples.length, seed: SEED + index, endOnFailure: true, examples: examples.map((e) => [e]) },
      );
      // fast-check's own report repeats the whole input (a path segment may be 10,000 characters); the error names it already, cut short.
      if (run.failed) throw new Error(`seed ${run.seed} (FUZZ_SEED=${SEED}): ${(run.errorInstance as Error | undefined)?.message}`);
      if (writes) await watch.check();
    }, 30_000 + RUNS * 1_000);
  }
});
