import { createRandom } from './random.js';
import type { SparseVotes } from './sparse-votes';

/**
 * Bridging score: Community Notes' one-factor matrix factorisation, fitted on review votes.
 *
 * Model (Community Notes, `twitter/communitynotes` `scoring/src/scoring/matrix_factorization/model.py`,
 * `BiasedMatrixFactorization`, and the "Note ranking algorithm" documentation):
 *
 *     r̂(p, s) = μ + i_p + i_s + f_p · f_s
 *
 * fitted by minimising Community Notes' regularised squared loss (`matrix_factorization.py`, `_get_loss`
 * and `_get_reg_loss`), where N is the number of fitted votes and P, S the number of participants and
 * statements with at least one fitted vote:
 *
 *     L = (1/N) Σ_votes (r − r̂)²
 *       + λ_i · ( (1/P) Σ_p i_p² + (1/S) Σ_s i_s² ) + λ_f · ( (1/P) Σ_p f_p² + (1/S) Σ_s f_s² )
 *       + λ_μ · μ²
 *
 * with λ_f = 0.03 and λ_i = λ_μ = 5 · λ_f = 0.15. Because the intercepts cost five times more than the
 * factors, whatever the one axis of division (f_p · f_s) can explain is explained there, and only the
 * agreement left over — agreement from both sides of the axis — lifts the statement intercept i_s.
 * That intercept is the statement's *bridged support*.
 *
 * Fitting. Community Notes runs full-batch PyTorch Adam. Here the same loss is minimised by alternating
 * least squares (block coordinate descent): with one factor, each statement's (i_s, f_s) given all
 * participant parameters is a 2 × 2 ridge regression with a closed form, and likewise each participant's
 * (i_p, f_p); μ has a closed form too. Every block update is an exact minimiser, so the loss never rises,
 * there is no learning rate to tune, and each sweep costs three passes over the votes (O(votes)). The
 * result is a local minimum of the same objective as Community Notes' (the loss is not jointly convex).
 *
 * Pure: no I/O, no clock, no ambient randomness; the seed fixes the initial factors.
 */

/**
 * How vote values map to regression targets, following Community Notes' `helpfulNum`
 * (helpful 1, somewhat helpful 0.5, not helpful 0):
 * - agree (+1) → 1, disagree (−1) → 0;
 * - pass (0) → {@link BridgingOptions.passTarget}, by default 0.5. A pass is a participant who read the
 *   statement and declined to endorse it: counting it half-way (like "somewhat helpful") keeps a
 *   statement that most people are unsure about from reading as common ground on the strength of a few
 *   agrees. Set `passTarget: null` to leave passes out of the fit entirely.
 */
export const AGREE_TARGET = 1;
/** Target for a disagree vote; see {@link AGREE_TARGET}. */
export const DISAGREE_TARGET = 0;
/** Default target for a pass vote; see {@link AGREE_TARGET} for why it is half-way. */
export const DEFAULT_PASS_TARGET = 0.5;

/**
 * Default threshold on a statement intercept i_s for {@link isBridgingStatement}: Community Notes'
 * `crhThreshold` (0.40, `scoring/src/scoring/constants.py`), which suits the same 0..1 target scale.
 * A statement needs a prediction ≥ μ + 0.40 from a participant at the centre of the division axis.
 */
export const DEFAULT_BRIDGING_THRESHOLD = 0.4;

/**
 * Default bound on |f_s| for {@link isBridgingStatement}: Community Notes only rates a note helpful when
 * |note factor| < 0.5, so that a note whose support is mostly one-sided does not pass on a high
 * intercept alone.
 */
export const DEFAULT_MAX_BRIDGING_FACTOR = 0.5;

