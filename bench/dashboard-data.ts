/**
 * The money side of the dashboard benchmark (bench/dashboard.ts): a copy of a search-benchmark
 * database (`CREATE DATABASE <name> TEMPLATE <source>`, the source never written to) to which it adds,
 * deterministically (the seeded rng of bench/generate.ts; same source, seed and `--ledger` → the same
 * rows), what the app's own use cases would have written over the challenges' lives:
 *
 * - solver organisations (universities, institutes, companies, teams; 80% Chinese) with a user each,
 *   and two staff users the benchmark signs in as (bureau, finance);
 * - applications to the published challenges (0 to 15 a challenge, 2.4 on average; fewer on challenges
 *   still open), each submitted one with its frozen version, receipt number and milestone plan;
 * - every published challenge's approval in the ledger: the special-fund match reserved against the
 *   fiscal year's budget (`reserve:<id>`), the enterprise share committed (`commit:<id>`); each fiscal
 *   year's budget set by finance before its first approval (`fiscal_budgets` + `budget_set`);
 * - for challenges past their deadline (the generator's closed … completed ones, and published ones
 *   whose deadline has passed, which the background loop would have closed), a life drawn from the
 *   generator's state and the time it had: closed, in review, failed (a no-winner decision returns the
 *   money), in notice, awarded (finalize moves each award into its project, the rest goes back),
 *   in progress or completed — projects signed by both parties, milestones due over 6–24 months of the
 *   winner's plan, verified (one release per funding source), the enterprise share paid and confirmed
 *   before finance disburses the special fund's (with a payment reference) and the solver confirms;
 *   10% of the milestones slip (overdue ones show on the dashboard); 10% of the awards go to two
 *   winners (赛马), one of whose projects is stopped after its first milestone (its rest goes back).
 *
 * Transfers are built by packages/domain's own builders (reserveTransfer, commitTransfer,
 * finalizeTransfer, returnUnspentTransfer, releaseTransfer, disburseTransfer, confirmTransfer,
 * budgetSetTransfer) with the ids and actors the services use, replayed in time order through
 * `applyTransfer` (which refuses what the app would refuse), and inserted in that order with the
 * resulting balances, so `npm run ledger:check` holds. The approvals alone are 4 entries a published
 * challenge (≈ 380,000 at 100,000 challenges); the lives after the deadline are accepted in a seeded
 * order while they fit in what is left of `--ledger`, the rest stay closed or in review, and a last gap
 * (smaller than the smallest life) is filled by finance raising the latest year's budget (2 entries
 * each) — so the total is `--ledger` exactly when it is even and reachable.
 *
 * Not written (nothing the dashboard or the exports read): the audit log (the app appends one record a
 * transfer and a step), notifications and their events, reviews and expert assignments, decision
 * feedback, challenge reviews, indicator results. Rows are inserted with multi-row drizzle inserts in
 * one transaction, then VACUUM ANALYZE. The build's parameters and counts are kept as the database's
 * comment: a database with the same parameters and counts is reused, anything else is rebuilt.
 *
 * Standalone: `npx tsx bench/dashboard-data.ts [--source bench_search_100000_20260301]
 * [--name bench_dashboard_100000] [--ledger 500000] [--seed 20260301] [--rebuild]
 * [--url postgres://postgres@127.0.0.1:5432/postgres]`.
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  applications, applicationVersions, decisionAwards, decisions, fiscalBudgets, ledgerAccounts, ledgerEntries, ledgerTransfers, openDatabase,
  organizations, projectMilestones, projects, queryRows, releases, users, type Db,
} from '@challenge/db';
import {
  addDays, addMonths, applyTransfer, beijingDate, beijingStartOfDay, budgetSetTransfer, commitTransfer, confirmTransfer, disburseTransfer,
  finalizeTransfer, formatReceiptNumber, fundAvailable, noticePeriodEnd, parseAccountKey, releaseTransfer, reserveTransfer,
  returnUnspentTransfer, splitByLargestRemainder, workingCalendar, type ApplicationState, type Balances, type ChallengeState,
  type FundingSource, type Transfer, type WorkingCalendar,
} from '@challenge/domain';
import { hashPassword } from '../apps/api/src/services/passwords';
import { BENCH_NOW, rng } from './generate';
import { load } from './cli';

export const BUREAU_EMAIL = 'bench-dashboard-bureau@bench.kgj.example.gov.cn';
export const FINANCE_EMAIL = 'bench-dashboard-finance@bench.czj.example.gov.cn';
export const STAFF_PASSWORD = 'bench-password-2026';

const DAY = 86_400_000;
const NOW = BENCH_NOW.getTime();
const TODAY = beijingDate(BENCH_NOW);
/** Bumped when the generator changes what it writes, so an old copy is rebuilt rather than reused. */
const GENERATOR_VERSION = 2;

export interface DataOptions {
  adminUrl: string;
  source: string;
  name: string;
  ledger: number;
  seed: number;
  rebuild: boolean;
  log?: (...xs: unknown[]) => void;
}

export interface DataCounts {
  challenges: number;
  published: number;
  solverOrganizations: number;
  applications: number;
  applicationVersions: number;
  decisions: number;
  finalized: number;
  projects: number;
  milestones: number;
  releases: number;
  fiscalYears: number;
  accounts: number;
  transfers: number;
  entries: number;
  byState: Record<string, number>;
  transfersByKind: Record<string, number>;
  entriesFromApprovals: number;
  budgetTopUps: number;
  overdueMilestones: number;
}

