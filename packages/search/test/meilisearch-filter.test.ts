import { CHALLENGE_CATEGORIES, CHALLENGE_INDUSTRIES, CHALLENGE_STATES, CHALLENGE_VISIBILITIES } from '@challenge/domain';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ANONYMOUS_READER, MEILI_FILTERABLE_ATTRIBUTES, MeilisearchFilterError, TextAnalyzer, detailFilter, mayReadDetails, meilisearchFilter,
  planMeilisearchQuery, publicOnlyFilter, type SearchQuery, type SearchReader,
} from '../src/index';
import { matchesFilter, parseFilter } from './support/meilisearch-stand-in';

// Unit and property tests of the Meilisearch filter expressions; no server is involved (a real
// Meilisearch is not exercised anywhere in this suite: none can be installed here).
const NOW = new Date('2026-03-01T02:00:00Z');
const N = NOW.getTime();
const ORG = '0000000a-0000-4000-8000-00000000000a';
const ID1 = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';
const BUREAU: SearchReader = { seesEverything: true, organizationId: null, detailChallengeIds: [] };
const q = (over: Partial<SearchQuery>): SearchQuery => ({ page: 1, pageSize: 20, now: NOW, reader: ANONYMOUS_READER, ...over });

describe('filters from every kind of filter', () => {
  test('scope: published for everyone; mine by organisation; all for the bureau only', () => {
    expect(meilisearchFilter(q({}))).toEqual(['publishedAt IS NOT NULL']);
    expect(meilisearchFilter(q({ scope: 'all' }))).toEqual(['publishedAt IS NOT NULL']);
    expect(meilisearchFilter(q({ scope: 'all', reader: BUREAU }))).toEqual([]);
    expect(meilisearchFilter(q({ scope: 'mine', reader: { ...ANONYMOUS_READER, organizationId: ORG } }))).toEqual([`ownerOrganizationId = "${ORG}"`]);
    expect(meilisearchFilter(q({ scope: 'mine' }))).toBeNull();
  });

  test('industry, category, bounty (inclusive), deadline [from, before)', () => {
    const from = new Date(N + 1000);
    const before = new Date(N + 2000);
    expect(meilisearchFilter(q({
      filters: {
        industry: ['metallurgy_new_materials', 'high_end_equipment'], category: ['talent'],
        bountyFen: { min: 100, max: 200 }, deadline: { from, before },
      },
    }))).toEqual([
      'publishedAt IS NOT NULL',
      'industry IN ["metallurgy_new_materials", "high_end_equipment"]',
      'category IN ["talent"]',
      'bounty >= 100',
      'bounty <= 200',
      `deadline >= ${N + 1000}`,
      `deadline < ${N + 2000}`,
    ]);
  });

  test('status as readers mean it: published until the deadline, closed from it on', () => {
    expect(meilisearchFilter(q({ filters: { status: ['published'] } }))![1]).toBe(`(state = "published" AND (deadline IS NULL OR deadline > ${N}))`);
    expect(meilisearchFilter(q({ filters: { status: ['closed'] } }))![1]).toBe(`(state = "closed" OR (state = "published" AND deadline <= ${N}))`);
    expect(meilisearchFilter(q({ filters: { status: ['awarded', 'awarded'] } }))![1]).toBe('state = "awarded"');
    const both = meilisearchFilter(q({ filters: { status: ['published', 'closed'] } }))![1]!;
    const doc = (state: string, deadline: number | null) => ({ state, deadline });
    expect(matchesFilter(both, doc('published', N + 1))).toBe(true);
    expect(matchesFilter(both, doc('published', N))).toBe(true);
    expect(matchesFilter(both, doc('awarded', N))).toBe(false);
    const published = meilisearchFilter(q({ filters: { status: ['published'] } }))![1]!;
    expect([doc('published', N + 1), doc('published', N), doc('published', null), doc('closed', N + 1)].map((d) => matchesFilter(published, d)))
      .toEqual([true, false, true, false]);
  });

  test('every clause is one Meilisearch filter expression on a filterable attribute', () => {
    const all = meilisearchFilter(q({
      scope: 'mine', reader: { ...ANONYMOUS_READER, organizationId: ORG },
      filters: { industry: [...CHALLENGE_INDUSTRIES], category: [...CHALLENGE_CATEGORIES], status: [...CHALLENGE_STATES], bountyFen: { min: 0, max: 1 }, deadline: { from: NOW, before: NOW } },
    }))!;
    for (const clause of [...all, detailFilter({ seesEverything: false, organizationId: ORG, detailChallengeIds: [ID1] })!, publicOnlyFilter({ seesEverything: false, organizationId: ORG, detailChallengeIds: [ID1] })]) {
      const attrs = [...clause.matchAll(/\b([a-zA-Z]+) (?:=|!=|>=|<=|<|>|IN|NOT IN|IS)/g)].map((m) => m[1]);
      expect(() => parseFilter(clause), clause).not.toThrow();
      for (const a of attrs) expect(MEILI_FILTERABLE_ATTRIBUTES as readonly string[], clause).toContain(a);
    }
  });
});

