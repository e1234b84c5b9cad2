import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordOptions, verifyPassword } from '../src/services/passwords';

describe('password hashing', () => {
  it("uses OWASP's minimum argon2id parameters unless NODE_ENV is test", () => {
    for (const env of ['production', 'development', undefined]) expect(passwordOptions(env), String(env)).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(passwordOptions('test').memoryCost).toBeLessThan(19456);
  });

  it('verifies a hash by the parameters stored in it, whichever were used', async () => {
    const full = await hash('correct horse battery', passwordOptions('production'));
    expect(full).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(full, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(full, 'correct horse')).toBe(false);
    const cheap = await hashPassword('correct horse battery');
    expect(await verifyPassword(cheap, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(cheap, 'correct horse')).toBe(false);
  });
});
