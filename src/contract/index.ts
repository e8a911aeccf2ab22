export * from './accounts.js';
export * from './analysis.js';
export * from './identity.js';
export * from './limits.js';
export * from './participation.js';
export * from './problem.js';
export * from './reviews.js';
export * from './statements.js';