export interface DataResult {
  url: string;
  reused: boolean;
  buildSeconds: number | null;
  phases: Record<string, number>;
  counts: DataCounts;
  comment: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers

const M64 = (1n << 64n) - 1n;
/** splitmix64's finaliser: a bijection on 64-bit integers. */
function mix64(x: bigint): bigint {
  let z = x & M64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

/**
 * Random-looking version-4 ids, unique by construction (a seeded rng's 32-bit state would repeat ids
 * among a million): 16 of the hex digits are a bijection of a counter, the rest derived from them.
 * Deterministic as long as ids are drawn in the same order, which the plan does.
 */
class Ids {
  private n = 0n;
  constructor(private readonly salt: bigint) {}
  next(): string {
    const a = mix64((this.n++) ^ this.salt);
    const b = mix64(a ^ 0x9e3779b97f4a7c15n);
    const ha = a.toString(16).padStart(16, '0');
    const hb = b.toString(16).padStart(16, '0');
    return `${hb.slice(0, 8)}-${ha.slice(0, 4)}-4${hb.slice(8, 11)}-${'89ab'[Number(b & 3n)]}${hb.slice(11, 14)}-${ha.slice(4, 16)}`;
  }
}
const between = (r: () => number, a: number, b: number) => a + r() * (b - a);
const daysMs = (r: () => number, a: number, b: number) => Math.round(between(r, a, b) * DAY);
const pickWeighted = <T>(r: () => number, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1]![0];
};
/** A seed per (purpose, index), so that what one challenge draws never shifts another's. */
const seedOf = (seed: number, purpose: number, i: number) => (Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(purpose, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
/** 万 yuan in fen, rounded down (awards and requests are quoted in 万). */
const WAN = 1_000_000;
const toWan = (fen: number) => Math.max(WAN, Math.floor(fen / WAN) * WAN);

// ---------------------------------------------------------------------------------------------
// Solver organisations

const COUNTRIES: [string, number][] = [['CN', 80], ['DE', 4], ['US', 3], ['JP', 3], ['GB', 2], ['KR', 2], ['FR', 2], ['IT', 1], ['SG', 1], ['RU', 1], ['AU', 1]];
const KINDS: ['university' | 'institute' | 'company' | 'team', number][] = [['university', 40], ['institute', 30], ['company', 25], ['team', 5]];
const CN_CITIES = ['北京', '上海', '沈阳', '西安', '武汉', '长沙', '哈尔滨', '成都', '南京', '太原', '包头', '昆明', '重庆', '大连', '天津', '兰州'];
const KIND_ZH = { university: '理工大学', institute: '金属研究所', company: '新材料科技有限公司', team: '创新团队' } as const;
const KIND_EN = { university: 'University of Technology', institute: 'Institute of Metal Research', company: 'Advanced Materials Co., Ltd.', team: 'Innovation Team' } as const;

interface SolverOrg { id: string; userId: string; kind: keyof typeof KIND_ZH; country: string; weight: number }

function solverOrganizations(count: number, seed: number, ids: Ids): SolverOrg[] {
  const r = rng(seedOf(seed, 1, 0));
  return Array.from({ length: count }, (_, i) => ({
    id: ids.next(), userId: ids.next(), kind: pickWeighted(r, KINDS), country: pickWeighted(r, COUNTRIES),
    // Zipf-like activity: a few organisations apply (and win) a lot, most rarely.
    weight: 1 / Math.pow(i + 1, 0.9),
  }));
}

class OrgPicker {
  private readonly cdf: number[];
  constructor(private readonly orgs: SolverOrg[]) {
    let acc = 0;
    this.cdf = orgs.map((o) => (acc += o.weight));
  }
  pick(r: () => number): SolverOrg {
    const x = r() * this.cdf[this.cdf.length - 1]!;
    let lo = 0, hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < x) lo = mid + 1; else hi = mid;
    }
    return this.orgs[lo]!;
  }
}

// ---------------------------------------------------------------------------------------------
// The plan: every row and transfer, in memory

interface ChallengeRow {
  id: string; owner: string; createdBy: string; state: ChallengeState; industry: string | null; bounty: number; share: number; special: number;
  publishedAt: Date; deadline: Date | null; updatedAt: Date;
}

interface AppPlan {
  id: string; org: SolverOrg; state: ApplicationState; requested: number; milestones: number; months: number;
  createdAt: number; submittedAt: number | null; withdrawnAt: number | null; updatedAt: number;
}

interface Posted { transfer: Transfer; at: number; actor: string | null; ord: number }

interface MilestoneRow {
  id: string; projectId: string; position: number; title: string; dueDate: string; amountFen: number; enterpriseShareFen: number; specialFundFen: number;
  state: 'pending' | 'submitted' | 'accepted' | 'verified'; submittedAt: number | null; acceptedAt: number | null; verifiedAt: number | null;
}
interface ReleaseRow {
  id: string; projectId: string; milestoneId: string; source: FundingSource; amountFen: number; state: 'pending' | 'disbursed' | 'confirmed';
  createdAt: number; paymentReference: string | null; disbursedAt: number | null; disbursedBy: string | null; confirmedAt: number | null;
}
interface ProjectRow {
  id: string; challengeId: string; applicationId: string; organizationId: string; state: 'awaiting_signature' | 'active' | 'completed' | 'stopped';
  awardFen: number; enterpriseShareFen: number; specialFundFen: number; createdAt: number;
  solverSignedAt: number | null; solverSignedBy: string | null; ownerSignedAt: number | null; ownerSignedBy: string | null;
  stoppedAt: number | null; completedAt: number | null;
}
interface DecisionRow { id: string; challengeId: string; kind: 'award' | 'none'; publishedAt: number; noticeEndsAt: number | null; finalizedAt: number | null }
interface AwardRow { decisionId: string; applicationId: string; awardFen: number; enterpriseShareFen: number; specialFundFen: number }

/** What one challenge's life after its deadline adds; `entries` counts its ledger entries. */
interface Life {
  state: ChallengeState; maxWinners: number; lastAt: number;
  decision: DecisionRow | null; awards: AwardRow[]; projects: ProjectRow[]; milestones: MilestoneRow[]; releases: ReleaseRow[];
  transfers: Posted[]; entries: number; appStates: Map<string, ApplicationState>; winnerMonths: Map<string, number>;
}

interface Staff { bureau: string; finance: string }

/** The milestone plan of a submitted application: k milestones, due over `months` from two months after the deadline. */
function milestonePlan(app: AppPlan, deadline: number, r: () => number) {
  const start = beijingDate(new Date(deadline + 60 * DAY));
  const weights = Array.from({ length: app.milestones }, () => 1 + Math.floor(r() * 4));
  const amounts = splitByLargestRemainder(app.requested, weights);
  return amounts.map((amountFen, j) => ({
    title: `第${j + 1}阶段：${['机理分析与方案', '工艺试验', '中试验证', '工业性试验', '总结与验收'][Math.min(j, 4)]}`,
    deliverables: '阶段报告、检测数据',
    dueDate: addMonths(start, Math.max(1, Math.round(((j + 1) / app.milestones) * app.months))),
    amountFen,
  }));
}

class Planner {
  readonly transfers: Posted[] = [];
  private ord = 0;
  private paymentSeq = 0;
  constructor(private readonly staff: Staff, private readonly calendar: WorkingCalendar, private readonly ids: Ids) {}

  /** Posts `t` (null: nothing moves) at `at` on the challenge's own balances, as the service would; returns its entries. */
  post(into: Posted[], balances: Record<string, number>, t: Transfer | null, at: number, actor: string | null): number {
    if (!t) return 0;
    Object.assign(balances, applyTransfer(balances, t));
    into.push({ transfer: t, at, actor, ord: this.ord++ });
    return t.entries.length;
  }

  paymentReference(at: number) {
    return `GK${beijingDate(new Date(at)).slice(0, 4)}${String(++this.paymentSeq).padStart(7, '0')}`;
  }

