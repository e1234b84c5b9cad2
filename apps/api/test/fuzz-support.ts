/**
 * Fuzzing support (issue 8, hostile input): every route of the built app with its JSON schema, values
 * derived from those schemas — valid ones and ones broken at one place — mixed with a list of hostile
 * strings, numbers, path segments and raw bodies, and the app's own validator to tell which inputs the
 * schema must refuse.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import AjvCompiler from '@fastify/ajv-compiler';
import { queryRows } from '@challenge/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { TestEnv } from './helpers';

export type Schema = Record<string, any>;

export interface FuzzRoute {
  method: string;
  url: string;
  schema: Schema;
  preHandler: unknown;
  config: Record<string, unknown>;
}

/**
 * Collects the routes of every Fastify instance built until `stop()`: Fastify announces each new
 * instance on the `fastify.initialization` diagnostics channel before any plugin registers, so an
 * `onRoute` hook added there sees every route — new ones included, without naming them here.
 */
export function captureRoutes(): { routes: FuzzRoute[]; stop: () => void } {
  const routes: FuzzRoute[] = [];
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: { addHook: (name: 'onRoute', hook: (route: Record<string, any>) => void) => void } };
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat() as string[]) {
        // HEAD is GET without a body: nothing to read a problem from.
        if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema ?? {}, preHandler: route.preHandler, config: route.config ?? {} });
      }
    });
  };
  subscribe('fastify.initialization', onInit);
  return { routes, stop: () => unsubscribe('fastify.initialization', onInit) };
}

// ---- hostile values ------------------------------------------------------------------------------

const LONG = 'x'.repeat(100_000);
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', ' \t\n ', LONG, '长'.repeat(20_000), '😀'.repeat(3_000),
  '\u0000', 'a\u0000b', '\u0001\u0002\u0003\u0007\b\t\n\v\f\r\u001b[31m\u007f\u0085\u2028\u2029',
  '\u202Eevil\u202C txt.exe', '\u200B\u200C\u200D\uFEFF', 'مرحبا שלום 你好 Привет ᚠᛇᚻ e\u0301 ǅ ß ﬁ İ',
  "'; drop table users; --", "' or '1'='1", '" or ""="', "1); select pg_sleep(5); --", "\\'; --", '$1', '%s%n%x', '{{7*7}}', '${7*7}',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)', '&lt;b&gt;&amp;', '</mark><mark>',
  '\uD800', 'a\uDC00b', '\uDBFF\uDFFF\uD800',
  '1e308', '-1', '9007199254740993', 'NaN', 'Infinity', '-0', '0x10', 'null', 'undefined', 'true', '[]', '{}',
  '__proto__', 'constructor', 'prototype', '../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '%2e%2e%2f',
  "&|!:*()'", "a & b | !c <-> d:* ('e')", ':*', '!', '(', "'", '\\', '""', '*', '%', '_',
  '=HYPERLINK("http://evil.example")', '+cmd|" /C calc"!A0', '@SUM(1+1)', '-2+3',
];

/**
 * Whether the API stores the text as sent: it refuses a NUL and a lone surrogate whatever the schema
 * says (http/problems.ts), so those belong to the invalid values.
 */
export const storable = (text: string) => !text.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** Search text: PostgreSQL tsquery operators and quoting, Meilisearch's syntax, LIKE wildcards. */
export const HOSTILE_QUERIES: readonly string[] = [
  "&|!:*()'", 'a & b', 'a | b', '!a', 'a:*', '(a', 'a)', "'", "''", 'a <-> b', 'a <2> b', "'a':*", '\\', '&', '|', '!', ':', '*', '()',
  'steel & !(alloy | "x")', '高温合金 & | !', '"unclosed', 'a:A', '%', '_%_', '-', 'NOT OR AND', ':* & :*', '!!!!!!!!', '((((((((((',
];

/** page, pageSize and other integers in a query: the maximum page size is 100. */
export const HOSTILE_INTEGERS: readonly string[] = [
  '0', '-1', '1000000000', '101', '100', 'abc', '1.5', '1e308', '-0', '', ' ', '9007199254740993', 'NaN', 'Infinity', '0x10', '1,2', '١٢', '+1', '1 ',
];

