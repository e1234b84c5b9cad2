import { queryRows } from '@challenge/db';
import { AppError, type Actor } from '@challenge/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { Locale } from '../../http/locale';
import type { ServiceContext } from '../context';
import { scopeIds, type PortfolioFilter } from './scope';

export type ReportKind = 'challenges' | 'applications' | 'projects' | 'releases' | 'ledger';

/** A cell's kind: text (neutralised against formulas in CSV), a whole number, an amount in fen (written as yuan), an instant (ISO 8601 UTC). */
export type CellType = 'text' | 'int' | 'fen' | 'instant';
export interface Column {
  key: string;
  type: CellType;
  header: Record<Locale, string>;
}
export type Row = Record<string, unknown>;

export interface ReportSource {
  columns: Column[];
  /** One page of rows after `cursor` (null: from the start), in the order of the cursor. */
  page: (ctx: ServiceContext, after: string | null, limit: number) => Promise<{ rows: Row[]; cursor: string | null }>;
}

const col = (key: string, type: CellType, zh: string, en: string): Column => ({ key, type, header: { 'zh-CN': zh, en } });
/** Instants as ISO 8601 UTC, the API's format, whatever the driver makes of timestamps. */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** An organisation's name in the reader's language, the other when it has none in it. */
const orgName = (alias: string, locale: Locale) =>
  sql.raw(locale === 'en' ? `coalesce(${alias}.name_en, ${alias}.name_zh)` : `coalesce(${alias}.name_zh, ${alias}.name_en)`);

/**
 * Who may export what (api.md "Oversight"; product.md: finance sees only money): the bureau every
 * kind; the Finance Bureau the releases and the ledger; nobody else any.
 */
export function mayExport(actor: Actor, kind: ReportKind) {
  if (!actor) throw new AppError('unauthenticated');
  if (actor.role === 'bureau') return;
  if (actor.role === 'finance' && (kind === 'releases' || kind === 'ledger')) return;
  throw new AppError('forbidden', { entity: 'report', action: 'read' });
}

/**
 * Personal data in an export (product.md: "exports leave it out unless the reader is entitled to
 * it"): the names and contacts of the people behind an application — the applicant user's name and
 * e-mail, and the names of the team members in the submitted version. Organisations, their countries
 * and kinds are not personal. The payee's bank account is left out of every export. Only the bureau,
 * which handles every application, is entitled; finance never receives applications at all.
 */
export const mayReadPersonalData = (actor: Actor) => actor?.role === 'bureau';

/** Keyset paging on a text-comparable id: each page continues after the last id of the one before. */
function keyset(idColumn: string, after: string | null, cast = 'uuid') {
  return after === null ? sql`true` : sql`${sql.raw(idColumn)} > ${after}::${sql.raw(cast)}`;
}

async function paged(ctx: ServiceContext, query: SQL, limit: number): Promise<{ rows: Row[]; cursor: string | null }> {
  const rows = await queryRows<Row>(ctx.db, sql`${query} limit ${limit}`);
  return { rows, cursor: rows.length < limit ? null : String(rows[rows.length - 1]!.cursor) };
}