  /**
   * A challenge's life after its deadline `closedAt`, aiming at `target` (the generator's state) as
   * far as the time up to BENCH_NOW allows. `apps` are its applications; `fy` its fiscal year.
   */
  life(c: ChallengeRow, fy: number, closedAt: number, target: ChallengeState, apps: AppPlan[], r: () => number, moneyMoves: boolean): Life {
    const funds = { challengeId: c.id, fiscalYear: fy };
    // The challenge's accounts as approval left them (fund_available: plenty here; the real budget is checked in the replay).
    let balances: Balances = { [fundAvailable(fy)]: 1e15 };
    for (const t of [reserveTransfer({ id: `reserve:${c.id}`, challenge: funds, specialFundFen: c.special }, balances), commitTransfer({ id: `commit:${c.id}`, challengeId: c.id, enterpriseShareFen: c.share })]) {
      if (t) balances = applyTransfer(balances, t);
    }
    const local = { ...balances } as Record<string, number>;

    const life: Life = {
      state: target === 'closed' ? 'closed' : 'reviewing', maxWinners: 1, lastAt: closedAt, decision: null, awards: [], projects: [], milestones: [],
      releases: [], transfers: [], entries: 0, appStates: new Map(), winnerMonths: new Map(),
    };
    const submitted = apps.filter((a) => a.submittedAt !== null && a.state !== 'withdrawn');
    // Where the applications stand before any decision: closed — checked for eligibility; in review — under review.
    for (const a of submitted) {
      life.appStates.set(a.id, life.state === 'closed'
        ? pickWeighted(r, [['submitted', 55], ['eligible', 33], ['ineligible', 12]] as const)
        : pickWeighted(r, [['under_review', 78], ['ineligible', 22]] as const));
    }
    const reviewed = submitted.filter((a) => life.appStates.get(a.id) !== 'ineligible');
    // Did not fit in the ledger's size: it stays where the deadline left it, no decision, no money moved.
    if (!moneyMoves) return life;
    const decidedAt = closedAt + daysMs(r, 15, 45);
    const notSelected = (except: Set<string>) => { for (const a of reviewed) if (!except.has(a.id)) life.appStates.set(a.id, 'not_selected'); };

    if (target === 'closed' || reviewed.length === 0) {
      // No winner (流标): more likely with nobody to choose from. The bounty goes back.
      const fail = reviewed.length === 0 ? r() < 0.8 : r() < 0.15;
      if (fail && decidedAt < NOW) {
        life.decision = { id: this.ids.next(), challengeId: c.id, kind: 'none', publishedAt: decidedAt, noticeEndsAt: null, finalizedAt: null };
        notSelected(new Set());
        life.entries += this.post(life.transfers, local, returnUnspentTransfer({ id: `return:${c.id}`, challenge: funds }, local), decidedAt, this.staff.bureau);
        life.state = 'failed';
        life.lastAt = decidedAt;
      }
      return life;
    }
    if (target === 'reviewing' || decidedAt >= NOW) return life;

    // The decision, its notice period by the bureau's calendar, then finalize.
    const twoWinners = reviewed.length >= 2 && r() < 0.1;
    // The busier organisations win more often (the dashboard's leading solvers).
    const keyed = reviewed.map((a) => ({ a, key: a.org.weight * between(r, 0.3, 1.7) }));
    const winners = keyed.sort((x, y) => y.key - x.key).slice(0, twoWinners ? 2 : 1).map((x) => x.a);
    life.maxWinners = winners.length;
    const noticeEndsAt = noticePeriodEnd(this.calendar, new Date(decidedAt)).getTime();
    const finalizedAt = noticeEndsAt + daysMs(r, 1, 10);
    const final = finalizedAt < NOW;
    life.decision = { id: this.ids.next(), challengeId: c.id, kind: 'award', publishedAt: decidedAt, noticeEndsAt, finalizedAt: final ? finalizedAt : null };
    const winnerIds = new Set(winners.map((w) => w.id));
    notSelected(winnerIds);
    for (const w of winners) {
      const awardFen = Math.min(w.requested, winners.length === 1 ? c.bounty : toWan(c.bounty / 2));
      const [enterpriseShareFen, specialFundFen] = splitByLargestRemainder(awardFen, [c.share, c.special]) as [number, number];
      life.awards.push({ decisionId: life.decision.id, applicationId: w.id, awardFen, enterpriseShareFen, specialFundFen });
      life.appStates.set(w.id, final ? 'awarded' : 'selected');
    }
    life.state = 'notice';
    life.lastAt = decidedAt;
    if (!final) return life;

    // The winner's plan: long enough to be still running for an `in_progress` target, short enough to be done for `completed`.
    const signBy = finalizedAt + 15 * DAY;
    for (const w of winners) {
      const start = Date.parse(`${addDays(beijingDate(new Date(closedAt + 60 * DAY)), 0)}T00:00:00Z`);
      const options = [6, 9, 12, 18, 24];
      const endOf = (m: number) => Date.parse(`${addMonths(beijingDate(new Date(start)), m)}T00:00:00Z`);
      let months = w.months;
      if (target === 'completed') months = [...options].reverse().find((m) => endOf(m) + 100 * DAY < NOW && endOf(m) > signBy) ?? w.months;
      else if (target === 'in_progress') months = options.find((m) => endOf(m) > NOW + 30 * DAY) ?? 24;
      life.winnerMonths.set(w.id, months);
    }
    const projectsHere: ProjectRow[] = [];
    const moved = life.awards.map((a) => {
      const winner = winners.find((w) => w.id === a.applicationId)!;
      const p: ProjectRow = {
        id: this.ids.next(), challengeId: c.id, applicationId: a.applicationId, organizationId: winner.org.id, state: 'awaiting_signature',
        awardFen: a.awardFen, enterpriseShareFen: a.enterpriseShareFen, specialFundFen: a.specialFundFen, createdAt: finalizedAt,
        solverSignedAt: null, solverSignedBy: null, ownerSignedAt: null, ownerSignedBy: null, stoppedAt: null, completedAt: null,
      };
      projectsHere.push(p);
      return { projectId: p.id, enterpriseShareFen: a.enterpriseShareFen, specialFundFen: a.specialFundFen };
    });
    life.entries += this.post(life.transfers, local, finalizeTransfer({ id: `finalize:${c.id}`, challenge: funds, awards: moved }, local), finalizedAt, this.staff.bureau);
    life.entries += this.post(life.transfers, local, returnUnspentTransfer({ id: `return:${c.id}`, challenge: funds }, local), finalizedAt, this.staff.bureau);
    life.state = 'awarded';
    life.lastAt = finalizedAt;
    life.projects.push(...projectsHere);
    // Finalize creates each project with the milestones of the winner's plan (its amounts applied to the award).
    const milestonesOf = new Map<string, MilestoneRow[]>();
    for (const p of projectsHere) {
      const winner = winners.find((w) => w.id === p.applicationId)!;
      const plan = milestonePlan({ ...winner, months: life.winnerMonths.get(winner.id)! }, closedAt, rng(seedOf(0, 7, hashId(winner.id))));
      const amounts = splitByLargestRemainder(p.awardFen, plan.map((m) => m.amountFen));
      const enterprise = splitByLargestRemainder(p.enterpriseShareFen, amounts);
      const ms: MilestoneRow[] = plan.map((m, j) => ({
        id: this.ids.next(), projectId: p.id, position: j, title: m.title, dueDate: m.dueDate, amountFen: amounts[j]!, enterpriseShareFen: enterprise[j]!,
        specialFundFen: amounts[j]! - enterprise[j]!, state: 'pending', submittedAt: null, acceptedAt: null, verifiedAt: null,
      }));
      milestonesOf.set(p.id, ms);
      life.milestones.push(...ms);
    }
    if (target === 'awarded') return life; // still awaiting the signatures

    // Signatures, milestones, releases and payments, each only if its instant has come.
    for (const [pi, p] of projectsHere.entries()) {
      const winner = winners.find((w) => w.id === p.applicationId)!;
      const solverAt = finalizedAt + daysMs(r, 1, 12);
      const ownerAt = finalizedAt + daysMs(r, 1, 12);
      if (solverAt < NOW) { p.solverSignedAt = solverAt; p.solverSignedBy = winner.org.userId; }
      if (ownerAt < NOW) { p.ownerSignedAt = ownerAt; p.ownerSignedBy = c.createdBy; }
      const ms = milestonesOf.get(p.id)!;
      if (p.solverSignedAt === null || p.ownerSignedAt === null) continue;
      const signedAt = Math.max(p.solverSignedAt, p.ownerSignedAt);
      p.state = 'active';
      life.lastAt = Math.max(life.lastAt, signedAt);
      // 赛马: the second of two projects is stopped after its first milestone.
      const stopAfterFirst = projectsHere.length === 2 && pi === 1;
      let previous = signedAt;
      for (const m of ms) {
        const due = beijingStartOfDay(m.dueDate).getTime() + 18 * 3600_000;
        const slip = target !== 'completed' && r() < 0.1 ? daysMs(r, 40, 150) : 0;
        const verifiedAt = Math.max(previous + DAY, due + daysMs(r, -15, 20) + slip);
        const submittedAt = verifiedAt - daysMs(r, 6, 15);
        const acceptedAt = verifiedAt - daysMs(r, 1, 4);
        previous = verifiedAt;
        if (verifiedAt >= NOW) {
          // Not verified yet: where it stands today.
          if (acceptedAt < NOW) { m.state = 'accepted'; m.submittedAt = submittedAt; m.acceptedAt = acceptedAt; }
          else if (submittedAt < NOW && submittedAt > signedAt) { m.state = 'submitted'; m.submittedAt = submittedAt; }
          break;
        }
        m.state = 'verified';
        m.submittedAt = submittedAt; m.acceptedAt = acceptedAt; m.verifiedAt = verifiedAt;
        life.lastAt = Math.max(life.lastAt, verifiedAt);
        const rows = ([['enterprise', m.enterpriseShareFen], ['special_fund', m.specialFundFen]] as const)
          .filter(([, amount]) => amount > 0)
          .map(([source, amountFen]): ReleaseRow => ({
            id: this.ids.next(), projectId: p.id, milestoneId: m.id, source, amountFen, state: 'pending', createdAt: verifiedAt,
            paymentReference: null, disbursedAt: null, disbursedBy: null, confirmedAt: null,
          }));
        life.entries += this.post(life.transfers, local, releaseTransfer({
          id: `release:${m.id}`, milestoneId: m.id, projectId: p.id, releases: rows.map((x) => ({ releaseId: x.id, source: x.source, amountFen: x.amountFen })),
        }, local), verifiedAt, this.staff.bureau);
        life.releases.push(...rows);
        // The enterprise pays its share first; public money follows once the solver confirmed it.
        let readyAt = verifiedAt;
        for (const rel of rows) {
          const disbursedAt = readyAt + daysMs(r, 3, 20);
          if (disbursedAt >= NOW) break;
          const special = rel.source === 'special_fund';
          const reference = special ? this.paymentReference(disbursedAt) : undefined;
          const enterpriseRelease = special ? rows.find((x) => x.source === 'enterprise') ?? null : null;
          life.entries += this.post(life.transfers, local, disburseTransfer({
            id: `disburse:${rel.id}:${this.ids.next()}`, release: { releaseId: rel.id, projectId: p.id, source: rel.source },
            paymentReference: reference, enterpriseRelease: enterpriseRelease && { state: enterpriseRelease.state },
          }, local), disbursedAt, special ? this.staff.finance : c.createdBy);
          Object.assign(rel, { state: 'disbursed', disbursedAt, disbursedBy: special ? this.staff.finance : c.createdBy, paymentReference: reference ?? null });
          life.lastAt = Math.max(life.lastAt, disbursedAt);
          const confirmedAt = disbursedAt + daysMs(r, 1, 10);
          if (confirmedAt >= NOW) break;
          life.entries += this.post(life.transfers, local, confirmTransfer({ id: `confirm:${rel.id}`, release: { releaseId: rel.id, projectId: p.id, source: rel.source } }, local), confirmedAt, winner.org.userId);
          Object.assign(rel, { state: 'confirmed', confirmedAt });
          life.lastAt = Math.max(life.lastAt, confirmedAt);
          readyAt = confirmedAt;
        }
        if (stopAfterFirst) {
          const stoppedAt = verifiedAt + daysMs(r, 5, 20);
          if (stoppedAt < NOW) {
            p.state = 'stopped';
            p.stoppedAt = stoppedAt;
            life.entries += this.post(life.transfers, local, returnUnspentTransfer({ id: `return:${p.id}`, challenge: funds, projectId: p.id }, local), stoppedAt, this.staff.bureau);
            life.lastAt = Math.max(life.lastAt, stoppedAt);
          }
          break;
        }
      }
      if (p.state === 'active' && ms.every((m) => m.state === 'verified')) {
        p.state = 'completed';
        p.completedAt = ms[ms.length - 1]!.verifiedAt;
        // The milestones add up to the award: nothing is left to go back (returnProjectFunds posts nothing).
        life.entries += this.post(life.transfers, local, returnUnspentTransfer({ id: `return:${p.id}`, challenge: funds, projectId: p.id }, local), p.completedAt!, this.staff.bureau);
      }
    }
    // The challenge: in progress from its first active project; completed (or failed) when none is left running.
    const running = projectsHere.some((p) => p.state === 'active' || p.state === 'awaiting_signature');
    if (projectsHere.some((p) => p.state !== 'awaiting_signature')) life.state = 'in_progress';
    if (!running) life.state = projectsHere.some((p) => p.state === 'completed') ? 'completed' : 'failed';
    return life;
  }
}

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Applications to a challenge: how many, by whom, and where each stands before any decision. */
function planApplications(c: ChallengeRow, closedAt: number | null, picker: OrgPicker, r: () => number, minSubmitted: number, ids: Ids): AppPlan[] {
  let n = pickWeighted(r, [[0, 25], [1, 25], [2, 18], [3 + Math.floor(r() * 3), 22], [6 + Math.floor(r() * 5), 8], [11 + Math.floor(r() * 5), 2]] as const);
  const published = c.publishedAt.getTime();
  const end = closedAt ?? NOW;
  if (closedAt === null && c.deadline) n = Math.round(n * Math.min(1, (NOW - published) / Math.max(DAY, c.deadline.getTime() - published)));
  n = Math.max(n, minSubmitted);
  const seen = new Set<string>([c.owner]);
  const apps: AppPlan[] = [];
  for (let tries = 0; apps.length < n && tries < n * 20; tries++) {
    const org = picker.pick(r);
    if (seen.has(org.id)) continue;
    seen.add(org.id);
    const createdAt = published + (end - published) * between(r, 0.05, 0.85);
    const submitted = apps.length < minSubmitted || r() < (closedAt === null ? 0.65 : 0.9);
    const submittedAt = submitted ? createdAt + (end - createdAt) * between(r, 0.1, 0.95) : null;
    const withdrawn = apps.length >= minSubmitted && r() < 0.05;
    const withdrawnAt = withdrawn ? (submittedAt ?? createdAt) + (end - (submittedAt ?? createdAt)) * between(r, 0.1, 0.9) : null;
    apps.push({
      id: ids.next(), org, state: withdrawn ? 'withdrawn' : submitted ? 'submitted' : 'draft',
      requested: toWan(c.bounty * between(r, 0.5, 1.0)), milestones: pickWeighted(r, [[2, 20], [3, 35], [4, 30], [5, 15]] as const),
      months: pickWeighted(r, [[6, 10], [9, 10], [12, 35], [18, 25], [24, 20]] as const),
      createdAt, submittedAt, withdrawnAt, updatedAt: withdrawnAt ?? submittedAt ?? createdAt,
    });
  }
  return apps;
}

interface Plan {
  staffUsers: { id: string; email: string; role: 'bureau' | 'finance'; displayName: string }[];
  orgs: SolverOrg[];
  challengeUpdates: { id: string; state: ChallengeState; fiscalYear: number; closedAt: number | null; deadline: number | null; maxWinners: number; updatedAt: number }[];
  apps: { app: AppPlan; challenge: ChallengeRow; deadline: number; versionId: string | null }[];
  decisions: DecisionRow[];
  awards: AwardRow[];
  projects: ProjectRow[];
  milestones: MilestoneRow[];
  releases: ReleaseRow[];
  transfers: Posted[];
  budgets: { year: number; budgetFen: number; setAt: number }[];
  balances: Balances;
  counts: DataCounts;
}

/** Everything the build writes, from the source's challenges: pure and deterministic. */
function makePlan(rows: ChallengeRow[], calendar: WorkingCalendar, ledger: number, seed: number): Plan {
  const ids = new Ids(BigInt(seed) * 0x10000n + 0x5eedn);
  const staff: Staff = { bureau: ids.next(), finance: ids.next() };
  const orgs = solverOrganizations(Math.max(50, Math.round(rows.length / 50)), seed, ids);
  const picker = new OrgPicker(orgs);
  const planner = new Planner(staff, calendar, ids);
  const fyOf = (c: ChallengeRow) => Number(beijingDate(c.publishedAt).slice(0, 4));

  // Approvals: every published challenge, at its publication.
  const approvals: Posted[] = [];
  const reservedByYear = new Map<number, number>();
  let ord = 0;
  const pushApproval = (t: Transfer | null, at: number) => {
    if (t) approvals.push({ transfer: t, at, actor: staff.bureau, ord: ord++ });
  };
  for (const c of rows) {
    const fy = fyOf(c);
    const funds = { challengeId: c.id, fiscalYear: fy };
    pushApproval(reserveTransfer({ id: `reserve:${c.id}`, challenge: funds, specialFundFen: c.special }, { [fundAvailable(fy)]: c.special }), c.publishedAt.getTime());
    pushApproval(commitTransfer({ id: `commit:${c.id}`, challengeId: c.id, enterpriseShareFen: c.share }), c.publishedAt.getTime());
    reservedByYear.set(fy, (reservedByYear.get(fy) ?? 0) + c.special);
  }
  const years = [...reservedByYear.keys()].sort();
  const approvalEntries = approvals.reduce((s, p) => s + p.transfer.entries.length, 0);
  let budgetLeft = ledger - approvalEntries - 2 * years.length;

  // The lives after the deadline, accepted in a seeded order while they fit.
  interface Slot { c: ChallengeRow; fy: number; closedAt: number | null; deadline: number | null; target: ChallengeState; apps: AppPlan[]; life: Life | null }
  const slots: Slot[] = rows.map((c, i) => {
    const r = rng(seedOf(seed, 3, i));
    const published = c.publishedAt.getTime();
    let target: ChallengeState = c.state;
    let deadline = c.deadline?.getTime() ?? null;
    let closedAt: number | null = null;
    if (['closed', 'reviewing', 'notice', 'awarded', 'in_progress', 'completed', 'failed'].includes(c.state)) {
      // The generator drew these states independently of the deadline: the deadline becomes 30–120 days after publication (earlier for recent ones).
      deadline = published + Math.min(daysMs(r, 30, 120), (NOW - published) * between(r, 0.3, 0.8));
      closedAt = deadline + 60_000;
    } else if (c.state === 'published' && deadline !== null && deadline < NOW) {
      // Past its deadline: the background loop records it closed. (The generator's deadline may even
      // precede the publication; such a one is moved as above.)
      if (deadline < published + 30 * DAY) deadline = published + Math.min(daysMs(r, 30, 120), (NOW - published) * between(r, 0.3, 0.8));
      target = 'closed';
      closedAt = deadline + 60_000;
    }
    const needs = ['notice', 'awarded', 'in_progress', 'completed'].includes(target) ? 2 : 0;
    const apps = planApplications(c, closedAt, picker, r, needs, ids);
    return { c, fy: fyOf(c), closedAt, deadline, target, apps, life: null };
  });
  const order = slots.map((_, i) => i).filter((i) => slots[i]!.closedAt !== null);
  const shuffle = rng(seedOf(seed, 4, 0));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const i of order) {
    const s = slots[i]!;
    let life = planner.life(s.c, s.fy, s.closedAt!, s.target, s.apps, rng(seedOf(seed, 5, i)), true);
    // Does not fit: it stays where the deadline left it (closed, or in review), with no money moved.
    if (life.entries > budgetLeft) life = planner.life(s.c, s.fy, s.closedAt!, s.target === 'closed' ? 'closed' : 'reviewing', s.apps, rng(seedOf(seed, 5, i)), false);
    budgetLeft -= life.entries;
    s.life = life;
  }

