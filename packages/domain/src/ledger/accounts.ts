import type { FundingSource } from '../states/machine';

/*
 * The accounts of the funds ledger (architecture.md "Money"): enough of them to follow a fen from the
 * special fund's yearly budget, or from the enterprise, to the solver. Each account holds what it is
 * named for, so a positive balance is money there and a transfer moves it on. Money enters from the
 * outside world, which is why the world alone may go negative: its balance is minus everything that
 * came in. Every other account going negative would mean that more left it than ever arrived, which is
 * exactly what product.md "Rules that must always hold" forbids (see `ruleBroken` in checks.ts).
 *
 * The special fund's money is charged to the fiscal year the challenge was approved in (product.md
 * "Money by funding source"), so the reservation carries its year in its key and returns there. The
 * enterprise's share never sits in the bureau's bank: it is recorded as a commitment when the bounty
 * is approved and followed through the same steps, so both sources obey one set of rules.
 */
export type Account =
  /** Where money comes from and goes back to: the Finance Bureau's treasury, the enterprise. */
  | { readonly kind: 'world' }
  /** The special fund's budget of a fiscal year not yet reserved for any challenge. */
  | { readonly kind: 'fund_available'; readonly fiscalYear: number }
  /** The special-fund match of a challenge, reserved at approval and charged to that year. */
  | { readonly kind: 'fund_reserved'; readonly fiscalYear: number; readonly challengeId: string }
  /** The enterprise's share of a challenge's bounty (配套资金), committed at approval. */
  | { readonly kind: 'enterprise_committed'; readonly challengeId: string }
  /** A project's award from one source, not yet released to a milestone. */
  | { readonly kind: 'project_funds'; readonly projectId: string; readonly source: FundingSource }
  /** A release created by verifying a milestone, owed to the solver and not yet paid. */
  | { readonly kind: 'release_payable'; readonly releaseId: string }
  /** A release paid (disbursed, or recorded paid by the enterprise) whose receipt the solver has not confirmed. */
  | { readonly kind: 'release_disbursed'; readonly releaseId: string }
  /** What a project's solver confirmed receiving from one source: money that has left for good. */
  | { readonly kind: 'paid_out'; readonly projectId: string; readonly source: FundingSource };

export type AccountKind = Account['kind'];

export const ACCOUNT_KINDS = [
  'world', 'fund_available', 'fund_reserved', 'enterprise_committed', 'project_funds', 'release_payable', 'release_disbursed', 'paid_out',
] as const satisfies readonly AccountKind[];

/** An account's stable key, e.g. `fund_reserved:2025:<challenge id>`: what entries and balances name. */
export type AccountKey = string;

const SEPARATOR = ':';
const SOURCES: readonly FundingSource[] = ['enterprise', 'special_fund'];

// Keys are built from database ids; a malformed one is a programming error, not bad user input.
function owner(id: string): string {
  if (id.length === 0 || id.includes(SEPARATOR)) throw new RangeError(`an account owner id must be non-empty without '${SEPARATOR}': ${JSON.stringify(id)}`);
  return id;
}

function year(y: number): string {
  if (!Number.isInteger(y) || y < 2000 || y > 9999) throw new RangeError(`a fiscal year must be a four-digit year: ${y}`);
  return String(y);
}

export function accountKey(account: Account): AccountKey {
  const parts = ((): string[] => {
    switch (account.kind) {
      case 'world': return [];
      case 'fund_available': return [year(account.fiscalYear)];
      case 'fund_reserved': return [year(account.fiscalYear), owner(account.challengeId)];
      case 'enterprise_committed': return [owner(account.challengeId)];
      case 'project_funds':
      case 'paid_out': return [owner(account.projectId), account.source];
      case 'release_payable':
      case 'release_disbursed': return [owner(account.releaseId)];
    }
  })();
  return [account.kind, ...parts].join(SEPARATOR);
}

/** The account a key names, or null for a key no account has (the persistence step's `accounts` rows and `ledger:check` need the kind back). */
export function parseAccountKey(key: AccountKey): Account | null {
  const [kind, ...rest] = key.split(SEPARATOR);
  const fiscalYear = Number(rest[0]);
  const yearOk = /^\d{4}$/.test(rest[0] ?? '') && fiscalYear >= 2000;
  const idOk = (s: string | undefined): s is string => s !== undefined && s.length > 0;
  const sourceOk = (s: string | undefined): s is FundingSource => SOURCES.includes(s as FundingSource);
  let account: Account | null = null;
  switch (kind) {
    case 'world': account = rest.length === 0 ? { kind } : null; break;
    case 'fund_available': account = rest.length === 1 && yearOk ? { kind, fiscalYear } : null; break;
    case 'fund_reserved': account = rest.length === 2 && yearOk && idOk(rest[1]) ? { kind, fiscalYear, challengeId: rest[1] } : null; break;
    case 'enterprise_committed': account = rest.length === 1 && idOk(rest[0]) ? { kind, challengeId: rest[0] } : null; break;
    case 'project_funds':
    case 'paid_out': account = rest.length === 2 && idOk(rest[0]) && sourceOk(rest[1]) ? { kind, projectId: rest[0], source: rest[1] } : null; break;
    case 'release_payable':
    case 'release_disbursed': account = rest.length === 1 && idOk(rest[0]) ? { kind, releaseId: rest[0] } : null; break;
  }
  return account;
}

/** Only the outside world may go negative: its balance is minus all the money that ever came in. */
export const mayGoNegative = (account: Account): boolean => account.kind === 'world';

export const WORLD: AccountKey = accountKey({ kind: 'world' });

// Short builders for the keys the transfer builders use most.
export const fundAvailable = (fiscalYear: number) => accountKey({ kind: 'fund_available', fiscalYear });
export const fundReserved = (fiscalYear: number, challengeId: string) => accountKey({ kind: 'fund_reserved', fiscalYear, challengeId });
export const enterpriseCommitted = (challengeId: string) => accountKey({ kind: 'enterprise_committed', challengeId });
export const projectFunds = (projectId: string, source: FundingSource) => accountKey({ kind: 'project_funds', projectId, source });
export const releasePayable = (releaseId: string) => accountKey({ kind: 'release_payable', releaseId });
export const releaseDisbursed = (releaseId: string) => accountKey({ kind: 'release_disbursed', releaseId });
export const paidOut = (projectId: string, source: FundingSource) => accountKey({ kind: 'paid_out', projectId, source });
