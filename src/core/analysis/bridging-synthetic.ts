import { createRandom } from './random.js';
import type { SparseVotes } from './sparse-votes';

/**
 * Seeded synthetic conversations for testing and benchmarking the bridging model: opinion groups with
 * planted statement kinds, plus an optional coordinated bloc. Pure and deterministic (same options →
 * same votes); used by `bridging.test.ts` and `bench/bridging.ts`.
 */

/**
 * A planted statement: the probability that a member of each opinion group agrees with it, and the
 * probability of passing instead of voting. Disagree otherwise.
 */
export interface PlantedStatement {
  readonly agreeProbabilityByGroup: readonly number[];
}

/** A coordinated bloc added after the genuine participants. */
export interface SyntheticBloc {
  /** Number of bloc participants. */
  readonly size: number;
  /** The statement every bloc member agrees with. */
  readonly targetStatement: number;
  /**
   * `'only-target'`: bloc members vote on the target statement alone. Otherwise the index of the genuine
   * group whose voting behaviour they copy on every other statement (they still always agree with the
   * target).
   */
  readonly otherwise: 'only-target' | number;
}

/** Options for {@link generateBridgingVotes}. */
export interface SyntheticOptions {
  /** Number of genuine participants. */
  readonly participantCount: number;
  /** Share of genuine participants in each group (sums to 1). */
  readonly groupShares: readonly number[];
  /** The statements, one entry each. */
  readonly statements: readonly PlantedStatement[];
  /** Votes per genuine participant (capped at the statement count); distinct statements, chosen at random. */
  readonly votesPerParticipant: number;
  /** Probability that a vote is a pass. Default 0. */
  readonly passProbability?: number;
  /** Optional coordinated bloc. */
  readonly bloc?: SyntheticBloc;
  /** Seed. Default 1. */
  readonly seed?: number;
}

/** A synthetic conversation: the votes plus the planted group of every participant (−1 for the bloc). */
export interface SyntheticConversation {
  readonly votes: SparseVotes;
  readonly participantGroups: Int32Array;
}

/**
 * Generate a synthetic conversation (see {@link SyntheticOptions}). Each genuine participant votes on
 * `votesPerParticipant` distinct statements drawn by a partial Fisher–Yates shuffle of a shared
 * permutation, which stays a permutation between participants, so each draw costs O(votes).
 */
export function generateBridgingVotes(options: SyntheticOptions): SyntheticConversation {
  const random = createRandom(options.seed ?? 1);
  const statementCount = options.statements.length;
  const genuineCount = options.participantCount;
  const blocSize = options.bloc?.size ?? 0;
  const participantCount = genuineCount + blocSize;
  const votesEach = Math.min(options.votesPerParticipant, statementCount);
  const passProbability = options.passProbability ?? 0;

  const participantGroups = new Int32Array(participantCount);
  const cumulativeShares: number[] = [];
  let runningShare = 0;
  for (const share of options.groupShares) {
    runningShare += share;
    cumulativeShares.push(runningShare);
  }
  for (let participant = 0; participant < genuineCount; participant++) {
    // Contiguous blocks by share, so group sizes are exact rather than sampled.
    const position = (participant + 0.5) / genuineCount;
    let group = cumulativeShares.findIndex((limit) => position < limit);
    if (group < 0) group = cumulativeShares.length - 1;
    participantGroups[participant] = group;
  }
  for (let participant = genuineCount; participant < participantCount; participant++) {
    participantGroups[participant] = -1;
  }

  const blocVotesEach = options.bloc === undefined ? 0 : options.bloc.otherwise === 'only-target' ? 1 : votesEach;
  const capacity = genuineCount * votesEach + blocSize * (blocVotesEach + 1);
  const participantIndex = new Int32Array(capacity);
  const statementIndex = new Int32Array(capacity);
  const values = new Int8Array(capacity);
  let voteTotal = 0;

  const permutation = new Int32Array(statementCount);
  for (let statement = 0; statement < statementCount; statement++) permutation[statement] = statement;

  const castVote = (participant: number, statement: number, agreeProbability: number): void => {
    participantIndex[voteTotal] = participant;
    statementIndex[voteTotal] = statement;
    if (random() < passProbability) values[voteTotal] = 0;
    else values[voteTotal] = random() < agreeProbability ? 1 : -1;
    voteTotal++;
  };

  const drawStatements = (count: number): void => {
    for (let position = 0; position < count; position++) {
      const swapWith = position + Math.floor(random() * (statementCount - position));
      const chosen = permutation[swapWith]!;
      permutation[swapWith] = permutation[position]!;
      permutation[position] = chosen;
    }
  };

  for (let participant = 0; participant < genuineCount; participant++) {
    const group = participantGroups[participant]!;
    drawStatements(votesEach);
    for (let position = 0; position < votesEach; position++) {
      const statement = permutation[position]!;
      castVote(participant, statement, options.statements[statement]!.agreeProbabilityByGroup[group] ?? 0.5);
    }
  }

  const bloc = options.bloc;
  if (bloc !== undefined) {
    for (let participant = genuineCount; participant < participantCount; participant++) {
      participantIndex[voteTotal] = participant;
      statementIndex[voteTotal] = bloc.targetStatement;
      values[voteTotal] = 1;
      voteTotal++;
      if (bloc.otherwise === 'only-target') continue;
      const copiedGroup = bloc.otherwise;
      drawStatements(votesEach);
      for (let position = 0; position < votesEach; position++) {
        const statement = permutation[position]!;
        if (statement === bloc.targetStatement) continue;
        castVote(participant, statement, options.statements[statement]!.agreeProbabilityByGroup[copiedGroup] ?? 0.5);
      }
    }
  }

  return {
    votes: {
      participantCount,
      statementCount,
      participantIndex: participantIndex.slice(0, voteTotal),
      statementIndex: statementIndex.slice(0, voteTotal),
      values: values.slice(0, voteTotal),
    },
    participantGroups,
  };
}