  // Budgets: each year's set before its first approval, 10–25% above what the year reserves, in 亿 yuan;
  // what is left of --ledger, finance raising the latest year's budget by 1亿 at a time.
  const budgetRand = rng(seedOf(seed, 6, 0));
  const budgets = years.map((year) => ({
    year, budgetFen: Math.ceil((reservedByYear.get(year)! * between(budgetRand, 1.1, 1.25)) / 1e10) * 1e10,
    setAt: beijingStartOfDay(`${year - 1}-12-15`).getTime() + 10 * 3600_000,
  }));
  const budgetTransfers: Posted[] = [];
  for (const b of budgets) {
    budgetTransfers.push({ transfer: budgetSetTransfer({ id: `budget:${b.year}:${ids.next()}`, fiscalYear: b.year, budgetFen: b.budgetFen, previousBudgetFen: 0 }, {})!, at: b.setAt, actor: staff.finance, ord: -1 });
  }
  const topUps = Math.max(0, Math.floor(budgetLeft / 2));
  const last = budgets[budgets.length - 1]!;
  const firstSet = last.setAt;
  for (let k = 0; k < topUps; k++) {
    const at = Math.round(firstSet + (k + 1) * ((NOW - firstSet) / (topUps + 1)));
    budgetTransfers.push({ transfer: budgetSetTransfer({ id: `budget:${last.year}:${ids.next()}`, fiscalYear: last.year, budgetFen: last.budgetFen + 1e8, previousBudgetFen: last.budgetFen }, {})!, at, actor: staff.finance, ord: -1 });
    last.budgetFen += 1e8;
    last.setAt = at;
  }

