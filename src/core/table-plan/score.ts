import { buildModel, type PlanModel } from './model.js';
import { resolveTableSize } from './sizes.js';
import type {
  AttributeScore,
  PlanOutcome,
  PlanProblem,
  PlanScore,
  Registrant,
  TableScore,
  TableSize,
  TableSizeRange,
} from './types.js';

/** Weights 1, ½, ¼ … down the priority list, so the first attribute dominates a table's mixing figure. */
function priorityWeights(count: number): number[] {
  return Array.from({ length: count }, (_, index) => 0.5 ** index);
}

function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  let weightSum = 0;
  values.forEach((value, index) => {
    sum += value * weights[index]!;
    weightSum += weights[index]!;
  });
  return weightSum === 0 ? 1 : sum / weightSum;
}

function rounded(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Measures a seating given as person indices per table (people may be missing or repeated: this
 * measures what is there). Balance compares each table with the room: Σ_values |count − declared ×
 * room share|, which is 0 for a table in the room's proportions and at most 2 × declared; a table's
 * balance is 1 − that / (2 × declared), the room's is 1 − Σ_tables / (2 × declared in the room).
 */
export function measureTables(model: PlanModel, tables: readonly (readonly number[])[]): Omit<PlanScore, 'problems'> {
  const weights = priorityWeights(model.attributes.length);
  const tableScores: TableScore[] = tables.map((people, index) => ({
    table: index + 1,
    size: people.length,
    mixing: 1,
    distinct: {},
    balance: {},
  }));
  const attributeScores: AttributeScore[] = [];
  const tableBalances: number[][] = tables.map(() => []);

  model.attributes.forEach((name, attribute) => {
    const personValues = model.personValues[attribute]!;
    const totals = model.valueTotals[attribute]!;
    const roomDeclared = model.declaredTotals[attribute]!;
    let minDistinct = Number.POSITIVE_INFINITY;
    let distinctSum = 0;
    let deviationSum = 0;
    let declaredSum = 0;
    tables.forEach((people, table) => {
      const counts = new Map<number, number>();
      let declared = 0;
      for (const person of people) {
        const value = personValues[person]!;
        if (value < 0) continue;
        counts.set(value, (counts.get(value) ?? 0) + 1);
        declared++;
      }
      let deviation = 0;
      if (roomDeclared > 0) {
        for (let value = 0; value < totals.length; value++) {
          deviation += Math.abs((counts.get(value) ?? 0) - (declared * totals[value]!) / roomDeclared);
        }
      }
      const balance = declared === 0 ? 1 : 1 - deviation / (2 * declared);
      const score = tableScores[table]!;
      (score.distinct as Record<string, number>)[name] = counts.size;
      (score.balance as Record<string, number>)[name] = rounded(balance);
      tableBalances[table]!.push(balance);
      minDistinct = Math.min(minDistinct, counts.size);
      distinctSum += counts.size;
      deviationSum += deviation;
      declaredSum += declared;
    });
    attributeScores.push({
      name,
      values: totals.length,
      minDistinct: tables.length === 0 ? 0 : minDistinct,
      meanDistinct: tables.length === 0 ? 0 : rounded(distinctSum / tables.length),
      balance: rounded(declaredSum === 0 ? 1 : 1 - deviationSum / (2 * declaredSum)),
    });
  });

  const scored = tableScores.map((score, table) => ({
    ...score,
    mixing: rounded(weightedMean(tableBalances[table]!, weights)),
  }));
  const roomBalances = attributeScores.map((score) => score.balance);
  return { attributes: attributeScores, mixing: rounded(weightedMean(roomBalances, weights)), tables: scored };
}

export interface ScoreOptions {
  /** Priority order as for planning; default every attribute in first-met order. */
  readonly attributes?: readonly string[];
  /** When given, tables outside the bounds are reported as problems. */
  readonly tableSize?: TableSize;
}

/**
 * Scores a plan a host has edited (e.g. after swapping two people): the same measures the planner
 * reports, plus every broken rule as a problem, so the screen can show the measure and the warnings
 * update together. `registrants` are the people expected at the tables; anyone missing is "unseated".
 * Fails only when the registrants or options themselves are invalid.
 */
export function scorePlan(
  registrants: readonly Registrant[],
  tables: readonly (readonly string[])[],
  options: ScoreOptions = {},
): PlanOutcome<PlanScore> {
  const built = buildModel(registrants, options.attributes);
  if (!built.ok) return built;
  let range: TableSizeRange | undefined;
  if (options.tableSize !== undefined) {
    const resolved = resolveTableSize(options.tableSize);
    if (!resolved.ok) return resolved;
    range = resolved.value;
  }
  const model = built.value;
  const problems: PlanProblem[] = [];
  const tableOfPerson = new Int32Array(model.ids.length).fill(-1);
  const seated: number[][] = tables.map((ids, table) => {
    const people: number[] = [];
    for (const id of ids) {
      const person = model.indexOfId.get(id);
      if (person === undefined) {
        problems.push({
          code: 'unknown_id',
          message: `${JSON.stringify(id)} is not registered`,
          ids: [id],
          table: table + 1,
        });
        continue;
      }
      if (tableOfPerson[person] !== -1) {
        problems.push({
          code: 'seated_twice',
          message: `${JSON.stringify(id)} is seated at tables ${tableOfPerson[person]! + 1} and ${table + 1}`,
          ids: [id],
          table: table + 1,
        });
        continue;
      }
      tableOfPerson[person] = table;
      people.push(person);
    }
    return people;
  });

  const unseated = model.ids.filter((_, person) => tableOfPerson[person] === -1);
  if (unseated.length > 0) {
    problems.push({ code: 'unseated', message: `${unseated.length} registrant(s) have no table`, ids: unseated });
  }
  for (const [left, right] of model.apartPairs) {
    const table = tableOfPerson[left]!;
    if (table !== -1 && table === tableOfPerson[right]) {
      problems.push({
        code: 'apart_together',
        message: `${JSON.stringify(model.ids[left])} and ${JSON.stringify(model.ids[right])} asked to sit apart but share table ${table + 1}`,
        ids: [model.ids[left]!, model.ids[right]!],
        table: table + 1,
      });
    }
  }
  for (const members of model.units) {
    const tablesUsed = new Set(members.map((person) => tableOfPerson[person]).filter((table) => table !== -1));
    if (tablesUsed.size > 1) {
      problems.push({
        code: 'together_split',
        message: `${members.map((person) => JSON.stringify(model.ids[person])).join(', ')} asked to sit together but are at tables ${[...tablesUsed].map((table) => table! + 1).join(', ')}`,
        ids: members.map((person) => model.ids[person]!),
      });
    }
  }
  if (range) {
    seated.forEach((people, table) => {
      if (people.length < range.min) {
        problems.push({
          code: 'table_too_small',
          message: `table ${table + 1} has ${people.length}, fewer than ${range.min}`,
          ids: [],
          table: table + 1,
        });
      } else if (people.length > range.max) {
        problems.push({
          code: 'table_too_large',
          message: `table ${table + 1} has ${people.length}, more than ${range.max}`,
          ids: [],
          table: table + 1,
        });
      }
    });
  }
  return { ok: true, value: { ...measureTables(model, seated), problems } };
}
