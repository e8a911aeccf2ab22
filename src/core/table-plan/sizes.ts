import { failure } from './model.js';
import type { PlanOutcome, TableSize, TableSizeRange } from './types.js';

/** A single N is the range 1..N: the bound is N, and evenness (a soft goal) keeps tables near n / tables. */
export function resolveTableSize(size: TableSize): PlanOutcome<TableSizeRange> {
  const range = typeof size === 'number' ? { min: 1, max: size } : size;
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min < 1 || range.max < range.min) {
    const shown = typeof size === 'number' ? String(size) : `${size.min}-${size.max}`;
    return failure(
      'invalid_table_size',
      `table size must be a whole number of at least 1, or a range min-max with 1 ≤ min ≤ max; got ${shown}`,
    );
  }
  return { ok: true, value: range };
}

/** Formats a range as a host would say it: "at most 8", "exactly 8" or "6–8". */
export function describeRange(range: TableSizeRange): string {
  if (range.min === 1) return `at most ${range.max}`;
  return range.min === range.max ? `exactly ${range.max}` : `${range.min}–${range.max}`;
}

/**
 * The fewest tables that can hold `people` within the bounds (fewer tables need fewer facilitators),
 * or an error when no count works: t tables hold t×min … t×max people, and if ⌈n/max⌉ tables need
 * more than n people, so does every larger count.
 */
export function fewestTables(people: number, range: TableSizeRange): PlanOutcome<number> {
  if (people === 0) return { ok: true, value: 0 };
  const count = Math.ceil(people / range.max);
  if (count * range.min > people) {
    return failure(
      'table_sizes_impossible',
      `${people} registrants cannot fill tables of ${range.min}–${range.max}: ${count} table(s) need at least ${count * range.min}, and fewer cannot hold them`,
    );
  }
  return { ok: true, value: count };
}

/** The most tables the bounds allow for `people` (each table needs at least `min`). */
export function mostTables(people: number, range: TableSizeRange): number {
  return Math.floor(people / range.min);
}
