import { LEDGER_PAGE_SIZE, ledgerFilter, pageParam } from '$lib/funds';
import { createApi } from '$lib/server/api';
import { loadFailed } from '$lib/server/forms';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * 资金账本: balances by account and the transfers with their entries, newest first, for the Finance
 * Bureau and the bureau. `?account=` (the filter's plain GET form) keeps the accounts whose key contains
 * it and the transfers touching them; `?page=` pages the transfers.
 */
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'finance', 'bureau');
  const filter = ledgerFilter(event.url.searchParams.get('account'));
  const page = pageParam(event.url.searchParams.get('page'));
  try {
    const ledger = await createApi(event).funds.ledger({ account: filter || undefined, page, pageSize: LEDGER_PAGE_SIZE });
    return { ledger, filter };
  } catch (e) {
    loadFailed(event, e);
  }
};