/** Options for {@link fitBridging}. Every field is optional; defaults are Community Notes' where it has one. */
export interface BridgingOptions {
  /** λ_f, the L2 penalty on participant and statement factors. Default 0.03 (Community Notes `l2_lambda`). */
  readonly factorLambda?: number;
  /**
   * λ_i, the L2 penalty on participant and statement intercepts. Default 5 × factorLambda = 0.15
   * (Community Notes `l2_intercept_multiplier`).
   */
  readonly interceptLambda?: number;
  /** λ_μ, the L2 penalty on the global intercept. Default = interceptLambda (as Community Notes). */
  readonly globalInterceptLambda?: number;
  /** Target for a pass vote, or `null` to exclude passes from the fit. Default {@link DEFAULT_PASS_TARGET}. */
  readonly passTarget?: number | null;
  /**
   * Participants with fewer fitted votes than this are left out of the fit (their parameters are 0).
   * Community Notes requires 10 ratings per rater (`minNumRatingsPerRater`); Pol.is counts participants
   * once they voted on min(7, statements). Default 1 (everyone who voted), so callers apply their own rule.
   */
  readonly minParticipantVotes?: number;
  /** Seed for the initial factors (`createRandom`). Default 0. */
  readonly seed?: number;
  /** Maximum alternating sweeps. Default 500. */
  readonly maxIterations?: number;
  /**
   * Stop when a sweep lowers the loss by less than `tolerance × loss` (relative change). Default 1e-7.
   */
  readonly tolerance?: number;
}

/**
 * A fitted bridging model. Arrays are indexed by the dense indices of the input {@link SparseVotes}.
 * Participants or statements without fitted votes have intercept 0 and factor 0.
 *
 * Sign convention (Community Notes `_flip_factors_for_identification`): f_p · f_s is unchanged when every
 * factor is negated, so the sign is fixed after fitting such that more participants have a negative
 * factor than a positive one; on an exact tie, the statement with the largest |f_s| is positive.
 *
 * Reading the intercepts: the penalties split any agreement shared by everyone between μ, the
 * participant intercepts and the statement intercepts (and, when there is no division to explain, the
 * cheaper factor term), so i_s is relative to the conversation — compare statements within one fit.
 */
export interface BridgingModel {
  /** μ, the global intercept. */
  readonly globalIntercept: number;
  /** i_p per participant: how much more than average the participant agrees with everything. */
  readonly participantIntercepts: Float64Array;
  /** f_p per participant: the participant's position on the main axis of division. */
  readonly participantFactors: Float64Array;
  /** i_s per statement: bridged support, agreement not explained by the axis of division. */
  readonly statementIntercepts: Float64Array;
  /** f_s per statement: how much the statement's support depends on the axis (divisiveness, signed). */
  readonly statementFactors: Float64Array;
  /** Number of fitted votes per statement (0 when the statement has none). */
  readonly statementVoteCounts: Int32Array;
  /** Alternating sweeps performed. */
  readonly iterations: number;
  /** Final value of the regularised loss L (see the module comment). */
  readonly loss: number;
  /** Final mean squared error (1/N) Σ (r − r̂)², without the penalties. */
  readonly meanSquaredError: number;
  /** Whether the tolerance was reached before maxIterations. */
  readonly converged: boolean;
}

/** Options for {@link isBridgingStatement}. */
export interface BridgingThresholds {
  /** Minimum statement intercept i_s. Default {@link DEFAULT_BRIDGING_THRESHOLD}. */
  readonly threshold?: number;
  /** Maximum |f_s|. Default {@link DEFAULT_MAX_BRIDGING_FACTOR}. */
  readonly maxFactor?: number;
  /** Minimum fitted votes on the statement. Default 5 (Community Notes `minNumRatersPerNote`). */
  readonly minVotes?: number;
}

/**
 * Whether statement `statementIndex` is bridging (common ground by the bridging model): Community Notes'
 * "currently rated helpful" rule, i_s ≥ threshold and |f_s| < maxFactor, with at least minVotes votes.
 * Defaults: threshold 0.40, maxFactor 0.5, minVotes 5.
 */
