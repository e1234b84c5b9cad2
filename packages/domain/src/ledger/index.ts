// The funds ledger's pure core (architecture.md "Money"): accounts, transfers built as data, and the
// checks that keep them sound. Persisting them (accounts, transfers, entries tables) is the API's part.
export * from './accounts';
export * from './transfer';
export * from './balances';
export * from './checks';
export * from './budget';
export * from './approval';
export * from './finalize';
export * from './payments';
export * from './returns';