  // Every transfer in time order (ties: the order each use case posted them), replayed through the domain's guard.
  const lifeTransfers = slots.flatMap((s) => s.life?.transfers ?? []);
  const all = [...budgetTransfers, ...approvals, ...lifeTransfers].sort((a, b) => a.at - b.at || a.ord - b.ord);
  const balances: Record<string, number> = {};
  for (const p of all) {
    // applyTransfer on the accounts the transfer names only (it copies what it is given).
    const touched: Record<string, number> = {};
    for (const e of p.transfer.entries) touched[e.account] = balances[e.account] ?? 0;
    Object.assign(balances, applyTransfer(touched, p.transfer));
  }

  const challengeUpdates: Plan['challengeUpdates'] = [];
  const byState: Record<string, number> = {};
  const plannedApps: Plan['apps'] = [];
  const decisionsOut: DecisionRow[] = [], awardsOut: AwardRow[] = [], projectsOut: ProjectRow[] = [], milestonesOut: MilestoneRow[] = [], releasesOut: ReleaseRow[] = [];
  for (const s of slots) {
    const life = s.life;
    const state: ChallengeState = life?.state ?? (s.closedAt !== null ? 'closed' : s.c.state);
    byState[state] = (byState[state] ?? 0) + 1;
    challengeUpdates.push({
      id: s.c.id, state, fiscalYear: s.fy, closedAt: s.closedAt, deadline: s.deadline, maxWinners: life?.maxWinners ?? 1,
      updatedAt: Math.max(s.c.updatedAt.getTime(), life?.lastAt ?? s.closedAt ?? 0),
    });
    for (const a of s.apps) {
      // Before a decision a closed challenge's applications are checked, drafts left as they are.
      if (life && a.state === 'submitted') a.state = life.appStates.get(a.id) ?? a.state;
      const months = life?.winnerMonths.get(a.id);
      if (months !== undefined) a.months = months;
      plannedApps.push({ app: a, challenge: s.c, deadline: s.closedAt ?? s.deadline ?? NOW, versionId: a.submittedAt !== null ? ids.next() : null });
    }
    if (life?.decision) decisionsOut.push(life.decision);
    if (life) {
      awardsOut.push(...life.awards); projectsOut.push(...life.projects); milestonesOut.push(...life.milestones); releasesOut.push(...life.releases);
    }
  }
  const transfersByKind: Record<string, number> = {};
  for (const p of all) transfersByKind[p.transfer.kind] = (transfersByKind[p.transfer.kind] ?? 0) + 1;
  const activeProjects = new Set(projectsOut.filter((p) => p.state === 'active').map((p) => p.id));
  const overdue = milestonesOut.filter((m) => activeProjects.has(m.projectId) && m.state !== 'verified' && m.dueDate < TODAY).length;
  return {
    staffUsers: [
      { id: staff.bureau, email: BUREAU_EMAIL, role: 'bureau', displayName: '科工局 基准测试' },
      { id: staff.finance, email: FINANCE_EMAIL, role: 'finance', displayName: '财政局 基准测试' },
    ],
    orgs, challengeUpdates, apps: plannedApps, decisions: decisionsOut, awards: awardsOut, projects: projectsOut, milestones: milestonesOut,
    releases: releasesOut, transfers: all, budgets, balances,
    counts: {
      challenges: -1, published: rows.length, solverOrganizations: orgs.length, applications: plannedApps.length,
      applicationVersions: plannedApps.filter((a) => a.app.submittedAt !== null).length, decisions: decisionsOut.length,
      finalized: decisionsOut.filter((d) => d.finalizedAt !== null).length, projects: projectsOut.length, milestones: milestonesOut.length,
      releases: releasesOut.length, fiscalYears: years.length, accounts: Object.keys(balances).length, transfers: all.length,
      entries: all.reduce((s, p) => s + p.transfer.entries.length, 0), byState, transfersByKind, entriesFromApprovals: approvalEntries,
      budgetTopUps: topUps, overdueMilestones: overdue,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing it

const d = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Multi-row inserts as `insert … select * from unnest($1::type[], …)`: one array parameter a column
 * (each value mapped by its drizzle column, as drizzle's own insert does), 10,000 rows a statement.
 */
async function insertAll(db: Db, table: PgTable, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter((k) => rows.some((r) => r[k] !== undefined));
  for (let i = 0; i < rows.length; i += 10_000) {
    const batch = rows.slice(i, i + 10_000);
    const arrays = keys.map((k) => batch.map((r) => (r[k] === undefined || r[k] === null ? null : columns[k]!.mapToDriverValue(r[k]))));
    await db.execute(sql`insert into ${table} (${sql.join(keys.map((k) => sql.identifier(columns[k]!.name)), sql`, `)})
      select * from unnest(${sql.join(keys.map((k, j) => sql`${sql.param(arrays[j])}::${sql.raw(columns[k]!.getSQLType())}[]`), sql`, `)})`);
  }
}

async function writePlan(db: Db, plan: Plan, log: (...xs: unknown[]) => void, phases: Record<string, number>) {
  const mark = (name: string, t0: number) => { phases[name] = Math.round(performance.now() - t0); log(`  ${name}: ${(phases[name]! / 1000).toFixed(1)} s (load ${load()})`); };
  let t0 = performance.now();
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const created = new Date(Date.UTC(2023, 0, 3, 1));
  await db.insert(users).values(plan.staffUsers.map((u) => ({ id: u.id, email: u.email, passwordHash, displayName: u.displayName, role: u.role, emailVerifiedAt: created, createdAt: created })));
  await insertAll(db, organizations, plan.orgs.map((o, i) => ({
    id: o.id, kind: o.kind, country: o.country, status: 'verified' as const, createdAt: created,
    nameZh: o.country === 'CN' ? `${CN_CITIES[i % CN_CITIES.length]}${KIND_ZH[o.kind]}${i}` : null,
    nameEn: `${o.country === 'CN' ? 'Bench' : o.country} ${KIND_EN[o.kind]} ${i}`,
  })));
  await insertAll(db, users, plan.orgs.map((o, i) => ({
    id: o.userId, email: `researcher${i}@dash-solver-${i}.example.org`, passwordHash: 'x', displayName: `研究员${i}`, role: 'solver' as const,
    organizationId: o.id, isOrgAdmin: true, createdAt: created,
  })));
  mark('staff and solver organisations', t0);

  t0 = performance.now();
  for (let i = 0; i < plan.challengeUpdates.length; i += 2000) {
    const values = sql.join(plan.challengeUpdates.slice(i, i + 2000).map((u) =>
      sql`(${u.id}::uuid, ${u.state}::challenge_state, ${u.fiscalYear}::int, ${d(u.closedAt)?.toISOString() ?? null}::timestamptz, ${d(u.deadline)?.toISOString() ?? null}::timestamptz, ${u.maxWinners}::int, ${new Date(u.updatedAt).toISOString()}::timestamptz)`), sql`, `);
    await db.execute(sql`update challenges c set state = v.state, fiscal_year = v.fy, closed_at = v.closed_at, deadline = coalesce(v.deadline, c.deadline),
      max_winners = v.mw, updated_at = v.updated_at
      from (values ${values}) v(id, state, fy, closed_at, deadline, mw, updated_at) where c.id = v.id`);
  }
  // The search index keeps copies of the state and the deadline (written in the same transaction by the app).
  await db.execute(sql`update search_documents s set state = c.state, deadline = c.deadline from challenges c
    where c.id = s.challenge_id and (s.state <> c.state or s.deadline is distinct from c.deadline)`);
  mark('challenges: state, fiscal year, closing', t0);

  t0 = performance.now();
  // Receipt numbers in order of first submission, from the same sequence the app draws from.
  const submitted = plan.apps.filter((a) => a.app.submittedAt !== null).sort((a, b) => a.app.submittedAt! - b.app.submittedAt!);
  const sequence = new Map(submitted.map((a, i) => [a.app.id, i + 1]));
  const contentOf = (a: Plan['apps'][number]) => {
    const r = rng(seedOf(0, 7, hashId(a.app.id)));
    return {
      responses: { 0: '采用成分优化与工艺窗口控制相结合的技术路线，建立过程监测与闭环控制。' },
      team: [{ name: '张教授', role: '项目负责人', lead: true }, { name: '李工', role: '工艺工程师', lead: false }],
      leadOrganizationId: a.app.org.id, partnerOrganizationIds: [], priorResults: '承担相关国家和省部级项目，授权发明专利多项。',
      requestedFen: a.app.requested, milestones: milestonePlan(a.app, a.deadline, r),
    };
  };
  await insertAll(db, applications, plan.apps.map((a) => {
    const seq = sequence.get(a.app.id);
    return {
      id: a.app.id, challengeId: a.challenge.id, organizationId: a.app.org.id, createdBy: a.app.org.userId, state: a.app.state, content: contentOf(a),
      requestedFen: a.app.requested, version: seq ? 1 : 0, receiptSequence: seq ?? null, submittedAt: d(a.app.submittedAt), withdrawnAt: d(a.app.withdrawnAt),
      createdAt: new Date(a.app.createdAt), updatedAt: new Date(a.app.updatedAt),
    };
  }));
  await insertAll(db, applicationVersions, submitted.map((a) => ({
    id: a.versionId!, applicationId: a.app.id, version: 1,
    receiptNumber: formatReceiptNumber({ year: Number(beijingDate(new Date(a.app.submittedAt!)).slice(0, 4)), sequence: sequence.get(a.app.id)!, version: 1 }),
    content: contentOf(a), requestedFen: a.app.requested, submittedBy: a.app.org.userId, submittedAt: new Date(a.app.submittedAt!),
  })));
  await db.execute(sql`select setval('application_receipt_seq', ${Math.max(1, submitted.length)})`);
  mark(`applications (${plan.apps.length}) and versions (${submitted.length})`, t0);

  t0 = performance.now();
  await insertAll(db, decisions, plan.decisions.map((x) => ({
    id: x.id, challengeId: x.challengeId, kind: x.kind, decidedBy: plan.staffUsers[0]!.id, publishedAt: new Date(x.publishedAt),
    noticeEndsAt: d(x.noticeEndsAt), finalizedAt: d(x.finalizedAt),
  })));
  await insertAll(db, decisionAwards, plan.awards.map((a) => ({ ...a })));
  await insertAll(db, projects, plan.projects.map((p) => ({
    id: p.id, challengeId: p.challengeId, applicationId: p.applicationId, organizationId: p.organizationId, state: p.state, awardFen: p.awardFen,
    enterpriseShareFen: p.enterpriseShareFen, specialFundFen: p.specialFundFen, createdAt: new Date(p.createdAt),
    solverSignedAt: d(p.solverSignedAt), solverSignedBy: p.solverSignedBy, ownerSignedAt: d(p.ownerSignedAt), ownerSignedBy: p.ownerSignedBy,
    payee: p.solverSignedAt === null ? null : { accountName: '基准测试收款单位', bank: '中国工商银行', accountNumber: `6222${p.id.replace(/\D/g, '').slice(0, 12).padEnd(12, '0')}` },
    stoppedAt: d(p.stoppedAt), stopReason: p.stoppedAt === null ? null : '赛马阶段评审未通过', completedAt: d(p.completedAt),
  })));
  await insertAll(db, projectMilestones, plan.milestones.map((m) => ({
    id: m.id, projectId: m.projectId, position: m.position, title: m.title, deliverables: '阶段报告、检测数据', dueDate: m.dueDate, amountFen: m.amountFen,
    enterpriseShareFen: m.enterpriseShareFen, specialFundFen: m.specialFundFen, state: m.state, report: m.submittedAt === null ? null : '已完成本阶段任务。',
    submittedAt: d(m.submittedAt), acceptedAt: d(m.acceptedAt), verifiedAt: d(m.verifiedAt), verifiedBy: m.verifiedAt === null ? null : plan.staffUsers[0]!.id,
  })));
  await insertAll(db, releases, plan.releases.map((x) => ({
    id: x.id, projectId: x.projectId, milestoneId: x.milestoneId, source: x.source, amountFen: x.amountFen, state: x.state, createdAt: new Date(x.createdAt),
    paymentReference: x.paymentReference, disbursedAt: d(x.disbursedAt), disbursedBy: x.disbursedBy, confirmedAt: d(x.confirmedAt),
  })));
  mark(`decisions (${plan.decisions.length}), projects (${plan.projects.length}), milestones (${plan.milestones.length}), releases (${plan.releases.length})`, t0);

  t0 = performance.now();
  // Each account's challenge and funding source, as the app's postTransfer writes them when it opens one (the dashboard sums by them).
  const challengeOfProject = new Map(plan.projects.map((p) => [p.id, p.challengeId]));
  const releaseById = new Map(plan.releases.map((r) => [r.id, r]));
  const ownerOf = (key: string): { challengeId: string | null; source: string | null } => {
    const a = parseAccountKey(key)!;
    switch (a.kind) {
      case 'fund_reserved': return { challengeId: a.challengeId, source: 'special_fund' };
      case 'enterprise_committed': return { challengeId: a.challengeId, source: 'enterprise' };
      case 'project_funds':
      case 'paid_out': return { challengeId: challengeOfProject.get(a.projectId)!, source: a.source };
      case 'release_payable':
      case 'release_disbursed': {
        const r = releaseById.get(a.releaseId)!;
        return { challengeId: challengeOfProject.get(r.projectId)!, source: r.source };
      }
      default: return { challengeId: null, source: null };
    }
  };
  await insertAll(db, ledgerAccounts, Object.entries(plan.balances).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, balanceFen]) => ({ key, kind: parseAccountKey(key)!.kind, balanceFen, ...ownerOf(key) })));
  await insertAll(db, ledgerTransfers, plan.transfers.map((p) => ({
    id: p.transfer.id, kind: p.transfer.kind, causeType: p.transfer.cause.type, causeId: p.transfer.cause.id,
    paymentReference: p.transfer.paymentReference ?? null, actorId: p.actor, at: new Date(p.at),
  })));
  await insertAll(db, ledgerEntries, plan.transfers.flatMap((p) => p.transfer.entries.map((e) => ({ transferId: p.transfer.id, accountKey: e.account, amountFen: e.amountFen }))));
  await insertAll(db, fiscalBudgets, plan.budgets.map((b) => ({ year: b.year, budgetFen: b.budgetFen, setBy: plan.staffUsers[1]!.id, setAt: new Date(b.setAt) })));
  mark(`ledger: ${plan.counts.accounts} accounts, ${plan.counts.transfers} transfers, ${plan.counts.entries} entries`, t0);
}

// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const urlFor = (adminUrl: string, name: string) => { const u = new URL(adminUrl); u.pathname = `/${name}`; return u.toString(); };

async function readComment(admin: pg.Client, name: string): Promise<Record<string, unknown> | null> {
  const r = await admin.query(`select shobj_description(oid, 'pg_database') as c from pg_database where datname = $1`, [name]);
  if (r.rowCount === 0) return null;
  try { return JSON.parse(String(r.rows[0].c ?? 'null')) as Record<string, unknown>; } catch { return {}; }
}

async function actualCounts(db: Db) {
  const [c] = await queryRows<Record<string, string>>(db, sql`select
    (select count(*) from challenges) as challenges, (select count(*) from applications) as applications, (select count(*) from projects) as projects,
    (select count(*) from ledger_transfers) as transfers, (select count(*) from ledger_entries) as entries, (select count(*) from ledger_accounts) as accounts`);
  return Object.fromEntries(Object.entries(c!).map(([k, v]) => [k, Number(v)]));
}

/** Reuses the database when its comment says it was built with these parameters and its counts agree; otherwise (or with `rebuild`) builds it. */
export async function ensureDashboardData(o: DataOptions): Promise<DataResult> {
  const log = o.log ?? console.log;
  if (!/^[a-z_][a-z0-9_]*$/.test(o.name) || !/^[a-z_][a-z0-9_]*$/.test(o.source)) throw new Error('database names: lower-case letters, digits and _ only');
  if (o.name === o.source) throw new Error('the copy must not be the source');
  const params = { generator: GENERATOR_VERSION, source: o.source, ledger: o.ledger, seed: o.seed, now: BENCH_NOW.toISOString() };
  const url = urlFor(o.adminUrl, o.name);
  const admin = new pg.Client({ connectionString: o.adminUrl });
  await admin.connect();
  try {
    const comment = await readComment(admin, o.name);
    if (comment && !o.rebuild) {
      const same = JSON.stringify(comment.params) === JSON.stringify(params);
      if (same) {
        const database = await openDatabase({ url, poolSize: 1 });
        try {
          const actual = await actualCounts(database.db);
          const expected = comment.actual as Record<string, number> | undefined;
          if (expected && Object.entries(expected).every(([k, v]) => actual[k] === v)) {
            log(`reusing ${o.name}: ${actual.entries} ledger entries, ${actual.applications} applications, ${actual.projects} projects (as built ${String(comment.builtAt)})`);
            return { url, reused: true, buildSeconds: (comment.buildSeconds as number) ?? null, phases: (comment.phases as Record<string, number>) ?? {}, counts: comment.counts as DataCounts, comment };
          }
          log(`${o.name} exists but its counts differ from its build's (${JSON.stringify(actual)} vs ${JSON.stringify(expected)}): rebuilding`);
        } finally {
          await database.close();
        }
      } else {
        log(`${o.name} exists, built with other parameters (${JSON.stringify(comment.params)}): rebuilding`);
      }
    } else if (comment && o.rebuild) {
      log(`--rebuild: dropping ${o.name}`);
    }
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    await admin.query(`drop database if exists ${o.name} with (force)`);
    // The source must be complete: every challenge indexed (the search build writes both).
    const src = new pg.Client({ connectionString: urlFor(o.adminUrl, o.source) });
    await src.connect();
    const s = (await src.query('select (select count(*) from challenges)::int as c, (select count(*) from search_documents)::int as d')).rows[0] as { c: number; d: number };
    await src.end();
    if (s.c === 0 || s.c !== s.d) throw new Error(`${o.source} is not complete (${s.c} challenges, ${s.d} indexed): is its build still running?`);
    // CREATE DATABASE … TEMPLATE needs the source without other connections: retry for up to 10 minutes.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${o.name} template ${o.source}`);
        break;
      } catch (e) {
        if (!/being accessed by other users/.test(String((e as Error).message)) || attempt >= 120) throw e;
        if (attempt === 0) log(`  ${o.source} is in use; waiting for its connections to end…`);
        await sleep(5000);
      }
    }
    phases.copy = Math.round(performance.now() - t0);
    log(`  copied ${o.source} → ${o.name}: ${(phases.copy / 1000).toFixed(1)} s (load ${load()})`);

