import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { fingerprint, setupTestApp, sharedBureauToken, staffToken, verifiedEnterprise, verifiedSolver } from './helpers';
import { buildPortfolio, portfolioCalls } from './portfolio-helpers';
import { reportSource, type Row } from '../src/services/reports/export-kinds';

const env = await setupTestApp();
const { call } = portfolioCalls(env);
const p = await buildPortfolio(env);
const finance = (await staffToken(env, 'finance')).token;
const KINDS = ['challenges', 'applications', 'projects', 'releases', 'ledger'] as const;

/** RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

async function csv(kind: string, query = '', token?: string, language = 'zh-CN') {
  const res = await env.app.inject({ method: 'GET', url: `/api/reports/${kind}.csv${query}`, headers: { authorization: `Bearer ${token ?? (await sharedBureauToken(env))}`, 'accept-language': language } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  const bytes = res.rawPayload;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
  return { res, header: header!, records };
}

async function xlsx(kind: string, query = '', token?: string, language = 'zh-CN') {
  const res = await env.app.inject({ method: 'GET', url: `/api/reports/${kind}.xlsx${query}`, headers: { authorization: `Bearer ${token ?? (await sharedBureauToken(env))}`, 'accept-language': language } });
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const values: unknown[][] = [];
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  const [header, ...rows] = values;
  return { res, sheet, header: header as string[], records: rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null]))) };
}

describe('who may export what', () => {
  test('anonymous 401; solver, enterprise and expert 403 for every kind; finance only releases and ledger; bad kinds and filters 422, nothing changes', async () => {
    const others = [(await verifiedSolver(env)).token, (await verifiedEnterprise(env)).token, (await staffToken(env, 'expert')).token];
    const before = await fingerprint(env);
    for (const kind of KINDS) {
      for (const format of ['csv', 'xlsx']) {
        expect((await call('GET', `/api/reports/${kind}.${format}`)).status).toBe(401);
        for (const token of others) expect((await call('GET', `/api/reports/${kind}.${format}`, token)).body, kind).toMatchObject({ status: 403, code: 'forbidden' });
        const byFinance = await call('GET', `/api/reports/${kind}.${format}`, finance);
        expect(byFinance.status, kind).toBe(kind === 'releases' || kind === 'ledger' ? 200 : 403);
      }
    }
    for (const url of ['/api/reports/people.csv', '/api/reports/challenges.pdf', '/api/reports/challenges', '/api/reports/challenges.csv?year=20x6', '/api/reports/ledger.xlsx?industry=textiles', '/api/reports/ledger.csv?page=2']) {
      const r = await call('GET', url, await sharedBureauToken(env));
      expect(r.status, url).toBe(422);
      expect(r.body, url).toMatchObject({ code: 'validation_failed' });
    }
    expect(await fingerprint(env)).toEqual(before);
  });
});

describe('CSV exports', () => {
  test('challenges: BOM, headers in the reader’s language, amounts in yuan, the filters, a filename naming them', async () => {
    const all = await csv('challenges');
    expect(all.res.headers['content-disposition']).toBe('attachment; filename="challenges-all.csv"');
    expect(all.header.slice(0, 3)).toEqual(['榜单编号', '榜单名称（中文）', '榜单名称（英文）']);
    expect(all.records.map((r) => r['榜单编号']).sort()).toEqual(Object.values(p.challenges).map((c) => c.id).sort());
    const a = all.records.find((r) => r['榜单编号'] === p.challenges.a.id)!;
    expect(a).toMatchObject({ '榜单名称（中文）': '甲：高温合金夹杂物控制', 产业: 'metallurgy_new_materials', 状态: 'in_progress', 财政年度: '2026', '企业配套（元）': '1000000.00', '专项资金（元）': '500000.00', '榜额（元）': '1500000.00', 申报数: '3' });
    expect(a['授榜时间']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const y2026 = await csv('challenges', '?year=2026&industry=high_end_equipment', undefined, 'en');
    expect(y2026.res.headers['content-disposition']).toBe('attachment; filename="challenges-2026-high_end_equipment.csv"');
    expect(y2026.header).toContain('Bounty (yuan)');
    expect(y2026.records.map((r) => r['Title (Chinese)']).sort()).toEqual(['丙：无人揭榜的榜单', '乙：液压支架密封件寿命']);
  });

  test('applications: submitted ones only, with the people behind them for the bureau; a cell that looks like a formula is neutralised', async () => {
    const { records, header, res } = await csv('applications', '?year=2026');
    expect(header).toEqual(expect.arrayContaining(['联系人', '联系人邮箱', '团队成员']));
    // A's three and A2's one; S4's draft is not there, nor D's (2027).
    expect(records).toHaveLength(4);
    const winner = records.find((r) => r['揭榜单位']?.startsWith('University') && r['授榜金额（元）'] === '900000.00')!;
    expect(winner).toMatchObject({ 状态: 'awarded', 国家或地区: 'DE', 单位类型: 'university', '申请金额（元）': '1200000.00', 联系人: '陈教授', 联系人邮箱: p.s1.email, 团队成员: '陈教授; Dr. Ada' });
    expect(winner['受理编号']).toBeTruthy();
    // S3's contact name begins with "=": written as text, quoted because it holds quotes.
    expect(records.find((r) => r['国家或地区'] === 'US')!['联系人']).toBe("'=HYPERLINK(\"http://evil.example\")");
    expect(res.body).toContain('"\'=HYPERLINK(""http://evil.example"")"');
  });

  test('releases and the ledger for finance; the ledger filtered keeps whole transfers', async () => {
    const releases = await csv('releases', '', finance, 'en');
    expect(releases.records.map((r) => [r['Release ID'], r['Funding source'], r['Amount (yuan)'], r.State, r['Payment reference']]).sort()).toEqual([
      [p.releases.enterprise.id, 'enterprise', '180000.00', 'confirmed', '企业转账 0615'],
      [p.releases.special.id, 'special_fund', '90000.00', 'disbursed', 'CZ-2026-0001'],
    ].sort());

    const ledger = await csv('ledger', '?year=2027', finance, 'en');
    expect(ledger.res.headers['content-disposition']).toBe('attachment; filename="ledger-2027.csv"');
    // D's approval: the reservation of ¥500,000 and the commitment of ¥1,000,000, two entries each.
    expect(ledger.records.map((r) => r.Kind).sort()).toEqual(['commit', 'commit', 'reserve', 'reserve']);
    expect(ledger.records.map((r) => r['Amount (yuan)']).sort()).toEqual(['-1000000.00', '-500000.00', '1000000.00', '500000.00']);
    expect(ledger.records.every((r) => r['Cause ID'] === p.challenges.d.id)).toBe(true);
    const all = await csv('ledger', '', finance);
    expect(all.records.length).toBeGreaterThan(ledger.records.length);
    expect(all.records.filter((r) => r['类型'] === 'budget_set').length).toBe(8);
    const cents = all.records.reduce((s, r) => s + Math.round(Number(r['金额（元）']) * 100), 0);
    expect(cents).toBe(0);
  });

  test('the filtered ledger read in pages of any size is the same entries in the same order, pages without a kept entry included', async () => {
    const read = async (filter: { year?: number }, limit: number) => {
      const source = reportSource('ledger', filter, 'en', false);
      const rows: Row[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { rows: Row[]; cursor: string | null } = await source.page(env.app.ctx, cursor, limit);
        rows.push(...page.rows);
        cursor = page.cursor;
        pages++;
      } while (cursor !== null);
      return { entries: rows.map((r) => r.entry), pages };
    };
    const whole = await read({ year: 2027 }, 100_000);
    expect(whole.entries).toHaveLength(4);
    const everything = await read({}, 100_000);
    for (const limit of [1, 2, 3, 7]) {
      const paged = await read({ year: 2027 }, limit);
      expect(paged.entries, `pages of ${limit}`).toEqual(whole.entries);
      // Every entry of the ledger was looked at once: most pages of one keep nothing.
      expect(paged.pages, `pages of ${limit}`).toBe(Math.floor(everything.entries.length / limit) + 1);
    }
  });
});

describe('XLSX exports', () => {
  test('projects and releases read back with exceljs: headers, amounts as numbers in yuan', async () => {
    const projects = await xlsx('projects', '?year=2026', undefined, 'en');
    expect(projects.res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(projects.res.headers['content-disposition']).toBe('attachment; filename="projects-2026.xlsx"');
    expect(projects.sheet.name).toBe('projects');
    expect(projects.header.slice(0, 4)).toEqual(['Project ID', 'Challenge ID', 'Challenge', 'Solver organisation']);
    expect(projects.records.map((r) => [r['Project ID'], r.State, r['Award (yuan)'], r['Enterprise share (yuan)'], r['Special fund (yuan)'], r.Milestones, r['Milestones verified'], r['Released (yuan)']]).sort()).toEqual([
      [p.projects.a, 'active', 900000, 600000, 300000, 3, 1, 270000],
      [p.projects.a2, 'awaiting_signature', 600000, 400000, 200000, 3, 0, 0],
    ].sort());
    expect((await xlsx('projects', '?year=2027')).records).toEqual([]);

    const releases = await xlsx('releases', '', finance);
    expect(releases.header).toContain('金额（元）');
    expect(releases.records.map((r) => r['金额（元）']).sort()).toEqual([180000, 90000].sort());
    expect(releases.sheet.getColumn(7).numFmt).toBe('#,##0.00');
  });

  test('applications as XLSX carry the same rows as the CSV', async () => {
    const [asCsv, asXlsx] = [await csv('applications'), await xlsx('applications')];
    expect(asXlsx.header).toEqual(asCsv.header);
    expect(asXlsx.records.map((r) => r['受理编号']).sort()).toEqual(asCsv.records.map((r) => r['受理编号']).sort());
    expect(asXlsx.records).toHaveLength(5);
  });
});
