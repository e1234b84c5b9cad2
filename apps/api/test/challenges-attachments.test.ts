import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attachments, auditLog } from '@challenge/db';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { detectFileType } from '../src/services/attachments/detect-type';
import { act, bearer, challengeIn, fingerprint, setupTestApp, sharedBureauToken, verifiedEnterprise, verifiedSolver, type Member } from './helpers';

const env = await setupTestApp();
const { app } = env;
const db = env.database.db;
const storedFiles = () => (existsSync(join(env.dataDir, 'attachments')) ? readdirSync(join(env.dataDir, 'attachments')) : []);

// ---- files -----------------------------------------------------------------------------------------

/** A small but well-formed PDF, with the binary comment line real PDFs carry (bytes that are not UTF-8). */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
  Buffer.from(
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Size 4 /Root 1 0 R>>\n%%EOF\n',
  ),
]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>');
const SVG_WITH_PROLOG = Buffer.from('\uFEFF  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
const TEXT_WITH_SCRIPT = Buffer.from('检测报告\n结论：合格\n<script>fetch("//evil.example")</script>\n');
const TEXT = Buffer.from('检测报告 Test report\n抗拉强度 ≥ 1 100 MPa\n');

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A stored (uncompressed) ZIP of the given entries: enough for Office Open XML detection. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const DOCX = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
const XLSX = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
const ZIP = zip({ 'data/readings.csv': 't,temp\n0,1520\n' });

// ---- requests ----------------------------------------------------------------------------------------

const upload = (parentId: string, filename: string, body: Buffer, token?: string, contentType = 'application/octet-stream') =>
  app.inject({
    method: 'POST',
    url: `/api/attachments?parentType=challenge&parentId=${parentId}&filename=${encodeURIComponent(filename)}`,
    headers: { ...(token ? bearer(token) : {}), 'content-type': contentType },
    payload: body,
  });
const download = (id: string, token?: string) => app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: token ? bearer(token) : {} });

async function draftOf(owner: Member) {
  return challengeIn(env, owner, 'draft');
}

