/**
 * The votes of a conversation as coordinate triplets over dense indices: vote k is
 * `values[k]` (agree +1, disagree −1, pass 0) by participant `participantIndex[k]` on statement
 * `statementIndex[k]`. Only the latest vote per participant × statement appears. Dense indices run
 * 0..participantCount-1 and 0..statementCount-1; callers keep the maps back to domain ids.
 *
 * Typed arrays keep 10M votes in ~90 MB and let every analysis step be one pass over the votes.
 */
export interface SparseVotes {
  readonly participantCount: number;
  readonly statementCount: number;
  readonly participantIndex: Int32Array;
  readonly statementIndex: Int32Array;
  readonly values: Int8Array;
}