export function isBridgingStatement(
  model: BridgingModel,
  statementIndex: number,
  thresholds: BridgingThresholds = {},
): boolean {
  const threshold = thresholds.threshold ?? DEFAULT_BRIDGING_THRESHOLD;
  const maxFactor = thresholds.maxFactor ?? DEFAULT_MAX_BRIDGING_FACTOR;
  const minVotes = thresholds.minVotes ?? 5;
  const intercept = model.statementIntercepts[statementIndex] ?? 0;
  const factor = model.statementFactors[statementIndex] ?? 0;
  const voteCount = model.statementVoteCounts[statementIndex] ?? 0;
  return voteCount >= minVotes && intercept >= threshold && Math.abs(factor) < maxFactor;
}

/**
 * Fit the bridging model r̂(p, s) = μ + i_p + i_s + f_p · f_s to the votes (see the module comment for
 * the loss, its source and the fitting method; see {@link AGREE_TARGET} for the vote → target mapping).
 *
 * Deterministic: the same votes (in the same order) and options give bit-identical arrays. Cost: three
 * passes over the votes per sweep, memory O(participants + statements) beyond the input.
 *
 * @param votes latest votes over dense indices (values +1 / −1 / 0).
 * @param options see {@link BridgingOptions}; defaults λ_f 0.03, λ_i = λ_μ = 0.15, pass → 0.5,
 *   seed 0, maxIterations 500, tolerance 1e-7 (relative loss change).
 */
