import { NOTIFICATION_KINDS } from '@challenge/domain';
import { describe, expect, it } from 'vitest';
import { KIND_GROUPS } from './reach';

describe('e-mail choice groups', () => {
  it('hold every notification kind exactly once', () => {
    const grouped = Object.values(KIND_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });
});