    const database = await openDatabase({ url, poolSize: 2 });
    let counts: DataCounts;
    let actual: Record<string, number>;
    try {
      await database.migrate();
      const db = database.db;
      let t = performance.now();
      const rows = (await queryRows<Record<string, unknown>>(db, sql`
        select id, owner_organization_id, created_by, state::text as state, industry::text as industry, bounty_fen::text as bounty,
          enterprise_share_fen::text as share, special_fund_fen::text as special, published_at, deadline, updated_at
        from challenges where published_at is not null order by id`)).map((x): ChallengeRow => ({
        id: String(x.id), owner: String(x.owner_organization_id), createdBy: String(x.created_by), state: x.state as ChallengeState,
        industry: (x.industry as string | null) ?? null, bounty: Number(x.bounty), share: Number(x.share), special: Number(x.special),
        publishedAt: new Date(x.published_at as string), deadline: x.deadline ? new Date(x.deadline as string) : null, updatedAt: new Date(x.updated_at as string),
      }));
      const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from challenges`);
      const cal = await queryRows<{ day: string; kind: string }>(db, sql`select day::text as day, kind from calendar_days`);
      const calendar = workingCalendar({ holidays: cal.filter((x) => x.kind === 'holiday').map((x) => x.day), workdays: cal.filter((x) => x.kind === 'workday').map((x) => x.day) });
      const plan = makePlan(rows, calendar, o.ledger, o.seed);
      plan.counts.challenges = total;
      counts = plan.counts;
      phases.plan = Math.round(performance.now() - t);
      log(`  planned in ${(phases.plan / 1000).toFixed(1)} s: ${counts.entries} ledger entries (${counts.entriesFromApprovals} from approvals), ${counts.transfers} transfers, ` +
        `${counts.applications} applications, ${counts.decisions} decisions (${counts.finalized} final), ${counts.projects} projects, ${counts.milestones} milestones, ${counts.releases} releases; ` +
        `states ${JSON.stringify(counts.byState)}`);
      if (counts.entries !== o.ledger) log(`  note: ${counts.entries} entries, not ${o.ledger}: ${counts.entries > o.ledger ? 'the approvals alone exceed it' : 'an odd total, or more than the lives after the deadline can hold'}`);
      await db.transaction(async (tx) => writePlan(tx as unknown as Db, plan, log, phases));
      t = performance.now();
      await db.execute(sql`vacuum analyze`);
      phases.vacuumAnalyze = Math.round(performance.now() - t);
      log(`  vacuum analyze: ${(phases.vacuumAnalyze / 1000).toFixed(1)} s`);
      actual = await actualCounts(db);
    } catch (e) {
      await database.close();
      await admin.query(`drop database if exists ${o.name} with (force)`).catch(() => {});
      throw e;
    }
    await database.close();
    const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const newComment = { params, builtAt: new Date().toISOString(), buildSeconds, phases, counts, actual };
    await admin.query(`comment on database ${o.name} is '${JSON.stringify(newComment).replace(/'/g, "''")}'`);
    log(`built ${o.name} in ${buildSeconds} s`);
    return { url, reused: false, buildSeconds, phases, counts, comment: newComment };
  } finally {
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  ensureDashboardData({
    adminUrl: arg('url', process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
    source: arg('source', 'bench_search_100000_20260301'), name: arg('name', 'bench_dashboard_100000'),
    ledger: Number(arg('ledger', '500000')), seed: Number(arg('seed', '20260301')), rebuild: process.argv.includes('--rebuild'),
  }).then((r) => console.log(JSON.stringify(r.counts, null, 2))).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