export function fitBridging(votes: SparseVotes, options: BridgingOptions = {}): BridgingModel {
  const factorLambda = options.factorLambda ?? 0.03;
  const interceptLambda = options.interceptLambda ?? 5 * factorLambda;
  const globalInterceptLambda = options.globalInterceptLambda ?? interceptLambda;
  const passTarget = options.passTarget === undefined ? DEFAULT_PASS_TARGET : options.passTarget;
  const minParticipantVotes = Math.max(1, options.minParticipantVotes ?? 1);
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-7;
  const seed = options.seed ?? 0;

  const { participantCount, statementCount } = votes;
  const fit = prepareFittedVotes(votes, passTarget, minParticipantVotes);
  const { byParticipant, byStatement, fittedTotal } = fit;
  const participantVoteCounts = rowCounts(byParticipant.rowStart);
  const statementVoteCounts = rowCounts(byStatement.rowStart);

  let fittedParticipants = 0;
  for (let p = 0; p < participantCount; p++) if (participantVoteCounts[p]! > 0) fittedParticipants++;
  let fittedStatements = 0;
  for (let s = 0; s < statementCount; s++) if (statementVoteCounts[s]! > 0) fittedStatements++;

  const participantIntercepts = new Float64Array(participantCount);
  const participantFactors = new Float64Array(participantCount);
  const statementIntercepts = new Float64Array(statementCount);
  const statementFactors = new Float64Array(statementCount);

  if (fittedTotal === 0) {
    return {
      globalIntercept: 0,
      participantIntercepts,
      participantFactors,
      statementIntercepts,
      statementFactors,
      statementVoteCounts,
      iterations: 0,
      loss: 0,
      meanSquaredError: 0,
      converged: true,
    };
  }

  // Community Notes averages each penalty over its parameters and the squared error over the votes.
  // Multiplying L by N turns it into a plain sum of squares with one ridge per parameter, which is what
  // the closed-form block updates solve: ridge = λ · N / (count of such parameters).
  const participantRidge: Ridge = {
    intercept: (interceptLambda * fittedTotal) / fittedParticipants,
    factor: (factorLambda * fittedTotal) / fittedParticipants,
  };
  const statementRidge: Ridge = {
    intercept: (interceptLambda * fittedTotal) / fittedStatements,
    factor: (factorLambda * fittedTotal) / fittedStatements,
  };
  const globalRidge = globalInterceptLambda * fittedTotal;

  // Factors start uniform in [−1, 1): large enough that the first ridge solve does not collapse them to
  // the all-zero saddle point. Only participants are drawn because statements are solved first.
  const random = createRandom(seed);
  for (let p = 0; p < participantCount; p++) {
    const draw = 2 * random() - 1;
    if (participantVoteCounts[p]! > 0) participantFactors[p] = draw;
  }

  let sumTargets = 0;
  for (let k = 0; k < fittedTotal; k++) sumTargets += byParticipant.targets[k]!;
  let globalIntercept = sumTargets / (fittedTotal + globalRidge);

  let loss = Number.POSITIVE_INFINITY;
  let meanSquaredError = 0;
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;

    // Statement block: y = r − μ − i_p regressed on f_p.
    solveRowBlock(byStatement, globalIntercept, participantIntercepts, participantFactors, statementRidge, {
      intercepts: statementIntercepts,
      factors: statementFactors,
    });
    // Participant block: y = r − μ − i_s regressed on f_s. Its sums also give, after the solve, every
    // vote's residual e = r − r̂ in aggregate, so the global intercept and the loss need no third pass.
    const residuals = solveRowBlock(
      byParticipant,
      globalIntercept,
      statementIntercepts,
      statementFactors,
      participantRidge,
      { intercepts: participantIntercepts, factors: participantFactors },
    );

    // μ' minimises Σ (e − (μ' − μ))² + ridge · μ'²; the squared error under μ' follows from Σ e and Σ e².
    const nextGlobalIntercept = (residuals.sum + fittedTotal * globalIntercept) / (fittedTotal + globalRidge);
    const shift = nextGlobalIntercept - globalIntercept;
    const sumSquaredError = residuals.sumOfSquares - 2 * shift * residuals.sum + fittedTotal * shift * shift;
    globalIntercept = nextGlobalIntercept;

    meanSquaredError = Math.max(0, sumSquaredError) / fittedTotal;
    const nextLoss =
      meanSquaredError +
      (interceptLambda * sumOfSquares(participantIntercepts)) / fittedParticipants +
      (factorLambda * sumOfSquares(participantFactors)) / fittedParticipants +
      (interceptLambda * sumOfSquares(statementIntercepts)) / fittedStatements +
      (factorLambda * sumOfSquares(statementFactors)) / fittedStatements +
      globalInterceptLambda * globalIntercept * globalIntercept;
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (improvement <= tolerance * nextLoss) {
      converged = true;
      break;
    }
  }

  if (shouldFlipFactors(participantFactors, statementFactors)) {
    for (let p = 0; p < participantCount; p++) participantFactors[p] = -participantFactors[p]!;
    for (let s = 0; s < statementCount; s++) statementFactors[s] = -statementFactors[s]!;
  }
  // −0 would make otherwise equal arrays differ in Object.is comparisons.
  for (let p = 0; p < participantCount; p++) participantFactors[p] = participantFactors[p]! + 0;
  for (let s = 0; s < statementCount; s++) statementFactors[s] = statementFactors[s]! + 0;

  return {
    globalIntercept,
    participantIntercepts,
    participantFactors,
    statementIntercepts,
    statementFactors,
    statementVoteCounts,
    iterations,
    loss,
    meanSquaredError,
    converged,
  };
}

/**
 * Sign convention for the one factor (f_p · f_s is unchanged when all factors are negated). First
 * Community Notes' rule (`_flip_factors_for_identification`): at least half of the participants with a
 * factor have a negative one. The negative and positive counts swap under negation, so the rule is
 * decided the same way from any seed except on an exact tie, which two equal opposed groups produce;
 * then the statement with the largest |f_s| (lowest index first) gets a positive factor. Factors within
 * 1e-9 of the largest magnitude of zero are not counted, since their sign is numerical noise.
 */
