export * from './schemas/common.js';
export * from './schemas/errors.js';
export * from './schemas/event.js';
export * from './schemas/booth.js';
export * from './schemas/deal.js';
export * from './schemas/totals.js';
export * from './events.js';
export * from './money/index.js';
