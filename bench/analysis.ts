import { type Analysis, type AnalysisInput, analyse } from '../src/core/analysis/analyse.js';
import { adjustedRandIndex } from '../src/core/analysis/ari.js';
import type { SparseVotes } from '../src/core/analysis/sparse-votes.js';
import { plantedConversation } from '../src/core/analysis/synthetic.js';

/** One benchmark size: a synthetic conversation with planted opinion groups. */
export interface AnalysisBenchCase {
  readonly name: string;
  readonly participantCount: number;
  readonly statementCount: number;
  readonly votesPerParticipant: number;
  readonly groupCount: number;
  /** Also time an incremental update (warm start from the analysis of 99% of the votes). */
  readonly incremental: boolean;
}

/** The sizes the issue asks for: 1M votes, Pol.is's largest real conversation, and 10M votes. */
export const analysisBenchCases: readonly AnalysisBenchCase[] = [
  {
    name: '10k-1k-1M',
    participantCount: 10_000,
    statementCount: 1_000,
    votesPerParticipant: 100,
    groupCount: 3,
    incremental: false,
  },
  {
    name: '33k-800',
    participantCount: 33_000,
    statementCount: 800,
    votesPerParticipant: 60,
    groupCount: 3,
    incremental: true,
  },
  {
    name: '100k-10k-10M',
    participantCount: 100_000,
    statementCount: 10_000,
    votesPerParticipant: 100,
    groupCount: 3,
    incremental: false,
  },
];

function inputOf(votes: SparseVotes): AnalysisInput {
  return { statements: Array.from({ length: votes.statementCount }, (_, index) => ({ id: String(index) })), votes };
}

function firstVotes(votes: SparseVotes, count: number): SparseVotes {
  return {
    ...votes,
    participantIndex: votes.participantIndex.subarray(0, count),
    statementIndex: votes.statementIndex.subarray(0, count),
    values: votes.values.subarray(0, count),
  };
}

/**
 * Runs one case in this process and returns its figures (milliseconds, MB, ARI against the planted
 * groups). Peak memory is the process's maximum resident set size, so run each case in its own
 * process (bench/run.ts does) for a per-case figure.
 */
export function runAnalysisBench(benchCase: AnalysisBenchCase): Record<string, unknown> {
  const generationStart = performance.now();
  const planted = plantedConversation({ ...benchCase, seed: 2024 });
  const generationMs = performance.now() - generationStart;
  const input = inputOf(planted.votes);

  const analysisStart = performance.now();
  const full = analyse(input, { seed: 1 });
  const analysisMs = performance.now() - analysisStart;
  const result: Record<string, unknown> = {
    case: benchCase.name,
    participants: benchCase.participantCount,
    statements: benchCase.statementCount,
    votes: planted.votes.values.length,
    plantedGroups: benchCase.groupCount,
    foundGroups: full.groups.count,
    generation: { value: Math.round(generationMs), unit: 'ms' },
    fullAnalysis: { value: Math.round(analysisMs), unit: 'ms' },
    pcaIterations: full.pca.iterations,
    ariVsPlanted: Number(adjustedRandIndex(full.groupOfParticipant, planted.plantedGroup).toFixed(4)),
  };
  if (benchCase.incremental) {
    // The update: the last 1% of vote events arrive after an analysis of the first 99%.
    const earlierCount = Math.floor(planted.votes.values.length * 0.99);
    const previous: Analysis = analyse(inputOf(firstVotes(planted.votes, earlierCount)), { seed: 1 });
    const updateStart = performance.now();
    const updated = analyse(input, { seed: 1 }, previous);
    const updateMs = performance.now() - updateStart;
    result.incrementalUpdate = { value: Math.round(updateMs), unit: 'ms' };
    result.incrementalPcaIterations = updated.pca.iterations;
    result.incrementalAriVsPlanted = Number(
      adjustedRandIndex(updated.groupOfParticipant, planted.plantedGroup).toFixed(4),
    );
  }
  result.peakRss = { value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' };
  return result;
}

// `tsx bench/analysis.ts CASE` runs one case and prints its JSON (used by bench/run.ts).
const requested = process.argv[2];
if (requested && import.meta.url === `file://${process.argv[1]}`) {
  const benchCase = analysisBenchCases.find((candidate) => candidate.name === requested);
  if (!benchCase) {
    process.stderr.write(`unknown case ${requested}; one of ${analysisBenchCases.map((c) => c.name).join(', ')}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(runAnalysisBench(benchCase))}\n`);
  }
}