function shouldFlipFactors(participantFactors: Float64Array, statementFactors: Float64Array): boolean {
  let largestParticipantFactor = 0;
  for (const factor of participantFactors)
    largestParticipantFactor = Math.max(largestParticipantFactor, Math.abs(factor));
  const noise = 1e-9 * largestParticipantFactor;
  let negative = 0;
  let positive = 0;
  for (const factor of participantFactors) {
    if (factor < -noise) negative++;
    else if (factor > noise) positive++;
  }
  if (negative !== positive) return negative < positive;
  let largestStatementFactor = 0;
  for (const factor of statementFactors) {
    if (Math.abs(factor) > Math.abs(largestStatementFactor)) largestStatementFactor = factor;
  }
  return largestStatementFactor < 0;
}

interface Ridge {
  readonly intercept: number;
  readonly factor: number;
}

/**
 * The fitted votes grouped by row (compressed sparse rows): row r's votes are positions
 * rowStart[r] .. rowStart[r + 1] − 1, naming the other side's index and the target.
 */
interface RowMajorVotes {
  readonly rowStart: Int32Array;
  readonly otherIndex: Int32Array;
  /** Float32 halves the memory traffic of the hot loops; agree, disagree and the default pass are exact. */
  readonly targets: Float32Array;
}

interface FittedVotes {
  readonly byParticipant: RowMajorVotes;
  readonly byStatement: RowMajorVotes;
  readonly fittedTotal: number;
}

/**
 * Resolve targets, drop excluded votes (passes when passTarget is null, participants under the minimum)
 * and lay the rest out twice, grouped by participant and grouped by statement, with a stable counting
 * sort (O(votes), input order kept within a row so sums are deterministic). Grouping lets each row's
 * sums live in registers instead of read-modify-write traffic on a shared array, which is what makes a
 * sweep cheap; the price is 8 bytes per vote per side.
 */
function prepareFittedVotes(votes: SparseVotes, passTarget: number | null, minParticipantVotes: number): FittedVotes {
  const { participantCount, statementCount, participantIndex, statementIndex, values } = votes;
  const voteTotal = values.length;
  const includesPasses = passTarget !== null;

  const participantVoteCounts = new Int32Array(participantCount);
  for (let k = 0; k < voteTotal; k++) {
    if (includesPasses || values[k] !== 0) participantVoteCounts[participantIndex[k]!]!++;
  }
  for (let p = 0; p < participantCount; p++) {
    if (participantVoteCounts[p]! < minParticipantVotes) participantVoteCounts[p] = 0;
  }
  const included = (k: number): boolean =>
    (includesPasses || values[k] !== 0) && participantVoteCounts[participantIndex[k]!]! > 0;

  const statementVoteCounts = new Int32Array(statementCount);
  let fittedTotal = 0;
  for (let k = 0; k < voteTotal; k++) {
    if (included(k)) {
      statementVoteCounts[statementIndex[k]!]!++;
      fittedTotal++;
    }
  }

  const targetByValue = [DISAGREE_TARGET, passTarget ?? 0, AGREE_TARGET];
  const byParticipant = allocateRowMajor(participantVoteCounts, fittedTotal);
  const byStatement = allocateRowMajor(statementVoteCounts, fittedTotal);
  const participantCursor = byParticipant.rowStart.slice(0, participantCount);
  const statementCursor = byStatement.rowStart.slice(0, statementCount);
  for (let k = 0; k < voteTotal; k++) {
    if (!included(k)) continue;
    const participant = participantIndex[k]!;
    const statement = statementIndex[k]!;
    const target = targetByValue[values[k]! + 1]!;
    const participantPosition = participantCursor[participant]!++;
    byParticipant.otherIndex[participantPosition] = statement;
    byParticipant.targets[participantPosition] = target;
    const statementPosition = statementCursor[statement]!++;
    byStatement.otherIndex[statementPosition] = participant;
    byStatement.targets[statementPosition] = target;
  }
  return { byParticipant, byStatement, fittedTotal };
}

