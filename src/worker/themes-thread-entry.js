// Piscina loads this plain module in the worker; tsx (from execArgv) compiles the TypeScript it imports.
export { default } from './themes-thread.ts';
