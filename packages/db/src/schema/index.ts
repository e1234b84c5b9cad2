export * from './accounts';
export * from './audit';
export * from './challenges';
export * from './attachments';
export * from './search';
export * from './applications';
export * from './notifications';
export * from './reviews';
