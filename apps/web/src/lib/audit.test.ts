import { describe, expect, it } from 'vitest';
import { auditFilters, beijingDayBound, diffRows, entityHref } from './audit';

const form = (q: string) => auditFilters(new URLSearchParams(q));
const uuid = '0b6f2a1c-3d4e-4f50-8a6b-7c8d9e0f1a2b';

describe('the audit filter form', () => {
  it('turns Beijing days into inclusive instants', () => {
    expect(beijingDayBound('2026-03-01', false)).toBe('2026-02-28T16:00:00.000Z');
    expect(beijingDayBound('2026-03-01', true)).toBe('2026-03-01T15:59:59.999Z');
    expect(beijingDayBound('2026-02-30', false)).toBeUndefined();
    expect(beijingDayBound('yesterday', false)).toBeUndefined();
  });

  it('sends an actor by id or by e-mail, and reports anything else', () => {
    expect(form(`actor=${uuid.toUpperCase()}`).query).toEqual({ actorId: uuid });
    expect(form('actor=someone@example.cn').query).toEqual({ actorEmail: 'someone@example.cn' });
    const bad = form('actor=someone');
    expect(bad.query).toEqual({});
    expect(bad.invalid).toEqual(['actor']);
    expect(bad.values.actor).toBe('someone');
  });

  it('drops a reversed range and says so; passes codes and ids that fit', () => {
    const reversed = form('from=2026-03-02&to=2026-03-01&entityType=challenge&action=challenge.approve&entityId=2026');
    expect(reversed.invalid).toEqual(['range']);
    expect(reversed.query).toEqual({ entityType: 'challenge', action: 'challenge.approve', entityId: '2026' });
    expect(form('entityType=DROP TABLE&action=x y&entityId=%25').query).toEqual({});
    expect(form('entityId=%25').invalid).toEqual(['entityId']);
    expect(form('').filtered).toBe(false);
    expect(form('from=2026-03-01').query).toEqual({ from: '2026-02-28T16:00:00.000Z' });
  });
});

describe('entity links', () => {
  it('links challenges, projects, and applications through their challenge', () => {
    expect(entityHref({ entity: { type: 'challenge', id: uuid }, before: null, after: null })).toBe(`/bureau/challenges/${uuid}`);
    expect(entityHref({ entity: { type: 'project', id: uuid }, before: null, after: null })).toBe(`/projects/${uuid}`);
    expect(entityHref({ entity: { type: 'application', id: 'a1' }, before: null, after: { challengeId: uuid } })).toBe(`/bureau/challenges/${uuid}/review/applications/a1`);
    expect(entityHref({ entity: { type: 'application', id: 'a1' }, before: null, after: { expertId: uuid } })).toBeUndefined();
    expect(entityHref({ entity: { type: 'calendar', id: '2026' }, before: null, after: null })).toBeUndefined();
  });
});

describe('the before/after diff', () => {
  it('lists every field of either side once, marking those that changed', () => {
    expect(diffRows({ state: 'draft', n: 1, tags: ['a'] }, { state: 'pending_review', n: 1, tags: ['a'], at: null })).toEqual([
      { field: 'at', before: undefined, after: 'null', changed: true },
      { field: 'n', before: '1', after: '1', changed: false },
      { field: 'state', before: 'draft', after: 'pending_review', changed: true },
      { field: 'tags', before: '["a"]', after: '["a"]', changed: false },
    ]);
    expect(diffRows(null, null)).toEqual([]);
  });
});
