export { type AdjustedPlan, adjustPlan, type CheckInChanges, type CheckInOptions } from './adjust.js';
export { randomAssignment } from './baseline.js';
export { planTables } from './plan.js';
export { type ScoreOptions, scorePlan } from './score.js';
export { resolveTableSize } from './sizes.js';
export type * from './types.js';