describe('restricted challenges: who is matched on the details', () => {
  test('anonymous, an organisation, entitled ids, the bureau', () => {
    expect(detailFilter(ANONYMOUS_READER)).toBe('visibility = "public"');
    expect(publicOnlyFilter(ANONYMOUS_READER)).toBe('visibility = "restricted"');
    const solver: SearchReader = { seesEverything: false, organizationId: ORG, detailChallengeIds: [ID1, ID2, 'not-a-uuid', ID1.toUpperCase()] };
    expect(detailFilter(solver)).toBe(`(visibility = "public" OR ownerOrganizationId = "${ORG}" OR id IN ["${ID1}", "${ID2}"])`);
    expect(publicOnlyFilter(solver)).toBe(`(visibility = "restricted" AND ownerOrganizationId != "${ORG}" AND id NOT IN ["${ID1}", "${ID2}"])`);
    expect(detailFilter(BUREAU)).toBeNull();
  });

  test('property: the two filters split every challenge between them, and agree with the check made in Node', () => {
    const ids = fc.constantFrom(ID1, ID2, '00000000-0000-4000-8000-000000000003');
    const orgs = fc.constantFrom(ORG, '0000000b-0000-4000-8000-00000000000b');
    fc.assert(fc.property(
      fc.record({ id: ids, ownerOrganizationId: orgs, visibility: fc.constantFrom(...CHALLENGE_VISIBILITIES) }),
      fc.record({ seesEverything: fc.constant(false), organizationId: fc.option(orgs, { nil: null }), detailChallengeIds: fc.array(ids, { maxLength: 3 }) }),
      (doc, reader) => {
        const detail = matchesFilter(detailFilter(reader)!, doc);
        const publicOnly = matchesFilter(publicOnlyFilter(reader), doc);
        expect(detail).not.toBe(publicOnly);
        expect(mayReadDetails(reader, doc)).toBe(detail);
        if (doc.visibility === 'public') expect(detail).toBe(true);
      },
    ));
  });
});