const HOSTILE_NUMBERS: readonly unknown[] = [-1, 0, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 31, 'NaN', 'Infinity', '1e400', '12abc'];

/**
 * Path segments as they appear in the URL: some already percent-encoded (a NUL, invalid UTF-8, an
 * encoded lone surrogate, slashes), some raw (`../..`), which the router must survive either way.
 */
export const HOSTILE_SEGMENTS: readonly string[] = [
  'not-a-uuid', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', '%', '%E0%A4%A', '%C3%28', '%ED%A0%80', '%F0%9F%98%80',
  'x'.repeat(10_000), '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '%2000000000-0000-4000-8000-000000000000',
  "1'%20or%20'1'='1", '%3Cscript%3E', '-1', '0', '1e308', '99999999999999999999', 'null', '__proto__', 'constructor',
];

// ---- values from a schema ------------------------------------------------------------------------

/** The ids of real objects a uuid field may name, so some writes reach the services, not just the schema. */
export interface ValueContext {
  ids: readonly string[];
  resolve: (ref: string) => Schema | undefined;
}

const MAX_DEPTH = 6;
/** Ajv counts code points, so cut and pad by code points. */
const codePoints = (s: string) => Array.from(s);
const fit = (s: string, min = 0, max = Infinity) => {
  const cut = codePoints(s).slice(0, max).join('');
  return codePoints(cut).length >= min ? cut : cut + 'x'.repeat(min - codePoints(cut).length);
};
const typeOf = (schema: Schema): string | undefined => {
  const types = [schema.type].flat().filter(Boolean) as string[];
  return types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : undefined);
};
const deref = (schema: Schema, ctx: ValueContext): Schema => (schema.$ref ? (ctx.resolve(schema.$ref) ?? {}) : schema);

function stringValue(schema: Schema, ctx: ValueContext): fc.Arbitrary<string> {
  const byFormat = formatValue(schema, ctx);
  if (!byFormat || !schema.pattern) return byFormat ?? plainString(schema);
  const pattern = new RegExp(schema.pattern as string);
  return byFormat.filter((s) => pattern.test(s));
}

function formatValue(schema: Schema, ctx: ValueContext): fc.Arbitrary<string> | undefined {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  switch (schema.format) {
    case 'uuid': return ctx.ids.length > 0 ? fc.oneof(fc.constantFrom(...ctx.ids), fc.uuid()) : fc.uuid();
    case 'email': return fc.oneof(fc.emailAddress(), fc.constantFrom("o'neil--@evil.example.cn", "x'or'1'='1@a.example.cn", 'a+%00@b.example.cn')).filter((e) => e.length >= min && e.length <= max);
    case 'date-time': return fc.oneof(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      // Formally valid, and at the edges of what a Date (or PostgreSQL) holds: a leap second, year 0 and 9999, odd offsets.
      fc.constantFrom('2026-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-06-01T00:00:00+14:00', '2026-06-01T00:00:00.123456789-12:00', '1969-12-31T23:59:59Z'),
    );
    case 'date': return fc.oneof(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom('0000-01-01', '9999-12-31', '2028-02-29', '1970-01-01'),
    );
    case 'uri': return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'http://127.0.0.1:5432/', 'data:text/html,<script>alert(1)</script>'));
  }
  return undefined;
}

function plainString(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 10_000;
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern as string)).filter((s) => codePoints(s).length >= min && codePoints(s).length <= max);
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter(storable)).map((s) => fit(s, min, max)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 40) }).filter(storable) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }) },
  );
}

function numberValue(schema: Schema): fc.Arbitrary<number> {
  const integer = typeOf(schema) === 'integer';
  const min: number | undefined = schema.minimum;
  const max: number | undefined = schema.maximum;
  if (min === undefined && max === undefined) {
    // Unbounded: anything JSON can carry is valid, however large.
    return fc.oneof(integer ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 53 + 1, 1e308, -1e308));
  }
  const lo = min ?? -(2 ** 53) + 1;
  const hi = max ?? 2 ** 53 - 1;
  const edges = fc.constantFrom(lo, hi);
  return fc.oneof(edges, integer ? fc.maxSafeInteger().map((n) => lo + Math.abs(n % (hi - lo + 1))) : fc.double({ min: lo, max: hi, noNaN: true }));
}