export function reportSource(kind: ReportKind, filter: PortfolioFilter, locale: Locale, personal: boolean): ReportSource {
  const scope = scopeIds(filter);
  switch (kind) {
    case 'challenges':
      return {
        columns: [
          col('id', 'text', '榜单编号', 'Challenge ID'), col('title_zh', 'text', '榜单名称（中文）', 'Title (Chinese)'), col('title_en', 'text', '榜单名称（英文）', 'Title (English)'),
          col('industry', 'text', '产业', 'Industry'), col('category', 'text', '类别', 'Category'), col('state', 'text', '状态', 'State'),
          col('owner', 'text', '发榜企业', 'Owner enterprise'), col('fiscal_year', 'int', '财政年度', 'Fiscal year'),
          col('enterprise_share_fen', 'fen', '企业配套（元）', 'Enterprise share (yuan)'), col('special_fund_fen', 'fen', '专项资金（元）', 'Special fund (yuan)'),
          col('bounty_fen', 'fen', '榜额（元）', 'Bounty (yuan)'), col('published_at', 'instant', '发布时间', 'Published at'), col('deadline', 'instant', '截止时间', 'Deadline'),
          col('applications', 'int', '申报数', 'Applications'), col('awarded_at', 'instant', '授榜时间', 'Awarded at'),
        ],
        page: (ctx, after, limit) => paged(ctx, sql`
          select c.id::text as cursor, c.id::text as id, c.title_zh, c.title_en, c.industry::text as industry, c.category::text as category, c.state::text as state,
            ${orgName('o', locale)} as owner, c.fiscal_year, c.enterprise_share_fen::text as enterprise_share_fen, c.special_fund_fen::text as special_fund_fen, c.bounty_fen::text as bounty_fen,
            ${iso(sql`c.published_at`)} as published_at, ${iso(sql`c.deadline`)} as deadline,
            (select count(*) from applications a where a.challenge_id = c.id and a.state not in ('draft', 'withdrawn'))::int as applications,
            ${iso(sql`(select max(d.finalized_at) from decisions d where d.challenge_id = c.id)`)} as awarded_at
          from challenges c join organizations o on o.id = c.owner_organization_id
          where c.id in ${scope} and ${keyset('c.id', after)} order by c.id`, limit),
      };
    case 'applications':
      return {
        columns: [
          col('receipt', 'text', '受理编号', 'Receipt number'), col('challenge_id', 'text', '榜单编号', 'Challenge ID'), col('challenge', 'text', '榜单名称', 'Challenge'),
          col('organization', 'text', '揭榜单位', 'Applicant organisation'), col('country', 'text', '国家或地区', 'Country'), col('kind', 'text', '单位类型', 'Organisation kind'),
          col('state', 'text', '状态', 'State'), col('requested_fen', 'fen', '申请金额（元）', 'Requested (yuan)'), col('submitted_at', 'instant', '提交时间', 'Submitted at'),
          col('award_fen', 'fen', '授榜金额（元）', 'Award (yuan)'),
          ...(personal ? [col('contact_name', 'text', '联系人', 'Contact person'), col('contact_email', 'text', '联系人邮箱', 'Contact e-mail'), col('team', 'text', '团队成员', 'Team members')] : []),
        ],
        page: (ctx, after, limit) => paged(ctx, sql`
          select a.id::text as cursor, v.receipt_number as receipt, c.id::text as challenge_id, ${sql.raw(locale === 'en' ? 'coalesce(c.title_en, c.title_zh)' : 'c.title_zh')} as challenge,
            ${orgName('o', locale)} as organization, o.country, o.kind::text as kind, a.state::text as state, coalesce(v.requested_fen, a.requested_fen)::text as requested_fen,
            ${iso(sql`a.submitted_at`)} as submitted_at, p.award_fen::text as award_fen
            ${personal ? sql`, u.display_name as contact_name, u.email as contact_email,
              (select string_agg(m->>'name', '; ') from jsonb_array_elements(case when jsonb_typeof(v.content->'team') = 'array' then v.content->'team' else '[]'::jsonb end) m) as team` : sql``}
          from applications a
          join challenges c on c.id = a.challenge_id
          join organizations o on o.id = a.organization_id
          join users u on u.id = a.created_by
          left join lateral (select receipt_number, requested_fen, content from application_versions x where x.application_id = a.id order by x.version desc limit 1) v on true
          left join projects p on p.application_id = a.id
          where a.submitted_at is not null and a.challenge_id in ${scope} and ${keyset('a.id', after)} order by a.id`, limit),
      };
    case 'projects':
      return {
        columns: [
          col('id', 'text', '项目编号', 'Project ID'), col('challenge_id', 'text', '榜单编号', 'Challenge ID'), col('challenge', 'text', '榜单名称', 'Challenge'),
          col('solver', 'text', '承担单位', 'Solver organisation'), col('state', 'text', '状态', 'State'), col('award_fen', 'fen', '授榜金额（元）', 'Award (yuan)'),
          col('enterprise_share_fen', 'fen', '企业配套（元）', 'Enterprise share (yuan)'), col('special_fund_fen', 'fen', '专项资金（元）', 'Special fund (yuan)'),
          col('milestones', 'int', '里程碑数', 'Milestones'), col('verified', 'int', '已核验里程碑', 'Milestones verified'), col('released_fen', 'fen', '已拨付（元）', 'Released (yuan)'),
          col('signed_at', 'instant', '签订时间', 'Signed at'), col('completed_at', 'instant', '完成时间', 'Completed at'), col('stopped_at', 'instant', '终止时间', 'Stopped at'),
        ],
        page: (ctx, after, limit) => paged(ctx, sql`
          select p.id::text as cursor, p.id::text as id, c.id::text as challenge_id, ${sql.raw(locale === 'en' ? 'coalesce(c.title_en, c.title_zh)' : 'c.title_zh')} as challenge,
            ${orgName('s', locale)} as solver, p.state::text as state, p.award_fen::text as award_fen, p.enterprise_share_fen::text as enterprise_share_fen, p.special_fund_fen::text as special_fund_fen,
            (select count(*) from project_milestones m where m.project_id = p.id)::int as milestones,
            (select count(*) from project_milestones m where m.project_id = p.id and m.state = 'verified')::int as verified,
            (select coalesce(sum(r.amount_fen), 0) from releases r where r.project_id = p.id)::text as released_fen,
            ${iso(sql`case when p.solver_signed_at is not null and p.owner_signed_at is not null then greatest(p.solver_signed_at, p.owner_signed_at) end`)} as signed_at,
            ${iso(sql`p.completed_at`)} as completed_at, ${iso(sql`p.stopped_at`)} as stopped_at
          from projects p join challenges c on c.id = p.challenge_id join organizations s on s.id = p.organization_id
          where p.challenge_id in ${scope} and ${keyset('p.id', after)} order by p.id`, limit),
      };
    case 'releases':
      return {
        columns: [
          col('id', 'text', '拨付编号', 'Release ID'), col('project_id', 'text', '项目编号', 'Project ID'), col('challenge', 'text', '榜单名称', 'Challenge'),
          col('solver', 'text', '承担单位', 'Solver organisation'), col('milestone', 'text', '里程碑', 'Milestone'), col('source', 'text', '资金来源', 'Funding source'),
          col('amount_fen', 'fen', '金额（元）', 'Amount (yuan)'), col('state', 'text', '状态', 'State'), col('created_at', 'instant', '生成时间', 'Created at'),
          col('payment_reference', 'text', '支付凭证号', 'Payment reference'), col('disbursed_at', 'instant', '支付时间', 'Disbursed at'), col('confirmed_at', 'instant', '确认收款时间', 'Confirmed at'),
        ],
        page: (ctx, after, limit) => paged(ctx, sql`
          select r.id::text as cursor, r.id::text as id, p.id::text as project_id, ${sql.raw(locale === 'en' ? 'coalesce(c.title_en, c.title_zh)' : 'c.title_zh')} as challenge,
            ${orgName('s', locale)} as solver, m.position || '. ' || m.title as milestone, r.source::text as source, r.amount_fen::text as amount_fen, r.state::text as state,
            ${iso(sql`r.created_at`)} as created_at, r.payment_reference, ${iso(sql`r.disbursed_at`)} as disbursed_at, ${iso(sql`r.confirmed_at`)} as confirmed_at
          from releases r join projects p on p.id = r.project_id join project_milestones m on m.id = r.milestone_id
            join challenges c on c.id = p.challenge_id join organizations s on s.id = p.organization_id
          where p.challenge_id in ${scope} and ${keyset('r.id', after)} order by r.id`, limit),
      };
    case 'ledger': {
      // Unfiltered, every entry; filtered, every entry of the transfers that touch an account of a
      // challenge in scope — whole transfers, so that each still adds up to zero.
      const filtered = filter.year !== undefined || filter.industry !== undefined;
      // Filtered, each page looks at the next `limit` entries and keeps those of transfers that touch the
      // scope: asking which of all transfers touch it, page after page, took minutes a page at 500,000
      // entries (bench:dashboard). A page may then hold fewer rows, or none, and the cursor still moves.
      const touching = sql`w.transfer_id in (select x.transfer_id from ledger_entries x join ledger_accounts acct on acct.key = x.account_key
        where x.transfer_id in (select transfer_id from w) and acct.challenge_id in ${scope})`;
      return {
        columns: [
          col('entry', 'int', '分录号', 'Entry'), col('transfer_id', 'text', '转账编号', 'Transfer ID'), col('kind', 'text', '类型', 'Kind'), col('at', 'instant', '时间', 'At'),
          col('cause_type', 'text', '起因类型', 'Cause type'), col('cause_id', 'text', '起因编号', 'Cause ID'), col('payment_reference', 'text', '支付凭证号', 'Payment reference'),
          col('account', 'text', '账户', 'Account'), col('amount_fen', 'fen', '金额（元）', 'Amount (yuan)'),
        ],
        page: async (ctx, after, limit) => {
          const rows = await queryRows<Row & { keep: boolean }>(ctx.db, sql`
            with w as (select id, transfer_id, account_key, amount_fen from ledger_entries e where ${keyset('e.id', after, 'bigint')} order by e.id limit ${limit})
            select w.id::text as cursor, w.id::text as entry, t.id as transfer_id, t.kind, ${iso(sql`t.at`)} as at, t.cause_type, t.cause_id, t.payment_reference,
              w.account_key as account, w.amount_fen::text as amount_fen, ${filtered ? touching : sql`true`} as keep
            from w join ledger_transfers t on t.id = w.transfer_id
            order by w.id`);
          return {
            rows: rows.filter((r) => r.keep).map(({ keep: _keep, ...row }) => row),
            cursor: rows.length < limit ? null : String(rows[rows.length - 1]!.cursor),
          };
        },
      };
    }
  }
}