describe('hostile values never reach a filter', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const ENUMS: readonly string[] = [...CHALLENGE_INDUSTRIES, ...CHALLENGE_CATEGORIES, ...CHALLENGE_STATES, ...CHALLENGE_VISIBILITIES];
  /** Every quoted value is an enum code or a UUID; outside quotes only attribute names, operators, numbers and brackets. */
  const safe = (clause: string) => {
    for (const m of clause.matchAll(/"([^"]*)"/g)) expect(ENUMS.includes(m[1]!) || UUID.test(m[1]!), clause).toBe(true);
    const unquoted = clause.replace(/"(?:[a-z_]+|[0-9a-f-]{36})"/g, 'V');
    expect(unquoted, clause).toMatch(/^(?:[ ()[\],]|V|AND|OR|NOT|IN|IS|NULL|-?\d+|[<>!]?=|[<>]|[a-zA-Z]+)*$/);
    expect(() => parseFilter(clause)).not.toThrow();
  };
  const hostile = fc.oneof(
    fc.string(), fc.string({ unit: 'grapheme' }),
    fc.constantFrom('" OR visibility = "restricted', 'published" OR "1" = "1', "talent' OR 1=1 --", 'talent]', '\\"', 'TALENT', ' talent'),
  );

  test('property: an enum filter holding anything but a known code is refused before any request', () => {
    fc.assert(fc.property(fc.constantFrom('industry', 'category', 'status'), fc.array(hostile, { minLength: 1, maxLength: 3 }), (kind, values) => {
      const known: readonly string[] = kind === 'industry' ? CHALLENGE_INDUSTRIES : kind === 'category' ? CHALLENGE_CATEGORIES : CHALLENGE_STATES;
      const build = () => meilisearchFilter(q({ filters: { [kind]: values } as never }));
      if (values.every((v) => known.includes(v))) build()!.forEach(safe);
      else expect(build).toThrow(MeilisearchFilterError);
    }));
  });

  test('property: reader ids that are not UUIDs are dropped, never written into a filter', () => {
    fc.assert(fc.property(fc.option(hostile, { nil: null }), fc.array(fc.oneof(hostile, fc.uuid()), { maxLength: 4 }), (organizationId, detailChallengeIds) => {
      const reader: SearchReader = { seesEverything: false, organizationId, detailChallengeIds };
      safe(detailFilter(reader)!);
      safe(publicOnlyFilter(reader));
      for (const v of [organizationId, ...detailChallengeIds]) {
        if (v && !UUID.test(v.toLowerCase())) expect(detailFilter(reader)! + publicOnlyFilter(reader)).not.toContain(`"${v}"`);
      }
      // `mine` must name the organisation: anything but a UUID is refused.
      const mine = () => meilisearchFilter(q({ scope: 'mine', reader }));
      if (organizationId === null) expect(mine()).toBeNull();
      else if (UUID.test(organizationId.toLowerCase())) mine()!.forEach(safe);
      else expect(mine).toThrow(MeilisearchFilterError);
    }));
  });

  test('numbers must be safe integers and instants valid dates', () => {
    for (const bountyFen of [{ min: Number.NaN }, { max: Number.POSITIVE_INFINITY }, { min: 1.5 }, { max: 2 ** 60 }, { min: '1 OR 1=1' as never }]) {
      expect(() => meilisearchFilter(q({ filters: { bountyFen } })), JSON.stringify(bountyFen)).toThrow(MeilisearchFilterError);
    }
    expect(() => meilisearchFilter(q({ filters: { deadline: { from: new Date('nonsense') } } }))).toThrow(MeilisearchFilterError);
    expect(() => meilisearchFilter(q({ now: new Date(Number.NaN) }))).toThrow(MeilisearchFilterError);
    fc.assert(fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (min, max) => meilisearchFilter(q({ filters: { bountyFen: { min, max } } }))!.forEach(safe)));
  });

  test('property: the query text never reaches a filter', () => {
    const analyzer = TextAnalyzer.shared();
    const reader: SearchReader = { seesEverything: false, organizationId: ORG, detailChallengeIds: [ID1] };
    const filtersOf = (text: string) => planMeilisearchQuery(analyzer, q({ text, reader }), { indexUid: 'challenges' })!.queries.map((x) => x.filter);
    const plain = filtersOf('涡轮盘');
    fc.assert(fc.property(hostile.filter((s) => /[\p{L}\p{N}]/u.test(s)), (text) => {
      const plan = planMeilisearchQuery(analyzer, q({ text, reader }), { indexUid: 'challenges' })!;
      if (plan.text) expect(plan.queries.map((x) => x.filter)).toEqual(plain);
    }), { numRuns: 200 });
  });
});
