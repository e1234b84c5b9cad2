/**
 * Test-only stand-ins for a Meilisearch server, which cannot be installed on these machines
 * (architecture.md "Testing what cannot run here"). NOT Meilisearch:
 *
 * - `startRecordingServer`: a node:http server that records every request (method, path, query,
 *   JSON body) and answers what the test says.
 * - `FakeMeilisearch`: a recording server that also keeps documents and settings and answers
 *   multi-search for the subset of Meilisearch's behaviour the engine relies on, as documented:
 *   filter expressions (our grammar: AND, OR, NOT, =, !=, <, <=, >, >=, IN, NOT IN, IS [NOT] NULL),
 *   `attributesToSearchOn`, every query word present as a whole token of a searchable attribute
 *   (the last one as a prefix unless a space follows), `matchingStrategy: 'last'` (the first word
 *   only), sort with missing values last, facets, `page`/`hitsPerPage`, `attributesToRetrieve`,
 *   and the validations that would make Meilisearch refuse a request (an attribute that is not
 *   filterable, sortable or searchable). No typo tolerance, synonyms or charabia segmentation.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export type Answer = { status: number; body?: unknown };
export type Handler = (req: RecordedRequest) => Answer | Promise<Answer>;

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces how the server answers (the recording goes on). */
  answer(handler: Handler): void;
  close(): Promise<void>;
}

let taskUid = 0;
export const enqueued = (indexUid: string | null, type: string): Answer => ({
  status: 202,
  body: { taskUid: ++taskUid, indexUid, status: 'enqueued', type, enqueuedAt: new Date(0).toISOString() },
});

