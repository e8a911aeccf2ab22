import { DEFAULT_BRIDGING_THRESHOLD, fitBridging, isBridgingStatement } from '../src/core/analysis/bridging';
import { generateBridgingVotes, type PlantedStatement } from '../src/core/analysis/bridging-synthetic';
import { createRandom } from '../src/core/analysis/random.js';

/**
 * How long the bridging fit (src/core/analysis/bridging.ts) takes at 1M and 10M votes, and how much
 * memory it holds. Synthetic conversations: three planted opinion groups (40% / 40% / 20%), 15% passes,
 * statements with a random base agreement and a random divide between the two large groups, plus
 * planted common-ground statements (agreed by every group with probability 0.9) so the result can be
 * sanity-checked: the share of planted common-ground statements that clear the bridging threshold, and
 * the share of the most divisive planted statements that (wrongly) do.
 */

interface Scenario {
  readonly label: string;
  readonly participants: number;
  readonly statements: number;
  readonly votesPerParticipant: number;
}

const SCENARIOS: readonly Scenario[] = [
  {
    label: '1M votes (10k participants × 1k statements)',
    participants: 10_000,
    statements: 1_000,
    votesPerParticipant: 100,
  },
  {
    label: '10M votes (100k participants × 10k statements)',
    participants: 100_000,
    statements: 10_000,
    votesPerParticipant: 100,
  },
];

/** Every tenth statement is planted common ground. */
const COMMON_GROUND_EVERY = 10;

function plantStatements(count: number, seed: number): { statements: PlantedStatement[]; divides: Float64Array } {
  const random = createRandom(seed);
  const statements: PlantedStatement[] = [];
  const divides = new Float64Array(count);
  for (let statement = 0; statement < count; statement++) {
    if (statement % COMMON_GROUND_EVERY === 0) {
      statements.push({ agreeProbabilityByGroup: [0.9, 0.9, 0.9] });
      continue;
    }
    const base = 0.2 + 0.6 * random();
    const divide = (random() - 0.5) * 1.2;
    divides[statement] = divide;
    const clamp = (probability: number): number => Math.min(0.97, Math.max(0.03, probability));
    statements.push({ agreeProbabilityByGroup: [clamp(base + divide / 2), clamp(base - divide / 2), base] });
  }
  return { statements, divides };
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** Runs the scenarios and returns figures with units in their names (ms, MB, counts, shares). */
export async function benchBridging(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown>[] = [];
  for (const scenario of SCENARIOS) {
    const { statements, divides } = plantStatements(scenario.statements, 42);
    const generationStart = performance.now();
    const { votes } = generateBridgingVotes({
      participantCount: scenario.participants,
      groupShares: [0.4, 0.4, 0.2],
      statements,
      votesPerParticipant: scenario.votesPerParticipant,
      passProbability: 0.15,
      seed: 7,
    });
    const generationMs = performance.now() - generationStart;
    const rssBeforeMb = megabytes(process.memoryUsage().rss);

    const fitStart = performance.now();
    const model = fitBridging(votes, { seed: 1 });
    const fitMs = performance.now() - fitStart;
    const rssAfterFitMb = megabytes(process.memoryUsage().rss);
    // maxRSS (kB) is the process's peak so far, so it includes the generated votes and earlier scenarios.
    const processPeakRssMb = megabytes(process.resourceUsage().maxRSS * 1024);

    let commonGround = 0;
    let commonGroundBridging = 0;
    let divisive = 0;
    let divisiveBridging = 0;
    for (let statement = 0; statement < scenario.statements; statement++) {
      if (statement % COMMON_GROUND_EVERY === 0) {
        commonGround++;
        if (isBridgingStatement(model, statement)) commonGroundBridging++;
      } else if (Math.abs(divides[statement]!) > 0.4) {
        divisive++;
        if (isBridgingStatement(model, statement)) divisiveBridging++;
      }
    }

    results.push({
      scenario: scenario.label,
      votes: votes.values.length,
      participants: votes.participantCount,
      statements: votes.statementCount,
      generationMs: Math.round(generationMs),
      fitMs: Math.round(fitMs),
      msPerIteration: Math.round((fitMs / model.iterations) * 10) / 10,
      iterations: model.iterations,
      converged: model.converged,
      loss: model.loss,
      rssBeforeFitMb: rssBeforeMb,
      rssAfterFitMb,
      processPeakRssMb,
      heapUsedAfterFitMb: megabytes(process.memoryUsage().heapUsed),
      bridgingThreshold: DEFAULT_BRIDGING_THRESHOLD,
      plantedCommonGroundBridgingShare: commonGroundBridging / commonGround,
      plantedDivisiveBridgingShare: divisive === 0 ? 0 : divisiveBridging / divisive,
    });
  }
  return { bench: 'bridging', node: process.version, results };
}
