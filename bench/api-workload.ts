/**
 * What the API benchmark asks for (bench/api.ts), shared with its server (bench/api-server.ts), which
 * measures the real responses' sizes on the same requests: browse pages, searches, details, draft
 * saves and sign-ins, each drawn from a seeded generator.
 */
import { generate, rawText, type Term } from './generate';

export type Kind = 'browse' | 'search' | 'detail' | 'draft' | 'signin';

export type Mix = readonly (readonly [Kind, number])[];

/** The mix, by weight. */
export const MIX: Mix = [['browse', 40], ['search', 30], ['detail', 25], ['draft', 3], ['signin', 2]];

/** `browse:40,search:30,…` (every kind named, in any order) to a mix. */
export function parseMix(text: string): Mix {
  const weights = new Map(text.split(',').map((part) => {
    const [k, n] = part.split(':');
    return [k!.trim(), Number(n)] as const;
  }));
  return MIX.map(([k]) => {
    const n = weights.get(k);
    if (n === undefined || !Number.isFinite(n) || n < 0) throw new Error(`--mix: give every kind a weight (${MIX.map(([x]) => x).join(', ')})`);
    return [k, n] as const;
  });
}

export interface Solver {
  email: string;
  password: string;
  token: string;
  applicationId: string;
}

/** What the server's set-up hands the load generator (one JSON line on stdout). */
export interface Workload {
  /** Challenges anyone may read (published at some time), sampled at random. */
  detailIds: string[];
  solvers: Solver[];
  ports: { real: number; bare: number };
  sizes: { detail: number; list: number };
  /** Mean SQL statements of one anonymous detail and one list request. */
  statementsPerRequest: { detail: number; list: number };
}

export interface BenchRequest {
  kind: Kind;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const INDUSTRIES = ['metallurgy_new_materials', 'high_end_equipment'] as const;
const CATEGORIES = ['bottleneck', 'common_key_technology', 'urgent_need', 'tech_transfer', 'talent'] as const;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Readers mostly stay on the first pages; a few go deep (offset pages of the table). */
function pageOf(r: () => number): number {
  const x = r();
  return x < 0.5 ? 1 : x < 0.85 ? 2 + Math.floor(r() * 4) : 6 + Math.floor(r() * 45);
}

/** A page of 20 without search text: filters in half the requests, three sorts. */
export function browsePath(r: () => number): string {
  const p = new URLSearchParams({ page: String(pageOf(r)), pageSize: '20' });
  const f = r();
  if (f < 0.3) p.set('industry', pick(r, INDUSTRIES));
  else if (f < 0.45) p.set('category', pick(r, CATEGORIES));
  else if (f < 0.5) { p.set('industry', pick(r, INDUSTRIES)); p.set('category', pick(r, CATEGORIES)); }
  const s = r();
  if (s < 0.2) p.set('sort', 'deadline');
  else if (s < 0.3) p.set('sort', 'bounty');
  return `/api/challenges?${p}`;
}

interface WeightedTerm { text: string; cdf: number }
let terms: WeightedTerm[] | undefined;

/**
 * Search texts: the generator's vocabulary (Chinese, and English where it differs), weighted by
 * df^0.6 on a 2,000-challenge sample as bench/search.ts samples its queries (query logs follow term
 * frequency, with the tail still asked).
 */
function searchTerms(): WeightedTerm[] {
  if (terms) return terms;
  const gen = generate(2000);
  const texts = gen.challenges.map((c) => rawText(c.doc).toLowerCase());
  const cands: string[] = [];
  for (const [zh, en] of gen.vocabulary as Term[]) {
    cands.push(zh);
    if (en.toLowerCase() !== zh.toLowerCase()) cands.push(en);
  }
  const weighted = cands
    .map((text) => ({ text, df: texts.filter((t) => t.includes(text.toLowerCase())).length }))
    .filter((t) => t.df > 0);
  let acc = 0;
  const out = weighted.map((t) => ({ text: t.text, cdf: (acc += Math.pow(t.df, 0.6)) }));
  terms = out.map((t) => ({ text: t.text, cdf: t.cdf / acc }));
  return terms;
}

/** A search: one term (one in five two), a filter in one in five, mostly the first page. */
export function searchPath(r: () => number): string {
  const ts = searchTerms();
  const one = () => {
    const x = r();
    return (ts.find((t) => t.cdf >= x) ?? ts.at(-1)!).text;
  };
  const q = r() < 0.2 ? `${one()} ${one()}` : one();
  const p = new URLSearchParams({ q, page: r() < 0.9 ? '1' : '2', pageSize: '20' });
  if (r() < 0.2) p.set('industry', pick(r, INDUSTRIES));
  return `/api/challenges?${p}`;
}

export const detailPath = (r: () => number, w: Pick<Workload, 'detailIds'>) => `/api/challenges/${pick(r, w.detailIds)}`;

/** An autosave of the draft: the fields a solver types in a few seconds, with new text each time. */
export function draftBody(r: () => number): string {
  const n = Math.floor(r() * 1e9);
  return JSON.stringify({
    priorResults: `发表相关论文 ${n % 50} 篇，授权发明专利 ${n % 13} 项；承担省部级项目 ${n % 7} 项。修订 ${n}。`,
    team: [{ name: '陈教授', role: '项目负责人', lead: true }, { name: 'Dr. Ada', role: 'metallurgist', lead: false }],
    requestedFen: 100_000_000 + (n % 100) * 1_000_000,
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** One request of the mix. Sign-ins rotate over the solvers' accounts, so most of them meet the limit. */
export function mixRequest(r: () => number, w: Workload, mix: Mix, cumulative: readonly number[]): BenchRequest {
  const x = r() * cumulative.at(-1)!;
  const kind = mix[cumulative.findIndex((c) => x < c)]![0];
  switch (kind) {
    case 'browse': return { kind, method: 'GET', path: browsePath(r) };
    case 'search': return { kind, method: 'GET', path: searchPath(r) };
    case 'detail': return { kind, method: 'GET', path: detailPath(r, w) };
    case 'draft': {
      const s = pick(r, w.solvers);
      return { kind, method: 'PATCH', path: `/api/applications/${s.applicationId}`, headers: { ...JSON_HEADERS, authorization: `Bearer ${s.token}` }, body: draftBody(r) };
    }
    case 'signin': {
      const s = pick(r, w.solvers);
      return { kind, method: 'POST', path: '/api/auth/login', headers: JSON_HEADERS, body: JSON.stringify({ email: s.email, password: s.password }) };
    }
  }
}

export const mixCumulative = (mix: Mix): number[] => {
  let acc = 0;
  return mix.map(([, w]) => (acc += w));
};