export async function startRecordingServer(handler: Handler): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let current = handler;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(recorded);
      try {
        const { status, body } = await current(recorded);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? '' : JSON.stringify(body));
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(e), code: 'internal', type: 'internal', link: '' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (h) => { current = h; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port nothing listens on: bound, read, closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Doc = Record<string, unknown>;
const apiError = (status: number, code: string, message: string): Answer => ({ status, body: { message, code, type: 'invalid_request', link: '' } });

export class FakeMeilisearch {
  readonly documents = new Map<string, Doc>();
  settings: Record<string, unknown> | null = null;
  indexExists = false;

  private constructor(readonly server: RecordingServer, readonly indexUid: string) {}

  static async start(indexUid = 'challenges'): Promise<FakeMeilisearch> {
    let fake: FakeMeilisearch | undefined;
    const server = await startRecordingServer((req) => fake!.handle(req));
    fake = new FakeMeilisearch(server, indexUid);
    return fake;
  }

  get url(): string {
    return this.server.url;
  }

  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private handle(req: RecordedRequest): Answer {
    const index = `/indexes/${this.indexUid}`;
    if (req.method === 'GET' && req.path === index) {
      return this.indexExists ? { status: 200, body: { uid: this.indexUid, primaryKey: 'id' } } : apiError(404, 'index_not_found', `Index \`${this.indexUid}\` not found.`);
    }
    if (req.method === 'POST' && req.path === '/indexes') {
      this.indexExists = true;
      return enqueued(this.indexUid, 'indexCreation');
    }
    if (req.method === 'PATCH' && req.path === `${index}/settings`) {
      this.settings = req.body as Record<string, unknown>;
      return enqueued(this.indexUid, 'settingsUpdate');
    }
    if (req.method === 'POST' && req.path === `${index}/documents`) {
      for (const d of req.body as Doc[]) this.documents.set(String(d.id), d);
      return enqueued(this.indexUid, 'documentAdditionOrUpdate');
    }
    if (req.method === 'POST' && req.path === `${index}/documents/delete-batch`) {
      for (const id of req.body as string[]) this.documents.delete(String(id));
      return enqueued(this.indexUid, 'documentDeletion');
    }
    if (req.method === 'GET' && req.path === `${index}/documents`) {
      const limit = Number(req.query.limit ?? 20);
      const offset = Number(req.query.offset ?? 0);
      const all = [...this.documents.values()];
      return { status: 200, body: { results: all.slice(offset, offset + limit).map((d) => ({ id: d.id })), offset, limit, total: all.length } };
    }
    if (req.method === 'POST' && req.path === '/multi-search') {
      const results = [];
      for (const q of (req.body as { queries: Doc[] }).queries) {
        const r = this.search(q);
        if ('refused' in r) return r.refused;
        results.push(r.result);
      }
      return { status: 200, body: { results } };
    }
    return apiError(404, 'not_found', `${req.method} ${req.path} is not handled by the stand-in`);
  }

  private list(name: string): string[] {
    return ((this.settings?.[name] as string[] | undefined) ?? []).map(String);
  }

  private search(q: Doc): { result: Doc } | { refused: Answer } {
    const filterable = this.list('filterableAttributes');
    const searchable = this.list('searchableAttributes');
    const sortable = this.list('sortableAttributes');
    let filters: Expr[];
    try {
      filters = ((q.filter as string[] | undefined) ?? []).map(parseFilter);
    } catch (e) {
      return { refused: apiError(400, 'invalid_search_filter', String(e)) };
    }
    for (const attr of filters.flatMap(attributesOf)) {
      if (!filterable.includes(attr)) return { refused: apiError(400, 'invalid_search_filter', `Attribute \`${attr}\` is not filterable.`) };
    }
    const searchOn = (q.attributesToSearchOn as string[] | undefined) ?? searchable;
    for (const a of searchOn) if (!searchable.includes(a)) return { refused: apiError(400, 'invalid_search_attributes_to_search_on', `Attribute \`${a}\` is not searchable.`) };
    const sort = (q.sort as string[] | undefined) ?? [];
    for (const s of sort) if (!sortable.includes(s.split(':')[0]!)) return { refused: apiError(400, 'invalid_search_sort', `Attribute \`${s}\` is not sortable.`) };
    for (const f of (q.facets as string[] | undefined) ?? []) if (!filterable.includes(f)) return { refused: apiError(400, 'invalid_search_facets', `Attribute \`${f}\` is not filterable.`) };

    const text = typeof q.q === 'string' ? q.q : '';
    let words = text.split(/\s+/).filter((w) => w !== '');
    if (q.matchingStrategy === 'last') words = words.slice(0, 1);
    const lastIsPrefix = text !== '' && !/\s$/.test(text);
    const hits: { doc: Doc; score: number }[] = [];
    for (const doc of this.documents.values()) {
      if (!filters.every((f) => evaluate(f, doc))) continue;
      if (words.length === 0) {
        hits.push({ doc, score: 1 });
        continue;
      }
      const tokens = searchOn.map((a) => new Set(String(doc[a] ?? '').split(/\s+/)));
      const found = (w: string, prefix: boolean) => tokens.findIndex((set) => [...set].some((t) => (prefix ? t.startsWith(w) : t === w)));
      const at = words.map((w, i) => found(w, lastIsPrefix && i === words.length - 1));
      if (at.some((i) => i < 0)) continue;
      hits.push({ doc, score: 1 - Math.max(...at) / (searchOn.length + 1) });
    }
    hits.sort((a, b) => {
      for (const s of sort) {
        const [attr, dir] = s.split(':') as [string, 'asc' | 'desc'];
        const x = a.doc[attr] as number | null | undefined;
        const y = b.doc[attr] as number | null | undefined;
        if (x === y) continue;
        if (x == null) return 1;
        if (y == null) return -1;
        return dir === 'asc' ? x - y : y - x;
      }
      return b.score - a.score;
    });
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const f of (q.facets as string[] | undefined) ?? []) {
      const counts: Record<string, number> = {};
      for (const { doc } of hits) if (doc[f] != null) counts[String(doc[f])] = (counts[String(doc[f])] ?? 0) + 1;
      facetDistribution[f] = counts;
    }
    const hitsPerPage = Number(q.hitsPerPage ?? 20);
    const page = Number(q.page ?? 1);
    const retrieve = (q.attributesToRetrieve as string[] | undefined) ?? ['*'];
    const shown = hits.slice((page - 1) * hitsPerPage, page * hitsPerPage).map(({ doc, score }) => {
      const out: Doc = retrieve.includes('*') ? { ...doc } : Object.fromEntries(retrieve.filter((a) => a in doc).map((a) => [a, doc[a]]));
      if (q.showRankingScore) out._rankingScore = score;
      return out;
    });
    const result: Doc = {
      indexUid: q.indexUid, hits: shown, query: text, processingTimeMs: 0, hitsPerPage, page,
      totalHits: hits.length, totalPages: Math.ceil(hits.length / Math.max(1, hitsPerPage)), facetDistribution,
    };
    return { result };
  }
}

