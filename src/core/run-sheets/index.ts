export * from './agenda.js';
export * from './templates.js';