/** A value the schema accepts (as far as its keywords go), strings mostly from the hostile list cut to fit. */
export function validValue(input: Schema, ctx: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = deref(input, ctx);
  const withNull = (a: fc.Arbitrary<unknown>) => (schema.nullable ? fc.oneof(a, fc.constant(null)) : a);
  if (schema.anyOf || schema.oneOf) return withNull(fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => validValue(s, ctx, depth + 1))));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return withNull(fc.constantFrom(...(schema.enum as unknown[])));
  switch (typeOf(schema)) {
    case 'string': return withNull(stringValue(schema, ctx));
    case 'integer':
    case 'number': return withNull(numberValue(schema));
    case 'boolean': return withNull(fc.boolean());
    case 'null': return fc.constant(null);
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, depth >= MAX_DEPTH ? 0 : 4, schema.maxItems ?? Infinity);
      return withNull(fc.array(validValue(schema.items ?? {}, ctx, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength: Math.max(maxLength, schema.minItems ?? 0) }));
    }
    case 'object': return withNull(objectValue(schema, ctx, depth));
    default: return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.integer(), fc.constant(null), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
  }
}

function objectValue(schema: Schema, ctx: ValueContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required: string[] = (schema.required ?? []).filter((k: string) => k in properties);
  const keyed = fc.record(
    Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, validValue(s, ctx, depth + 1)])),
    { requiredKeys: required },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>);
  const extra = typeof schema.additionalProperties === 'object' ? [['^.*$', schema.additionalProperties] as [string, Schema]] : [];
  const free = [...patterns, ...extra].map(([pattern, s]) =>
    fc.dictionary(fc.stringMatching(new RegExp(pattern)).filter((k) => k.length <= 40 && !(k in Object.prototype)), validValue(s, ctx, depth + 1), { maxKeys: depth >= MAX_DEPTH ? 0 : 3 }));
  const minKeys: number = schema.minProperties ?? 0;
  return fc.tuple(keyed, ...free)
    .map(([known, ...rest]) => Object.assign({}, ...rest, known) as Record<string, unknown>)
    .filter((o) => Object.keys(o).length >= minKeys);
}

/** Keys a client might try to set that no schema names: mass assignment and prototype pollution. */
const FOREIGN_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'state', 'status', 'role', 'organizationId', 'ownerId', 'isOrgAdmin', 'bountyFen', 'createdAt', ''];

/**
 * A value the schema refuses at one place (a property too long, out of range, of another type, not in
 * the enum, missing, or one the schema does not know), the rest valid. "Refuses" is a guess: whether
 * Ajv (with coercion) agrees is decided by `validator` below, not assumed here.
 */
