import { createRandom } from './random.js';
import type { SparseVotes } from './sparse-votes.js';

/** Settings of {@link plantedConversation}. */
export interface PlantedConversationOptions {
  readonly participantCount: number;
  readonly statementCount: number;
  /** Votes per participant (each on a distinct statement chosen uniformly). */
  readonly votesPerParticipant: number;
  readonly groupCount: number;
  readonly seed: number;
  /** Share of statements every group agrees with (common ground); default 0.1. */
  readonly consensusShare?: number;
  /** Probability a vote goes against the participant's group stance; default 0.15. */
  readonly noise?: number;
  /** Probability a vote is a pass; default 0.1. */
  readonly passRate?: number;
}

/** A synthetic conversation and the groups planted in it. */
export interface PlantedConversation {
  readonly votes: SparseVotes;
  /** Planted group of each participant. */
  readonly plantedGroup: Int32Array;
  /** Planted stance (+1/−1) of group g on statement s at `g * statementCount + s`. */
  readonly stance: Int8Array;
}

/**
 * Generates a conversation with planted opinion groups, for tests and benchmarks: each group takes a
 * random agree/disagree stance on every statement (a `consensusShare` of statements is agreed by all);
 * participants, assigned to groups round-robin by a seeded shuffle, vote on distinct random
 * statements with their group's stance, flipped with probability `noise`, or pass with `passRate`.
 * Pure and seeded; votes come out sorted by participant.
 */
export function plantedConversation(options: PlantedConversationOptions): PlantedConversation {
  const { participantCount, statementCount, groupCount } = options;
  const votesPerParticipant = Math.min(options.votesPerParticipant, statementCount);
  const consensusShare = options.consensusShare ?? 0.1;
  const noise = options.noise ?? 0.15;
  const passRate = options.passRate ?? 0.1;
  const random = createRandom(options.seed);

  const stance = new Int8Array(groupCount * statementCount);
  for (let statement = 0; statement < statementCount; statement++) {
    const shared = random() < consensusShare;
    for (let group = 0; group < groupCount; group++) {
      stance[group * statementCount + statement] = shared || random() < 0.5 ? 1 : -1;
    }
  }
  const plantedGroup = new Int32Array(participantCount);
  for (let participant = 0; participant < participantCount; participant++)
    plantedGroup[participant] = participant % groupCount;
  for (let participant = participantCount - 1; participant > 0; participant--) {
    const other = Math.floor(random() * (participant + 1));
    const swap = plantedGroup[participant] as number;
    plantedGroup[participant] = plantedGroup[other] as number;
    plantedGroup[other] = swap;
  }

  const voteCount = participantCount * votesPerParticipant;
  const participantIndex = new Int32Array(voteCount);
  const statementIndex = new Int32Array(voteCount);
  const values = new Int8Array(voteCount);
  // Stamps mark statements already drawn for the current participant without clearing an array.
  const drawnBy = new Int32Array(statementCount).fill(-1);
  const pool =
    votesPerParticipant * 2 > statementCount ? Int32Array.from({ length: statementCount }, (_, index) => index) : null;
  let vote = 0;
  for (let participant = 0; participant < participantCount; participant++) {
    const group = plantedGroup[participant] as number;
    for (let drawn = 0; drawn < votesPerParticipant; drawn++) {
      let statement: number;
      if (pool) {
        // Dense: partial Fisher–Yates over the pool.
        const pick = drawn + Math.floor(random() * (statementCount - drawn));
        statement = pool[pick] as number;
        pool[pick] = pool[drawn] as number;
        pool[drawn] = statement;
      } else {
        do statement = Math.floor(random() * statementCount);
        while (drawnBy[statement] === participant);
        drawnBy[statement] = participant;
      }
      const roll = random();
      const groupStance = stance[group * statementCount + statement] as number;
      participantIndex[vote] = participant;
      statementIndex[vote] = statement;
      values[vote] = roll < passRate ? 0 : roll < passRate + noise ? -groupStance : groupStance;
      vote++;
    }
  }
  return {
    votes: { participantCount, statementCount, participantIndex, statementIndex, values },
    plantedGroup,
    stance,
  };
}
