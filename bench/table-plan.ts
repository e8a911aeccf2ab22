import { planTables, randomAssignment, scorePlan } from '../src/core/table-plan/index.js';
import { syntheticRoom } from '../src/core/table-plan/synthetic.js';
import type { PlanScore, Registrant } from '../src/core/table-plan/types.js';

/**
 * The table planner on the case: 2,000 synthetic registrants (six traditions skewed from 35%
 * down to 4%, four opinion groups, twelve regions, 60 pairs asking to sit together and 100 pairs
 * asking to sit apart) into tables of 8. Reports the planning time and the mixing measures against
 * random assignments into the same number of tables (which also break some requests).
 */
const REGISTRANTS = 2_000;
const TABLE_SIZE = 8;
const TIMED_RUNS = 3;
const BASELINE_RUNS = 20;

function roundTo(value: number, places = 4): number {
  return Number(value.toFixed(places));
}

function measures(score: PlanScore): Record<string, unknown> {
  return {
    mixing: score.mixing,
    ...Object.fromEntries(
      score.attributes.map((attribute) => [
        attribute.name,
        { minDistinct: attribute.minDistinct, meanDistinct: attribute.meanDistinct, balance: attribute.balance },
      ]),
    ),
  };
}

/**
 * The most distinct traditions every table could have: k is possible only if the values can fill k
 * seats at each of the tables with no value at a table twice, i.e. Σ_values min(count, tables) ≥ k × tables.
 */
function minDistinctUpperBound(registrants: readonly Registrant[], tables: number, attribute: string): number {
  const counts = new Map<string, number>();
  for (const registrant of registrants) {
    const value = registrant.attributes[attribute] ?? '';
    if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const capacity = [...counts.values()].reduce((sum, count) => sum + Math.min(count, tables), 0);
  return Math.min(TABLE_SIZE, Math.floor(capacity / tables));
}

export function benchTablePlan(): Record<string, unknown> {
  const registrants = syntheticRoom({ count: REGISTRANTS, seed: 2024, togetherPairs: 60, apartPairs: 100 });
  const timings: number[] = [];
  let plan: ReturnType<typeof planTables> | undefined;
  for (let run = 0; run < TIMED_RUNS; run++) {
    const started = performance.now();
    plan = planTables(registrants, { tableSize: TABLE_SIZE, seed: 1 });
    timings.push(performance.now() - started);
  }
  if (!plan?.ok) throw new Error(plan?.error.message ?? 'no plan');
  const tableCount = plan.value.tables.length;
  const sizes = plan.value.tables.map((table) => table.ids.length);

  const baselines = Array.from({ length: BASELINE_RUNS }, (_, seed) => {
    const scored = scorePlan(registrants, randomAssignment(registrants, tableCount, seed + 1));
    if (!scored.ok) throw new Error(scored.error.message);
    return scored.value;
  });
  const mean = (pick: (score: PlanScore) => number) =>
    roundTo(baselines.reduce((sum, score) => sum + pick(score), 0) / baselines.length);
  const baselineMeasures: Record<string, unknown> = { mixing: mean((score) => score.mixing) };
  plan.value.score.attributes.forEach((attribute, index) => {
    baselineMeasures[attribute.name] = {
      minDistinct: mean((score) => score.attributes[index]!.minDistinct),
      worstMinDistinct: Math.min(...baselines.map((score) => score.attributes[index]!.minDistinct)),
      meanDistinct: mean((score) => score.attributes[index]!.meanDistinct),
      balance: mean((score) => score.attributes[index]!.balance),
    };
  });
  const countProblems = (code: string) =>
    mean((score) => score.problems.filter((problem) => problem.code === code).length);

  return {
    bench: 'table-plan',
    node: process.version,
    registrants: REGISTRANTS,
    tableSize: TABLE_SIZE,
    tables: tableCount,
    tableSizes: { min: Math.min(...sizes), max: Math.max(...sizes) },
    requests: {
      togetherPairs: registrants.reduce((sum, registrant) => sum + (registrant.together?.length ?? 0), 0),
      apartPairs: registrants.reduce((sum, registrant) => sum + (registrant.apart?.length ?? 0), 0),
    },
    planMs: {
      first: Math.round(timings[0]!),
      median: Math.round([...timings].sort((left, right) => left - right)[Math.floor(TIMED_RUNS / 2)]!),
      unit: 'ms',
    },
    traditionMinDistinctUpperBound: minDistinctUpperBound(registrants, tableCount, 'tradition'),
    planner: { ...measures(plan.value.score), problems: plan.value.score.problems.length },
    randomBaseline: {
      runs: BASELINE_RUNS,
      ...baselineMeasures,
      apartPairsTogether: countProblems('apart_together'),
      togetherGroupsSplit: countProblems('together_split'),
    },
  };
}

// `tsx bench/table-plan.ts` runs this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(benchTablePlan(), null, 2)}\n`);
}