export function invalidValue(input: Schema, ctx: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = deref(input, ctx);
  const wrongType = fc.constantFrom<unknown>({}, [{}], { a: [1] }, 'x', -1, true, null, LONG);
  const options: fc.Arbitrary<unknown>[] = [wrongType];
  const branches: Schema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (branches) options.push(...branches.map((s) => invalidValue(s, ctx, depth + 1)));
  if (schema.enum || schema.const !== undefined) options.push(fc.constantFrom(...HOSTILE_STRINGS));
  switch (typeOf(schema)) {
    case 'string': {
      const { minLength: min, maxLength: max } = schema;
      options.push(fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !storable(s))));
      if (max !== undefined) options.push(fc.integer({ min: 1, max: 50 }).map((n) => 'x'.repeat(max + n)), fc.constant(LONG + LONG));
      if (min) options.push(fc.constant('x'.repeat(min - 1)));
      if (schema.format || schema.pattern) options.push(fc.constantFrom(...HOSTILE_STRINGS, 'not-a-uuid', '2026-13-45T25:61:00Z', '2026-02-30', 'not an e-mail@', 'ftp//x'));
      break;
    }
    case 'integer':
    case 'number': {
      options.push(fc.constantFrom(...HOSTILE_NUMBERS));
      if (schema.minimum !== undefined) options.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 2 ** 40));
      if (schema.maximum !== undefined) options.push(fc.constantFrom(schema.maximum + 1, schema.maximum * 1000 + 1));
      break;
    }
    case 'boolean': options.push(fc.constantFrom<unknown>('maybe', 2, 'yes', {})); break;
    case 'array': {
      const items: Schema = schema.items ?? {};
      if (schema.maxItems !== undefined) options.push(fc.array(validValue(items, ctx, depth + 1), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 3 }));
      if (depth < MAX_DEPTH) options.push(fc.tuple(invalidValue(items, ctx, depth + 1), fc.array(validValue(items, ctx, depth + 1), { maxLength: 2 })).map(([bad, rest]) => [...rest, bad]));
      break;
    }
    case 'object': {
      const properties: Record<string, Schema> = schema.properties ?? {};
      const keys = Object.keys(properties);
      const valid = objectValue(schema, ctx, depth);
      if (keys.length > 0 && depth < MAX_DEPTH) {
        options.push(fc.tuple(valid, fc.constantFrom(...keys)).chain(([o, k]) => invalidValue(properties[k]!, ctx, depth + 1).map((bad) => ({ ...o, [k]: bad }))));
      }
      const required: string[] = schema.required ?? [];
      if (required.length > 0) options.push(fc.tuple(valid, fc.constantFrom(...required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))));
      if (schema.additionalProperties === false) {
        // JSON.parse makes `__proto__` an own property, as a request body would.
        options.push(fc.tuple(valid, fc.constantFrom(...FOREIGN_KEYS), fc.constantFrom<unknown>(...HOSTILE_STRINGS.slice(0, 12), { isAdmin: true }, 1))
          .map(([o, k, v]) => ({ ...o, ...JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v)}}`) })));
      }
      break;
    }
  }
  return fc.oneof(...options);
}

/** Mostly values broken at one place, often fully valid ones, so both the validator and the services are reached. */
export const schemaValue = (schema: Schema, ctx: ValueContext): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 2, arbitrary: validValue(schema, ctx) }, { weight: 3, arbitrary: invalidValue(schema, ctx) });

// ---- raw bodies ----------------------------------------------------------------------------------

export interface RawBody {
  label: string;
  contentType: string;
  payload: Buffer | string;
}

const TOO_LARGE = `{"x":"${'y'.repeat(1_100_000)}"}`;
/** Bodies no JSON serializer would send: invalid UTF-8, truncated or deeply nested JSON, other content types. */
export const RAW_BODIES: readonly RawBody[] = [
  { label: 'invalid UTF-8 C3 28', contentType: 'application/json', payload: Buffer.from([0xc3, 0x28]) },
  { label: 'invalid UTF-8 in a string', contentType: 'application/json', payload: Buffer.concat([Buffer.from('{"titleZh":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')]) },
  { label: 'UTF-16 BOM', contentType: 'application/json; charset=utf-16', payload: Buffer.from('\ufeff{"a":1}', 'utf16le') },
  { label: 'nested arrays 50,000 deep', contentType: 'application/json', payload: '['.repeat(50_000) + ']'.repeat(50_000) },
  { label: 'nested objects 20,000 deep', contentType: 'application/json', payload: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) },
  { label: '__proto__', contentType: 'application/json', payload: '{"__proto__":{"isAdmin":true}}' },
  { label: 'constructor.prototype', contentType: 'application/json', payload: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { label: 'truncated', contentType: 'application/json', payload: '{"reason":"abc' },
  { label: 'empty', contentType: 'application/json', payload: '' },
  { label: 'null', contentType: 'application/json', payload: 'null' },
  { label: 'a string', contentType: 'application/json', payload: '"text"' },
  { label: 'a number', contentType: 'application/json', payload: '1e308' },
  { label: 'duplicate keys', contentType: 'application/json', payload: '{"reason":"ok ok","reason":{"$ne":1}}' },
  { label: 'larger than the body limit', contentType: 'application/json', payload: TOO_LARGE },
  { label: 'text/plain', contentType: 'text/plain', payload: "'; drop table users; --" },
  { label: 'form', contentType: 'application/x-www-form-urlencoded', payload: 'reason=%00&reason=x&__proto__[a]=1' },
  { label: 'octet-stream HTML', contentType: 'application/octet-stream', payload: '<html><script>alert(1)</script></html>' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { label: 'xml', contentType: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>' },
];

// ---- validation as the app does it ---------------------------------------------------------------

/**
 * The app's own validator compiler with the app's Ajv options (app.ts; its narrowed date formats
 * aside, which only refuse more): whether a part of a request passes its schema decides whether the
 * request may be accepted at all. Coercion runs on a copy.
 */
export function validator(env: TestEnv) {
  const build = AjvCompiler()(env.app.getSchemas() as Record<string, Schema>, {
    customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
  });
  const cache = new Map<Schema, (data: unknown) => boolean>();
  return (schema: Schema | undefined, data: unknown): boolean => {
    if (!schema) return true;
    let check = cache.get(schema);
    if (!check) cache.set(schema, (check = build({ schema }) as (data: unknown) => boolean));
    return check(data === undefined ? undefined : structuredClone(data));
  };
}

// ---- the database unchanged ----------------------------------------------------------------------

export interface Snapshot {
  /** One past the newest finished transaction id: unchanged means no transaction wrote anything since. */
  xmax: string;
  /** Row count and checksum per table. */
  tables: Record<string, string>;
}

/** Every row change needs a transaction id, so while this stays put nothing can have been written. */
export async function transactionHorizon(env: TestEnv): Promise<string> {
  const [row] = await queryRows<{ xmax: string }>(env.database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`);
  return row!.xmax;
}

