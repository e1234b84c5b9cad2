/**
 * What a file is, judged by its content only — never by its name or the client's Content-Type.
 * Accepted: PDF, PNG, JPEG, ZIP (and the Office Open XML files inside ZIPs: DOCX, XLSX) and plain
 * UTF-8 text. Refused: HTML and SVG (markup a browser could render as a page on our origin, also
 * when dressed up as text or under another name) and everything not recognised.
 */
export type Detected =
  | { ok: true; contentType: string; kind: 'pdf' | 'png' | 'jpeg' | 'zip' | 'docx' | 'xlsx' | 'text' }
  | { ok: false; reason: 'empty' | 'markup' | 'unrecognised' };

const startsWith = (buf: Buffer, bytes: readonly number[], offset = 0) => buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

/** Anything a browser might take for markup: tags that start documents, scripts or vector images. */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|frame|object|embed|style|link|meta|img|a\s|form|math|xml|\?xml|template|base)\b|<\?xml/i;

export function detectFileType(buf: Buffer): Detected {
  if (buf.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(buf, PDF)) return { ok: true, contentType: 'application/pdf', kind: 'pdf' };
  if (startsWith(buf, PNG)) return { ok: true, contentType: 'image/png', kind: 'png' };
  if (startsWith(buf, JPEG)) return { ok: true, contentType: 'image/jpeg', kind: 'jpeg' };
  if (startsWith(buf, ZIP_LOCAL) || startsWith(buf, ZIP_EMPTY)) return zipKind(buf);
  return textKind(buf);
}

function textKind(buf: Buffer): Detected {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { ok: false, reason: 'unrecognised' };
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return { ok: false, reason: 'unrecognised' };
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('<') || MARKUP.test(text)) return { ok: false, reason: 'markup' };
  return { ok: true, contentType: 'text/plain; charset=utf-8', kind: 'text' };
}

type Kind = Extract<Detected, { ok: true }>['kind'];

/** The extensions a file of each kind may be called by. */
const EXTENSIONS: Record<Kind, readonly string[]> = {
  pdf: ['pdf'], png: ['png'], jpeg: ['jpg', 'jpeg'], zip: ['zip'], docx: ['docx'], xlsx: ['xlsx'], text: ['txt', 'csv', 'tsv', 'md', 'log'],
};

/**
 * Whether the name agrees with what the content is. The name travels with the download and decides
 * what the reader's computer does on opening it, so text called `report.bat` or `scan.js` (run by
 * Windows, not read) is refused like a PNG called `.pdf`. A name without an extension opens nothing.
 */
export function nameAgreesWithContent(filename: string, kind: Kind): boolean {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0) return true;
  return EXTENSIONS[kind].includes(filename.slice(dot + 1).toLowerCase());
}

/** Names of the entries in a ZIP's central directory (found through the end-of-central-directory record). */
function zipEntryNames(buf: Buffer): string[] | null {
  // EOCD: signature 0x06054b50, at least 22 bytes, followed by a comment of up to 65535 bytes.
  const minStart = Math.max(0, buf.length - 22 - 0xffff);
  for (let eocd = buf.length - 22; eocd >= minStart; eocd--) {
    if (buf.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = buf.readUInt16LE(eocd + 10);
    let at = buf.readUInt32LE(eocd + 16);
    const names: string[] = [];
    for (let i = 0; i < entries; i++) {
      if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
      const nameLength = buf.readUInt16LE(at + 28);
      const extraLength = buf.readUInt16LE(at + 30);
      const commentLength = buf.readUInt16LE(at + 32);
      if (at + 46 + nameLength > buf.length) return null;
      names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
}

function zipKind(buf: Buffer): Detected {
  const names = zipEntryNames(buf);
  if (!names) return { ok: false, reason: 'unrecognised' };
  const ooxml = names.includes('[Content_Types].xml');
  if (ooxml && names.some((n) => n.startsWith('word/'))) {
    return { ok: true, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'docx' };
  }
  if (ooxml && names.some((n) => n.startsWith('xl/'))) {
    return { ok: true, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'xlsx' };
  }
  return { ok: true, contentType: 'application/zip', kind: 'zip' };
}
