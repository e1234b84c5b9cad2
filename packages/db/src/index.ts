export * from './client';
export * from './audit';
export * from './canonical-json';
export * as schema from './schema/index';
export * from './schema/index';