function allocateRowMajor(counts: Int32Array, total: number): RowMajorVotes {
  const rowStart = new Int32Array(counts.length + 1);
  for (let row = 0; row < counts.length; row++) rowStart[row + 1] = rowStart[row]! + counts[row]!;
  return { rowStart, otherIndex: new Int32Array(total), targets: new Float32Array(total) };
}

function rowCounts(rowStart: Int32Array): Int32Array {
  const counts = new Int32Array(rowStart.length - 1);
  for (let row = 0; row < counts.length; row++) counts[row] = rowStart[row + 1]! - rowStart[row]!;
  return counts;
}

/**
 * Closed-form ridge update of every row's (intercept, factor) with the other side held fixed:
 * minimise Σ (y − i − x · f)² + a · i² + b · f² over the row's votes, where x is the other side's factor
 * and y = r − μ − (other side's intercept). The normal equations
 * [n + a, Σx; Σx, Σx² + b] · [i; f] = [Σy; Σyx] are solved by Cramer's rule (positive definite when
 * a, b > 0). Rows with no votes get zeros. Returns Σ e and Σ e² of the residuals e = y − i − x · f after
 * the update, expanded from the same sums so no second pass over the votes is needed.
 */
function solveRowBlock(
  votes: RowMajorVotes,
  globalIntercept: number,
  otherIntercepts: Float64Array,
  otherFactors: Float64Array,
  ridge: Ridge,
  output: { readonly intercepts: Float64Array; readonly factors: Float64Array },
): { sum: number; sumOfSquares: number } {
  const { rowStart, otherIndex, targets } = votes;
  const { intercepts, factors } = output;
  const rowCount = rowStart.length - 1;
  let residualSum = 0;
  let residualSumOfSquares = 0;
  for (let row = 0; row < rowCount; row++) {
    const start = rowStart[row]!;
    const end = rowStart[row + 1]!;
    const count = end - start;
    if (count === 0) {
      intercepts[row] = 0;
      factors[row] = 0;
      continue;
    }
    let sumOther = 0;
    let sumOtherSquared = 0;
    let sumResidual = 0;
    let sumResidualOther = 0;
    let sumResidualSquared = 0;
    for (let k = start; k < end; k++) {
      const other = otherIndex[k]!;
      const factor = otherFactors[other]!;
      const residual = targets[k]! - globalIntercept - otherIntercepts[other]!;
      sumOther += factor;
      sumOtherSquared += factor * factor;
      sumResidual += residual;
      sumResidualOther += residual * factor;
      sumResidualSquared += residual * residual;
    }
    const diagonalIntercept = count + ridge.intercept;
    const diagonalFactor = sumOtherSquared + ridge.factor;
    const determinant = diagonalIntercept * diagonalFactor - sumOther * sumOther;
    let intercept: number;
    let factor: number;
    if (determinant > 0) {
      intercept = (diagonalFactor * sumResidual - sumOther * sumResidualOther) / determinant;
      factor = (diagonalIntercept * sumResidualOther - sumOther * sumResidual) / determinant;
    } else {
      // Only reachable with zero penalties and a constant other-side factor: fit the intercept alone.
      intercept = sumResidual / diagonalIntercept;
      factor = 0;
    }
    intercepts[row] = intercept;
    factors[row] = factor;
    residualSum += sumResidual - intercept * count - factor * sumOther;
    residualSumOfSquares +=
      sumResidualSquared -
      2 * intercept * sumResidual -
      2 * factor * sumResidualOther +
      intercept * intercept * count +
      2 * intercept * factor * sumOther +
      factor * factor * sumOtherSquared;
  }
  return { sum: residualSum, sumOfSquares: residualSumOfSquares };
}

function sumOfSquares(array: Float64Array): number {
  let total = 0;
  for (let index = 0; index < array.length; index++) total += array[index]! * array[index]!;
  return total;
}
