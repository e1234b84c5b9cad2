export * from './client';
export * from './audit';
export * from './canonical-json';
export * from './unavailable';
export * as schema from './schema/index';
export * from './schema/index';
