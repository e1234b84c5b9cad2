import { describe, expect, it } from 'vitest';
import { formatDateTime, formatInZone, formatMoney, timeLeft } from './format';

describe('formatMoney', () => {
  it('shows 万元 in Chinese and yuan with separators in English', () => {
    expect(formatMoney(120_000_000, 'zh-CN')).toBe('120 万元');
    expect(formatMoney(120_050_000, 'zh-CN')).toBe('120.05 万元');
    expect(formatMoney(800_000, 'zh-CN')).toBe('8,000 元');
    expect(formatMoney(120_000_000, 'en')).toBe('¥1,200,000');
    expect(formatMoney(12_345, 'en')).toBe('¥123.45');
  });
});

describe('instants', () => {
  const iso = '2026-03-01T01:30:00.000Z';
  it('shows Beijing time and another zone for the same instant', () => {
    expect(formatDateTime(iso)).toBe('2026-03-01 09:30 UTC+8');
    expect(formatInZone(iso, 'Europe/Berlin')).toBe('2026-03-01 02:30 GMT+1');
    expect(formatInZone(iso, 'Not/AZone')).toBe('2026-03-01 09:30 UTC+8');
  });

  it('counts down in whole units and stops at the deadline', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(timeLeft('2026-03-03T05:07:30Z', now)).toEqual({ days: 2, hours: 5, minutes: 7 });
    expect(timeLeft('2026-03-01T00:00:00Z', now)).toBeNull();
    expect(timeLeft('2026-02-28T00:00:00Z', now)).toBeNull();
  });
});
