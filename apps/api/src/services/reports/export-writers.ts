import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { Locale } from '../../http/locale';
import type { ServiceContext } from '../context';
import type { Column, ReportSource, Row } from './export-kinds';

/** Rows read per query: a page at a time, written out before the next is read. */
export const EXPORT_PAGE_SIZE = 500;

/** Fen as yuan with two decimals, exactly (integer arithmetic, never a float's rounding). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A text cell made safe for spreadsheet software: one that begins with = + - @ (or a tab or carriage
 * return, which some programs skip before reading a formula) is prefixed with ' so it is shown as
 * text, never run as a formula (OWASP "CSV injection").
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'fen': return fenToYuan(Number(value));
    case 'int': return String(Number(value));
    case 'instant': return String(value);
    case 'text': return csvField(neutralise(String(value)));
  }
}

async function* pages(ctx: ServiceContext, source: ReportSource): AsyncGenerator<Row[]> {
  let cursor: string | null = null;
  do {
    const page: { rows: Row[]; cursor: string | null } = await source.page(ctx, cursor, EXPORT_PAGE_SIZE);
    if (page.rows.length > 0) yield page.rows;
    cursor = page.cursor;
  } while (cursor !== null);
}

/** CSV in UTF-8 with a byte-order mark (so spreadsheet software reads Chinese), CRLF line ends, a page of rows at a time. */
export function csvStream(ctx: ServiceContext, source: ReportSource, locale: Locale): Readable {
  async function* lines() {
    yield `\uFEFF${source.columns.map((c) => csvField(neutralise(c.header[locale]))).join(',')}\r\n`;
    for await (const rows of pages(ctx, source)) {
      yield rows.map((r) => `${source.columns.map((c) => csvCell(c, r[c.key])).join(',')}\r\n`).join('');
    }
  }
  return Readable.from(lines());
}

/**
 * XLSX through exceljs' streaming writer: each row is committed as it is added, so the workbook is
 * never held whole. Amounts are numbers shown with two decimals (yuan), instants ISO 8601 text; text
 * cells are stored as text, which spreadsheet software never evaluates, so they are written as they are.
 */
export function xlsxStream(ctx: ServiceContext, source: ReportSource, locale: Locale, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = source.columns.map((c) => ({
    key: c.key, header: c.header[locale], width: c.type === 'text' ? 28 : c.type === 'instant' ? 22 : 16,
    ...(c.type === 'fen' ? { style: { numFmt: '#,##0.00' } } : {}),
  }));
  const value = (c: Column, v: unknown) => {
    if (v === null || v === undefined) return null;
    if (c.type === 'fen') return Number(v) / 100;
    if (c.type === 'int') return Number(v);
    return String(v);
  };
  void (async () => {
    for await (const rows of pages(ctx, source)) {
      for (const r of rows) sheet.addRow(Object.fromEntries(source.columns.map((c) => [c.key, value(c, r[c.key])]))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
