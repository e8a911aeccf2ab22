import { createRandom, deriveSeed } from '../analysis/random.js';
import { buildModel, failure, type PlanModel } from './model.js';
import { measureTables } from './score.js';
import { construct, improveBySearch, shuffled } from './search.js';
import { Seating } from './seating.js';
import { describeRange, fewestTables, mostTables, resolveTableSize } from './sizes.js';
import type {
  PlanOptions,
  PlanOutcome,
  Registrant,
  Table,
  TablePlan,
  TablePlanError,
  TableSizeRange,
} from './types.js';

/** How many table counts above the fewest are tried when units or apart pairs do not fit. */
const EXTRA_TABLE_ATTEMPTS = 32;
const DEFAULT_MAX_PASSES = 60;

function listIds(model: PlanModel, people: readonly number[]): string {
  return people.map((person) => JSON.stringify(model.ids[person])).join(', ');
}

/**
 * Seats every registrant at a table. Objective, in order: everyone seated once; sizes within the
 * bounds and as even as possible; "apart" pairs never together and "together" groups never split
 * (both hard); then the most distinct values of the first attribute at the least mixed table; then
 * each attribute's spread across tables as close to the room's as possible, in priority order.
 *
 * Construction deals units (people joined by "together") hardest-first, then rarest first-attribute
 * value first, each to the best table with room; then a seeded first-improvement local search moves
 * and swaps units between tables. Uses the fewest tables the bounds allow, adding tables only when
 * together groups or apart pairs cannot otherwise be seated. Deterministic for a seed.
 */
export function planTables(registrants: readonly Registrant[], options: PlanOptions): PlanOutcome<TablePlan> {
  const resolved = resolveTableSize(options.tableSize);
  if (!resolved.ok) return resolved;
  const range = resolved.value;
  const built = buildModel(registrants, options.attributes);
  if (!built.ok) return built;
  const model = built.value;

  for (const members of model.units) {
    if (members.length > range.max) {
      return failure(
        'group_too_large',
        `${listIds(model, members)} asked to sit together: ${members.length} people cannot share a table of ${describeRange(range)}`,
        members.map((person) => model.ids[person]!),
      );
    }
  }

  const fewest = fewestTables(model.ids.length, range);
  if (!fewest.ok) return fewest;
  const seed = options.seed ?? 0;
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  const lastCount = Math.min(mostTables(model.ids.length, range), fewest.value + EXTRA_TABLE_ATTEMPTS);

  // Small rooms get several seeded constructions per table count: a tight set of apart pairs that
  // one dealing order paints into a corner usually yields to another. Large rooms rarely need it.
  const people = model.ids.length;
  const attemptsPerCount = people <= 100 ? 8 : people <= 500 ? 3 : 1;
  let firstError: TablePlanError | undefined;
  let lastTried = fewest.value;
  for (let tableCount = fewest.value; tableCount <= lastCount; tableCount++) {
    lastTried = tableCount;
    let undersized = false;
    for (let attempt = 0; attempt < attemptsPerCount; attempt++) {
      const result = seatAt(model, range, tableCount, seed, attempt, maxPasses);
      if (result.ok) return result;
      firstError ??= result.error;
      undersized ||= result.error.code === 'table_sizes_impossible' && result.error.ids.length === 0;
    }
    // More tables only make tables smaller, so a table below the minimum cannot be cured by adding one.
    if (undersized) break;
  }
  const error = firstError ?? {
    code: 'table_sizes_impossible' as const,
    message: `no table count fits ${model.ids.length} registrants into tables of ${describeRange(range)}`,
    ids: [],
  };
  const tried = lastTried > fewest.value ? ` (tried ${fewest.value}–${lastTried} tables)` : '';
  return { ok: false, error: { ...error, message: `${error.message}${tried}` } };
}

function seatAt(
  model: PlanModel,
  range: TableSizeRange,
  tableCount: number,
  seed: number,
  attempt: number,
  maxPasses: number,
): PlanOutcome<TablePlan> {
  const seating = new Seating(model, range, tableCount);
  const constructionRandom = createRandom(deriveSeed(seed, `table-plan/construct/${tableCount}/${attempt}`));
  const tableRank = shuffled(
    Array.from({ length: tableCount }, (_, table) => table),
    constructionRandom,
  );
  const unplaced = construct(
    seating,
    model.units.map((_, unit) => unit),
    constructionRandom,
    tableRank,
  );
  if (unplaced >= 0) return unfittable(seating, unplaced, tableCount);

  improveBySearch(seating, createRandom(deriveSeed(seed, `table-plan/search/${tableCount}/${attempt}`)), maxPasses);
  if (seating.apartConflicts > 0) return apartConflicts(seating, tableCount);
  if (seating.sizeBoundExcess > 0) {
    const sizes = seating.size.join(', ');
    return failure(
      'table_sizes_impossible',
      `"together" groups cannot be arranged into ${tableCount} tables of ${describeRange(range)}: the best arrangement found has sizes ${sizes}`,
    );
  }
  const people = seating.tables();
  const tables: Table[] = people.map((members, table) => ({
    table: table + 1,
    ids: members.map((person) => model.ids[person]!),
  }));
  return { ok: true, value: { tables, score: { ...measureTables(model, people), problems: [] } } };
}

/** Names the together group no table had room for. */
function unfittable(seating: Seating, unit: number, tableCount: number): { ok: false; error: TablePlanError } {
  const { model, range } = seating;
  const members = model.units[unit]!;
  return failure(
    'table_sizes_impossible',
    `cannot fit ${listIds(model, members)} (sitting together) into ${tableCount} table(s) of ${describeRange(range)}`,
    members.map((person) => model.ids[person]!),
  );
}

/** Names the apart pairs the search could not separate (at most three, for a readable message). */
function apartConflicts(seating: Seating, tableCount: number): { ok: false; error: TablePlanError } {
  const { model, range } = seating;
  const pairs = model.apartPairs.filter(
    ([left, right]) => seating.tableOfUnit[model.unitOf[left]!] === seating.tableOfUnit[model.unitOf[right]!],
  );
  const shown = pairs
    .slice(0, 3)
    .map(([left, right]) => `${JSON.stringify(model.ids[left])} apart from ${JSON.stringify(model.ids[right])}`);
  const more = pairs.length > 3 ? ` and ${pairs.length - 3} more pair(s)` : '';
  return failure(
    'apart_impossible',
    `could not seat ${shown.join(', ')}${more} with ${tableCount} table(s) of ${describeRange(range)}`,
    [...new Set(pairs.flatMap(([left, right]) => [model.ids[left]!, model.ids[right]!]))],
  );
}