// A filter expression parser for the grammar Meilisearch documents (the subset the engine writes).
type Value = string | number;
type Expr =
  | { op: 'and' | 'or'; items: Expr[] }
  | { op: 'not'; item: Expr }
  | { op: 'cmp'; attr: string; cmp: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Value }
  | { op: 'in'; attr: string; values: Value[]; negate: boolean }
  | { op: 'null'; attr: string; negate: boolean };

function tokenize(s: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|>=|<=|!=|[=<>()[\],]|[^\s=<>!()[\],"']+)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s))) out.push(m[1]!);
  if (s.slice(re.lastIndex).trim() !== '') throw new Error(`cannot read filter at ${re.lastIndex}: ${s}`);
  return out;
}

export function parseFilter(s: string): Expr {
  const t = tokenize(s);
  let i = 0;
  const peek = (k = 0) => t[i + k]?.toUpperCase();
  const take = (expected?: string) => {
    const tok = t[i++];
    if (tok === undefined || (expected && tok.toUpperCase() !== expected)) throw new Error(`expected ${expected ?? 'a token'} in: ${s}`);
    return tok;
  };
  const value = (): Value => {
    const tok = take();
    if (/^["']/.test(tok)) return tok.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok);
    if (/^[()[\],=<>!]/.test(tok)) throw new Error(`unexpected ${tok} in: ${s}`);
    return tok;
  };
  const list = (): Value[] => {
    take('[');
    const values: Value[] = [];
    while (peek() !== ']') {
      values.push(value());
      if (peek() === ',') take(',');
    }
    take(']');
    return values;
  };
  const primary = (): Expr => {
    if (peek() === '(') {
      take('(');
      const e = or();
      take(')');
      return e;
    }
    const attr = take();
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(attr)) throw new Error(`not an attribute: ${attr}`);
    const op = peek();
    if (op === 'IN') return take(), { op: 'in', attr, values: list(), negate: false };
    if (op === 'NOT' && peek(1) === 'IN') return take(), take(), { op: 'in', attr, values: list(), negate: true };
    if (op === 'IS' && peek(1) === 'NULL') return take(), take(), { op: 'null', attr, negate: false };
    if (op === 'IS' && peek(1) === 'NOT' && peek(2) === 'NULL') return take(), take(), take(), { op: 'null', attr, negate: true };
    if (op && ['=', '!=', '<', '<=', '>', '>='].includes(op)) return take(), { op: 'cmp', attr, cmp: op as never, value: value() };
    throw new Error(`expected an operator after ${attr} in: ${s}`);
  };
  const not = (): Expr => (peek() === 'NOT' ? (take(), { op: 'not', item: not() }) : primary());
  const and = (): Expr => {
    const items = [not()];
    while (peek() === 'AND') take(), items.push(not());
    return items.length === 1 ? items[0]! : { op: 'and', items };
  };
  const or = (): Expr => {
    const items = [and()];
    while (peek() === 'OR') take(), items.push(and());
    return items.length === 1 ? items[0]! : { op: 'or', items };
  };
  const e = or();
  if (i !== t.length) throw new Error(`trailing tokens in: ${s}`);
  return e;
}

/** Whether a document passes a filter expression, as the stand-in reads it. */
export const matchesFilter = (filter: string, doc: Doc): boolean => evaluate(parseFilter(filter), doc);

function attributesOf(e: Expr): string[] {
  if ('items' in e) return e.items.flatMap(attributesOf);
  if ('item' in e) return attributesOf(e.item);
  return [e.attr];
}

const same = (a: unknown, b: Value) => (typeof b === 'number' ? a === b : typeof a === 'string' && a.toLowerCase() === b.toLowerCase());

function evaluate(e: Expr, doc: Doc): boolean {
  switch (e.op) {
    case 'and': return e.items.every((x) => evaluate(x, doc));
    case 'or': return e.items.some((x) => evaluate(x, doc));
    case 'not': return !evaluate(e.item, doc);
    case 'null': return (doc[e.attr] === null) !== e.negate;
    case 'in': return e.values.some((v) => same(doc[e.attr], v)) !== e.negate;
    case 'cmp': {
      const v = doc[e.attr];
      if (e.cmp === '=') return same(v, e.value);
      if (e.cmp === '!=') return !same(v, e.value);
      if (typeof v !== 'number' || typeof e.value !== 'number') return false;
      return e.cmp === '<' ? v < e.value : e.cmp === '<=' ? v <= e.value : e.cmp === '>' ? v > e.value : v >= e.value;
    }
  }
}
