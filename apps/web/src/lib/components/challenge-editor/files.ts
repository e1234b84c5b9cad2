/** Attachment sizes and types as readers know them. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'text/plain': 'TXT',
};

export const fileKind = (contentType: string): string => KINDS[contentType.split(';')[0]!.trim()] ?? contentType;

/** What the file picker offers; the server decides by the content, not by this list. */
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.zip,.docx,.xlsx,.txt,application/pdf,image/png,image/jpeg,application/zip,text/plain';