/**
 * Row count and a checksum of every table, as helpers.ts `fingerprint` but in one statement with an
 * order-free sum of 64-bit row hashes instead of a sorted md5 per table: 10–30 ms against 80–150 ms
 * on PGlite here (4 against 22 on PostgreSQL), which is what lets every batch of refusals be checked.
 */
export async function snapshot(env: TestEnv): Promise<Snapshot> {
  const xmax = await transactionHorizon(env);
  const tables = await queryRows<{ tablename: string }>(env.database.db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const statement = tables
    .map(({ tablename }) => `select '${tablename}' as t, count(*)::text || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0)::text as h from "${tablename}" x`)
    .join(' union all ');
  const rows = await queryRows<{ t: string; h: string }>(env.database.db, sql.raw(statement));
  return { xmax, tables: Object.fromEntries(rows.map((r) => [r.t, r.h])) };
}

/**
 * Refused writes change nothing. Refusals are checked together, against the state before the first
 * of them, just before a request that might be accepted (whose changes would mix in) and at the end
 * of a route; while no transaction id has been used since that state, nothing needs to be read.
 * An accepted write moves the baseline. The baseline carries over from route to route.
 */
export class RefusalWatch {
  snapshots = 0;
  private baseline: Snapshot | null = null;
  private refused: string[] = [];
  /** Tables a refusal may legitimately have written to (an Idempotency-Key's recorded answer). */
  private excused = new Set<string>();

  constructor(private readonly env: TestEnv) {}

  private async take() {
    this.snapshots++;
    this.baseline = await snapshot(this.env);
  }

  /** Before a route's first request: the baseline, unless nothing was written since it was taken. */
  async start() {
    if (!this.baseline || (await transactionHorizon(this.env)) !== this.baseline.xmax) await this.take();
  }

  refusal(what: string, excused?: string) {
    this.refused.push(what);
    if (excused) this.excused.add(excused);
  }

  async accepted() {
    this.refused = [];
    this.excused.clear();
    await this.take();
  }

  async check() {
    if (this.refused.length === 0) return;
    if ((await transactionHorizon(this.env)) !== this.baseline!.xmax) {
      const before = this.baseline!.tables;
      await this.take();
      const after = this.baseline!.tables;
      const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !this.excused.has(t));
      expect(changed, `a refused write changed these tables; it was one of:\n${this.refused.join('\n')}`).toEqual([]);
    }
    this.refused = [];
    this.excused.clear();
  }
}
