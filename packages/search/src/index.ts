export * from './engine';
export * from './document';
export type { Highlight, MatchLexemes } from './highlight';
export type { Correction, QueryTerm, Alternative } from './query';
export { parseQuery, toTsquery } from './query';
export { createPostgresSearchEngine, type PostgresSearchOptions } from './postgres-engine';
export { challengeSearchDocument, loadChallengeSearchDocument, reindexChallenge } from './challenge-document';
export { TextAnalyzer } from './analyzer';
export { Segmenter, type Token, type Word } from './segmenter';
export { SynonymSet, readSynonymGroups } from './synonyms';
export { normalize, normalizeText } from './normalize';
export { INDUSTRY_LABELS, CATEGORY_LABELS } from './labels';
export {
  createMeilisearchEngine, isMeilisearchEngine, type MeilisearchEngine, type MeilisearchEngineOptions, type MeilisearchSync,
} from './meilisearch-engine';
export {
  toMeilisearchDocument, meilisearchSettings, meilisearchSynonyms, type MeilisearchChallengeDocument,
  MEILI_PUBLIC_ATTRIBUTES, MEILI_DETAIL_ATTRIBUTES, MEILI_SEARCHABLE_ATTRIBUTES, MEILI_FILTERABLE_ATTRIBUTES, MEILI_SORTABLE_ATTRIBUTES,
} from './meilisearch-document';
export { meilisearchFilter, detailFilter, publicOnlyFilter, mayReadDetails, MeilisearchFilterError } from './meilisearch-filter';
export { planMeilisearchQuery, meilisearchResult, meilisearchText, type MeilisearchPlan } from './meilisearch-query';
export {
  enqueueSearchSync, drainOutboxBatch, reindexMeilisearch, loadChallengeSearchDocuments, outboxRetryDelayMs, DEFAULT_OUTBOX_RETRY,
  type DrainResult, type ReindexResult, type OutboxRetry, type SearchOutboxOperation,
} from './meilisearch-outbox';
