/**
 * The bureau's audit viewer (审计日志): the API's shapes, the filter form read from the address, the
 * entity links and the before/after diff — pure, so the page stays thin and this is unit-tested.
 */

export interface AuditRecord {
  id: number;
  at: string;
  actor: { id: string; role: string | null; displayName: string | null } | null;
  action: string;
  entity: { type: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedPersonalFields: string[];
  hash: string;
  prevHash: string;
}

export interface AuditPage {
  items: AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditFacets {
  entityTypes: string[];
  actions: string[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenIds: number[];
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  actorEmail?: string;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const AUDIT_PAGE_SIZE = 25;

/** The form's values as typed (echoed back into the fields), and what the API is asked. */
export interface AuditFilterForm {
  values: { entityType: string; action: string; entityId: string; actor: string; from: string; to: string };
  query: AuditQuery;
  /** Fields whose value was not used, by name: `actor` (neither an e-mail nor a user id), `from`/`to` (not a date), `range` (from after to). */
  invalid: ('actor' | 'from' | 'to' | 'range' | 'entityId')[];
  filtered: boolean;
}

const CODE = /^[a-z][a-z0-9_.]*$/;
const ENTITY_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day in Beijing time, as the instant it starts (or the last millisecond it holds). */
export function beijingDayBound(day: string, end: boolean): string | undefined {
  const m = DATE.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = Date.UTC(y, mo - 1, d) - 8 * 3600_000;
  const check = new Date(start + 8 * 3600_000);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || y < 2000 || y > 2100) return undefined;
  return new Date(end ? start + 24 * 3600_000 - 1 : start).toISOString();
}

/** Reads the GET filter form from the address; a value that cannot be used is reported, not sent. */
export function auditFilters(params: URLSearchParams): AuditFilterForm {
  const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 254);
  const values = { entityType: get('entityType'), action: get('action'), entityId: get('entityId'), actor: get('actor'), from: get('from'), to: get('to') };
  const invalid: AuditFilterForm['invalid'] = [];
  const query: AuditQuery = {};
  if (CODE.test(values.entityType) && values.entityType.length <= 40) query.entityType = values.entityType;
  if (CODE.test(values.action) && values.action.length <= 80) query.action = values.action;
  if (values.entityId) {
    if (ENTITY_ID.test(values.entityId)) query.entityId = values.entityId;
    else invalid.push('entityId');
  }
  if (values.actor) {
    if (UUID.test(values.actor)) query.actorId = values.actor.toLowerCase();
    else if (EMAIL.test(values.actor)) query.actorEmail = values.actor;
    else invalid.push('actor');
  }
  const from = values.from ? beijingDayBound(values.from, false) : undefined;
  const to = values.to ? beijingDayBound(values.to, true) : undefined;
  if (values.from && !from) invalid.push('from');
  if (values.to && !to) invalid.push('to');
  if (from && to && from > to) invalid.push('range');
  else {
    if (from) query.from = from;
    if (to) query.to = to;
  }
  const filtered = Object.values(values).some((v) => v !== '');
  return { values, query, invalid, filtered };
}

/** Where the bureau reads the entity a record is about, when there is such a page. */
export function entityHref(r: Pick<AuditRecord, 'entity' | 'before' | 'after'>): string | undefined {
  const id = encodeURIComponent(r.entity.id);
  switch (r.entity.type) {
    case 'challenge':
      return `/bureau/challenges/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'application': {
      const challengeId = (r.after?.challengeId ?? r.before?.challengeId) as unknown;
      return typeof challengeId === 'string' && UUID.test(challengeId) ? `/bureau/challenges/${encodeURIComponent(challengeId)}/review/applications/${id}` : undefined;
    }
    default:
      return undefined;
  }
}

export interface DiffRow {
  field: string;
  before: string | undefined;
  after: string | undefined;
  changed: boolean;
}

const show = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/** Every field of either snapshot, in a stable order, with whether its value changed. */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return keys.map((field) => {
    const b = show(before?.[field]);
    const a = show(after?.[field]);
    return { field, before: b, after: a, changed: b !== a };
  });
}

/** Entity types with a name in the message files; any other is shown by its code. */
export const NAMED_ENTITY_TYPES = ['application', 'attachment', 'calendar', 'challenge', 'join_request', 'milestone', 'objection', 'organization', 'project', 'question', 'release', 'user'] as const;
export type NamedEntityType = (typeof NAMED_ENTITY_TYPES)[number];
export const isNamedEntityType = (v: string): v is NamedEntityType => (NAMED_ENTITY_TYPES as readonly string[]).includes(v);
