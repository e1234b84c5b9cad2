import { AppError } from './errors';

/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015: 17 characters followed by a check
 * character, all from a 31-character alphabet that leaves out I, O, Z, S and V (they are easily
 * mistaken for 1, 0, 2, 5 and U). product.md step 1: Chinese legal entities register with one,
 * "validated by its check character".
 *
 * Only length, alphabet and check character are enforced. The standard also gives the first two
 * characters a meaning (registration authority and entity type) and embeds a GB 11714 organisation
 * code in characters 9–17, but the authority and type code lists have grown since 2015 and codes
 * issued after the reform (e.g. "MA…") do not carry a valid GB 11714 check digit, so checking those
 * would refuse real organisations.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const MODULUS = 31;

export type UsccCheck = { ok: true; value: string } | { ok: false; reason: 'length' | 'charset' | 'check_character' };

/** What users type often carries spaces (codes are printed in groups) and lower case. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

const inAlphabet = (s: string) => [...s].every((c) => USCC_ALPHABET.includes(c));

function checkIndex(body17: string): number {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += USCC_ALPHABET.indexOf(body17.charAt(i)) * WEIGHTS[i]!;
  return (MODULUS - (sum % MODULUS)) % MODULUS;
}

/** The check character for the first 17 characters of a code (already normalised). */
export function usccCheckCharacter(body17: string): string {
  if (body17.length !== 17) throw new AppError('uscc_invalid', { reason: 'length' });
  if (!inAlphabet(body17)) throw new AppError('uscc_invalid', { reason: 'charset' });
  return USCC_ALPHABET.charAt(checkIndex(body17));
}

export function checkUscc(input: string): UsccCheck {
  const value = normalizeUscc(input);
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!inAlphabet(value)) return { ok: false, reason: 'charset' };
  if (usccCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, reason: 'check_character' };
  return { ok: true, value };
}

export const isValidUscc = (input: string): boolean => checkUscc(input).ok;
