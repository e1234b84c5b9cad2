import { describe, expect, it } from 'vitest';
import { parseResultsQuery, percentOf } from './results';

describe('parseResultsQuery', () => {
  it('keeps a known industry and a page within bounds, ignores the rest', () => {
    expect(parseResultsQuery(new URLSearchParams('industry=high_end_equipment&page=3'))).toEqual({ industry: 'high_end_equipment', page: 3 });
    expect(parseResultsQuery(new URLSearchParams('industry=mining&page=abc'))).toEqual({ industry: undefined, page: 1 });
    expect(parseResultsQuery(new URLSearchParams('page=0')).page).toBe(1);
    expect(parseResultsQuery(new URLSearchParams('page=9999999')).page).toBe(100000);
  });
});

describe('percentOf', () => {
  it('rounds down and never divides by zero', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(36_000_000, 120_000_000)).toBe(30);
    expect(percentOf(0, 0)).toBe(0);
  });
});
