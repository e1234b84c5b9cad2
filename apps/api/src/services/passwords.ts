import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (@node-rs/argon2's default) with OWASP's minimum parameters: 19 MiB, 2 passes.
 *
 * Under NODE_ENV=test (the unit tests, and the server of the browser tests) 1 MiB and 1 pass
 * instead: those hash and verify throwaway passwords all the time, at tens of milliseconds each on
 * a busy machine, and the cost is not what they test. Safe because every hash records its own
 * parameters (verify reads them from it), production runs with NODE_ENV=production (Dockerfile,
 * docker-compose.yml), and NODE_ENV=test also opens the route that sets the clock (app.ts): a server
 * started so is not fit for real accounts in any case. Read here, not from the config, because the
 * services that hash are called without it, by the tests too.
 */
export function passwordOptions(nodeEnv: string | undefined) {
  return nodeEnv === 'test'
    ? ({ memoryCost: 1024, timeCost: 1, parallelism: 1 } as const)
    : ({ memoryCost: 19456, timeCost: 2, parallelism: 1 } as const);
}

const OPTIONS = passwordOptions(process.env.NODE_ENV);

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the e-mail is unknown keeps both failures equally slow.
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password'));
