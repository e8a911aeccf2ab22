import type { SparseVotes } from './sparse-votes.js';

/**
 * Collects vote events in the order they happened and builds {@link SparseVotes} in which only the
 * latest vote per participant × statement remains (a vote event log, like Pol.is's votes.csv, where a
 * participant may change their mind). Output is sorted by participant, then statement, so the
 * result does not depend on how events of different pairs were interleaved.
 */
export class SparseVotesBuilder {
  private participantIndices: Int32Array;
  private statementIndices: Int32Array;
  private voteValues: Int8Array;
  private length = 0;

  /** `participantCount` and `statementCount` bound the dense indices accepted by {@link add}. */
  constructor(
    readonly participantCount: number,
    readonly statementCount: number,
    initialCapacity = 1024,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.participantIndices = new Int32Array(capacity);
    this.statementIndices = new Int32Array(capacity);
    this.voteValues = new Int8Array(capacity);
  }

  /** Records one vote event (agree +1, disagree −1, pass 0); a later event for the same pair wins. */
  add(participantIndex: number, statementIndex: number, value: number): void {
    if (participantIndex < 0 || participantIndex >= this.participantCount || !Number.isInteger(participantIndex)) {
      throw new RangeError(`participant index ${participantIndex} outside 0..${this.participantCount - 1}`);
    }
    if (statementIndex < 0 || statementIndex >= this.statementCount || !Number.isInteger(statementIndex)) {
      throw new RangeError(`statement index ${statementIndex} outside 0..${this.statementCount - 1}`);
    }
    if (value !== 1 && value !== -1 && value !== 0) throw new RangeError(`vote value ${value} is not -1, 0 or 1`);
    if (this.length === this.voteValues.length) this.grow();
    this.participantIndices[this.length] = participantIndex;
    this.statementIndices[this.length] = statementIndex;
    this.voteValues[this.length] = value;
    this.length++;
  }

  /** Number of events recorded so far (before keeping only the latest per pair). */
  get eventCount(): number {
    return this.length;
  }

  /**
   * Builds the latest-vote triplets. A stable counting sort by participant, then a stable sort by
   * statement inside each participant's (short) run, keeps event order among duplicates, so the last
   * one in each run of equal pairs is the latest.
   */
  build(): SparseVotes {
    const { participantCount, length } = this;
    const offsets = new Int32Array(participantCount + 1);
    for (let event = 0; event < length; event++)
      offsets[(this.participantIndices[event] as number) + 1] =
        (offsets[(this.participantIndices[event] as number) + 1] as number) + 1;
    for (let participant = 0; participant < participantCount; participant++) {
      offsets[participant + 1] = (offsets[participant + 1] as number) + (offsets[participant] as number);
    }
    const cursor = offsets.slice(0, participantCount);
    const order = new Int32Array(length);
    for (let event = 0; event < length; event++) {
      const participant = this.participantIndices[event] as number;
      order[cursor[participant] as number] = event;
      cursor[participant] = (cursor[participant] as number) + 1;
    }
    const keptParticipants = new Int32Array(length);
    const keptStatements = new Int32Array(length);
    const keptValues = new Int8Array(length);
    let kept = 0;
    const run: number[] = [];
    for (let participant = 0; participant < participantCount; participant++) {
      const start = offsets[participant] as number;
      const end = offsets[participant + 1] as number;
      if (start === end) continue;
      run.length = 0;
      for (let position = start; position < end; position++) run.push(order[position] as number);
      // Array.prototype.sort is stable, so equal statements keep their event order.
      run.sort((left, right) => (this.statementIndices[left] as number) - (this.statementIndices[right] as number));
      for (let position = 0; position < run.length; position++) {
        const event = run[position] as number;
        const next = run[position + 1];
        if (next !== undefined && this.statementIndices[next] === this.statementIndices[event]) continue;
        keptParticipants[kept] = participant;
        keptStatements[kept] = this.statementIndices[event] as number;
        keptValues[kept] = this.voteValues[event] as number;
        kept++;
      }
    }
    return {
      participantCount,
      statementCount: this.statementCount,
      participantIndex: keptParticipants.slice(0, kept),
      statementIndex: keptStatements.slice(0, kept),
      values: keptValues.slice(0, kept),
    };
  }

  private grow(): void {
    const capacity = this.voteValues.length * 2;
    const participants = new Int32Array(capacity);
    participants.set(this.participantIndices);
    const statements = new Int32Array(capacity);
    statements.set(this.statementIndices);
    const values = new Int8Array(capacity);
    values.set(this.voteValues);
    this.participantIndices = participants;
    this.statementIndices = statements;
    this.voteValues = values;
  }
}

/** Number of votes (agree, disagree or pass) each participant has cast; one pass over the votes. */
export function votesPerParticipant(votes: SparseVotes): Int32Array {
  const counts = new Int32Array(votes.participantCount);
  const { participantIndex } = votes;
  for (let vote = 0; vote < participantIndex.length; vote++)
    counts[participantIndex[vote] as number] = (counts[participantIndex[vote] as number] as number) + 1;
  return counts;
}
