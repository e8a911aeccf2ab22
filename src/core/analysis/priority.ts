import { createRandom } from './random.js';

/** What {@link statementPriorities} needs per statement (all arrays indexed by statement). */
export interface PriorityInput {
  /** Agrees, passes and votes seen (agree + disagree + pass) among participants in the conversation. */
  readonly agree: ArrayLike<number>;
  readonly pass: ArrayLike<number>;
  readonly seen: ArrayLike<number>;
  /** Distance of the statement from the PCA origin (see `statementExtremities`). */
  readonly extremity: ArrayLike<number>;
  /** 1 for statements that may be shown; others get priority 0 and are never picked. */
  readonly activeStatements: ArrayLike<number>;
  /** Meta statements (about the conversation itself) get Pol.is's fixed priority. */
  readonly isMeta?: ArrayLike<number>;
}

/** Pol.is `meta-priority`: meta statements are shown at a fixed priority 7 (before squaring). */
export const META_PRIORITY = 7;

/**
 * Pol.is's comment routing priority (`conversation.clj`, `importance-metric` and `priority-metric`):
 * importance = (1 − p)·(E + 1)·a with p = (P+1)/(S+2) the pass rate and a = (A+1)/(S+2) the agree
 * rate, E the extremity; priority = (importance · (1 + 8·2^(−S/5)))², where the novelty boost lets
 * new statements with few votes surface and squaring deepens the bias. Meta statements get 7².
 */
export function statementPriorities(input: PriorityInput): Float64Array {
  const statementCount = input.activeStatements.length;
  const priorities = new Float64Array(statementCount);
  for (let statement = 0; statement < statementCount; statement++) {
    if (input.activeStatements[statement] !== 1) continue;
    if (input.isMeta && input.isMeta[statement] === 1) {
      priorities[statement] = META_PRIORITY * META_PRIORITY;
      continue;
    }
    const seen = input.seen[statement] as number;
    const passRate = ((input.pass[statement] as number) + 1) / (seen + 2);
    const agreeRate = ((input.agree[statement] as number) + 1) / (seen + 2);
    const importance = (1 - passRate) * ((input.extremity[statement] as number) + 1) * agreeRate;
    const boosted = importance * (1 + 8 * 2 ** (-seen / 5));
    priorities[statement] = boosted * boosted;
  }
  return priorities;
}

/**
 * Picks the next statement to show a participant: a draw proportional to priority among the
 * statements they have not voted on (Pol.is samples by the same weights). `voted` is a set of
 * statement indices or a 0/1 array. Returns null when nothing is left. The draw is reproducible from
 * `seed`; the participant flow should derive it from the participant and how many votes they have
 * cast (e.g. `deriveSeed(reviewSeed, `${participantId}:${votesCast}`)`), so a reload shows the same
 * statement and the next vote moves on.
 */
export function pickNextStatement(
  priorities: ArrayLike<number>,
  voted: ReadonlySet<number> | ArrayLike<number>,
  seed: number,
): number | null {
  const hasVoted = (statement: number): boolean =>
    voted instanceof Set ? voted.has(statement) : (voted as ArrayLike<number>)[statement] === 1;
  let total = 0;
  for (let statement = 0; statement < priorities.length; statement++) {
    if (!hasVoted(statement)) total += Math.max(0, priorities[statement] as number);
  }
  if (total <= 0) return null;
  const target = createRandom(seed)() * total;
  let running = 0;
  let last: number | null = null;
  for (let statement = 0; statement < priorities.length; statement++) {
    const weight = hasVoted(statement) ? 0 : Math.max(0, priorities[statement] as number);
    if (weight <= 0) continue;
    last = statement;
    running += weight;
    if (running > target) return statement;
  }
  // Rounding can leave `target` a hair above the final running total.
  return last;
}