describe('type detection by content', () => {
  it('recognises the accepted types whatever they are called', () => {
    expect(detectFileType(PDF)).toMatchObject({ ok: true, contentType: 'application/pdf' });
    expect(detectFileType(PNG)).toMatchObject({ ok: true, contentType: 'image/png' });
    expect(detectFileType(JPEG)).toMatchObject({ ok: true, contentType: 'image/jpeg' });
    expect(detectFileType(DOCX)).toMatchObject({ ok: true, kind: 'docx' });
    expect(detectFileType(XLSX)).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(detectFileType(ZIP)).toMatchObject({ ok: true, contentType: 'application/zip' });
    expect(detectFileType(TEXT)).toMatchObject({ ok: true, contentType: 'text/plain; charset=utf-8' });
  });

  it('refuses markup, also disguised as text, and anything unrecognised', () => {
    for (const markup of [HTML, SVG, SVG_WITH_PROLOG, TEXT_WITH_SCRIPT, Buffer.from('  <p>hi</p>'), Buffer.from('<?xml version="1.0"?><x/>')]) {
      expect(detectFileType(markup), markup.toString()).toEqual({ ok: false, reason: 'markup' });
    }
    expect(detectFileType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toEqual({ ok: false, reason: 'unrecognised' });
    expect(detectFileType(Buffer.from([0xc3, 0x28]))).toEqual({ ok: false, reason: 'unrecognised' }); // not UTF-8
    expect(detectFileType(Buffer.from('PK\u0003\u0004 truncated'))).toEqual({ ok: false, reason: 'unrecognised' });
    expect(detectFileType(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('POST /api/attachments', () => {
  it('the owner uploads a real PDF to a draft; it reads back byte-identical, as an attachment, with the detected type', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    const res = await upload(c.id, '检测报告 (final).pdf', PDF, owner.token);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ parentType: 'challenge', parentId: c.id, filename: '检测报告 (final).pdf', contentType: 'application/pdf', sizeBytes: PDF.length });

    // Stored under DATA_DIR/attachments by a server-generated name, not the uploader's.
    const [row] = await db.select().from(attachments).where(eq(attachments.id, a.id));
    expect(row!.storageName).toMatch(/^[0-9a-f]{48}$/);
    expect(readFileSync(join(env.dataDir, 'attachments', row!.storageName)).equals(PDF)).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'attachment.upload')));
    expect(audit).toMatchObject({ actorId: owner.userId, after: { parentId: c.id, contentType: 'application/pdf', sizeBytes: PDF.length } });

    const file = await download(a.id, owner.token);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="____ (final).pdf"; filename*=UTF-8''%E6%A3%80%E6%B5%8B%E6%8A%A5%E5%91%8A%20%28final%29.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.headers['content-length']).toBe(String(PDF.length));

    const detail = (await app.inject({ method: 'GET', url: `/api/challenges/${c.id}`, headers: bearer(owner.token) })).json();
    expect(detail.attachments).toEqual([a]);
  });

  it('accepts PNG, JPEG, DOCX, XLSX, ZIP and plain text, typed by content', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    for (const [name, body, type] of [
      ['photo.png', PNG, 'image/png'], ['scan.jpg', JPEG, 'image/jpeg'], ['方案.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['data.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['raw.zip', ZIP, 'application/zip'], ['notes.txt', TEXT, 'text/plain; charset=utf-8'],
    ] as const) {
      const res = await upload(c.id, name, body, owner.token);
      expect(res.statusCode, name).toBe(201);
      expect(res.json().contentType, name).toBe(type);
      const file = await download(res.json().id, owner.token);
      expect(file.headers['content-type'], name).toBe(type);
      expect(file.rawPayload.equals(body), name).toBe(true);
    }
  });

  it('refuses HTML renamed .pdf, SVG, markup posing as text and unknown bytes, storing nothing', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    const before = await fingerprint(env);
    const files = storedFiles();
    for (const [name, body] of [
      ['report.pdf', HTML], ['logo.svg', SVG], ['logo.png', SVG_WITH_PROLOG], ['notes.txt', TEXT_WITH_SCRIPT], ['blob.bin', Buffer.from([0, 1, 2, 3, 4])],
    ] as const) {
      const res = await upload(c.id, name, body, owner.token);
      expect(res.statusCode, name).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, name).toBe('file_type_not_allowed');
    }
    expect(await fingerprint(env)).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });

  it('refuses a file over 10 MB with 413 and an empty one with 422, as problem details', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    const before = await fingerprint(env);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const tooLarge = await upload(c.id, 'big.pdf', big, owner.token, 'application/octet-stream');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers['content-type']).toContain('application/problem+json');
    expect(tooLarge.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    const empty = await upload(c.id, 'empty.pdf', Buffer.alloc(0), owner.token);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'body', code: 'empty' })]);
    // Exactly at the limit is accepted.
    const atLimit = await upload(c.id, 'limit.pdf', big.subarray(0, 10 * 1024 * 1024), owner.token);
    expect(atLimit.statusCode).toBe(201);
    expect(before.attachments).not.toEqual((await fingerprint(env)).attachments);
  });

  it('only the owner, only to a draft; other content types are refused', async () => {
    const owner = await verifiedEnterprise(env);
    const other = await verifiedEnterprise(env);
    const solver = await verifiedSolver(env);
    const bureau = await sharedBureauToken(env);
    const draft = await draftOf(owner);
    const inReview = await challengeIn(env, owner, 'pending_review');
    const before = await fingerprint(env);
    const files = storedFiles();
    const cases: [string, string, string | undefined, number, string][] = [
      ['anonymous', draft.id, undefined, 401, 'unauthenticated'],
      ['another enterprise', draft.id, other.token, 404, 'not_found'],
      ['a solver', draft.id, solver.token, 404, 'not_found'],
      ['the bureau', draft.id, bureau, 403, 'forbidden'],
      ['the owner, in review', inReview.id, owner.token, 409, 'illegal_transition'],
      ['the owner, unknown parent', '00000000-0000-4000-8000-000000000000', owner.token, 404, 'not_found'],
    ];
    for (const [who, parentId, token, status, code] of cases) {
      const res = await upload(parentId, 'a.pdf', PDF, token);
      expect([res.statusCode, res.json().code], who).toEqual([status, code]);
    }
    expect((await upload(draft.id, 'a.pdf', PDF, owner.token, 'application/pdf')).statusCode).toBe(415);
    expect((await app.inject({ method: 'POST', url: `/api/attachments?parentType=challenge&parentId=${draft.id}`, headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: PDF })).statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: `/api/attachments?parentType=project&parentId=${draft.id}&filename=a.pdf`, headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: PDF })).statusCode).toBe(422);
    // Octet-stream is accepted on the upload route only.
    const elsewhere = await app.inject({ method: 'POST', url: '/api/challenges', headers: { ...bearer(owner.token), 'content-type': 'application/octet-stream' }, payload: PDF });
    expect(elsewhere.statusCode).toBe(415);
    expect(await fingerprint(env)).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });

  it('file names lose directories and control characters', async () => {
    const owner = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    const res = await upload(c.id, '../../etc/\u202Egpj.pdf\u0007', PDF, owner.token);
    expect(res.json().filename).toBe('gpj.pdf');
    const onlyPath = await upload(c.id, '../', PDF, owner.token);
    expect(onlyPath.statusCode).toBe(422);
  });
});

describe('GET /api/attachments/:id', () => {
  it('follows the right to the parent challenge: hidden while a draft, public once a public challenge is published', async () => {
    const owner = await verifiedEnterprise(env);
    const other = await verifiedEnterprise(env);
    const c = await draftOf(owner);
    const a = (await upload(c.id, 'a.pdf', PDF, owner.token)).json();
    expect((await download(a.id)).statusCode).toBe(404);
    expect((await download(a.id, other.token)).statusCode).toBe(404);
    expect((await download(a.id, await sharedBureauToken(env))).statusCode).toBe(200);

    await act(env, owner.token, c.id, 'submit');
    await act(env, await sharedBureauToken(env), c.id, 'approve', { specialFundFen: 0 });
    const file = await download(a.id);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await download('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await download('not-a-uuid')).statusCode).toBe(422);
  });
});
