import type { SparseVotes } from './sparse-votes.js';

/** The two principal components of the vote matrix and what is needed to project onto them. */
export interface PcaResult {
  /** Per statement, the mean vote over the participants who voted on it (0 when none did or excluded). */
  readonly center: Float64Array;
  /** First and second principal axes over statements (unit length, or all zero when degenerate). */
  readonly components: readonly [Float64Array, Float64Array];
  /** ‖X·component‖², the variance captured along each axis (times the participant count). */
  readonly eigenvalues: readonly [number, number];
  /** Power-iteration steps taken (each step is two passes over the votes). */
  readonly iterations: number;
}

/** Options for {@link sparsePca}. */
export interface PcaOptions {
  /** Statements to include (1) or leave out (0); left-out statements get zero loadings. */
  readonly activeStatements: Uint8Array;
  /** Upper bound on power-iteration steps; Pol.is uses 100 (`:pca-iters`). */
  readonly maxIterations?: number;
  /** Stop once no loading moves by more than this (L2 norm of the change of each component). */
  readonly tolerance?: number;
  /** Also stop once the variance captured by the plane (sum of Rayleigh quotients) changes by less than this, relatively (default 1e-9). */
  readonly rayleighTolerance?: number;
  /**
   * Warm start, e.g. the components of the previous analysis (shorter vectors are zero-padded for new
   * statements). Without it the start is deterministic: all ones, and the per-statement vote counts
   * made orthogonal to it — both equivariant under statement reordering.
   */
  readonly startVectors?: readonly [ArrayLike<number>, ArrayLike<number>];
}

/**
 * Principal component analysis of the participants × statements vote matrix with missing votes
 * imputed by the statement's mean, as Pol.is does (`math/pca.clj`, `powerit-pca`, and the column
 * averages in `conversation.clj`). After centring, an imputed entry is exactly 0, so the centred
 * matrix X has non-zeros only where votes exist: x[p][s] = vote − center[s]. Each step computes
 * U = X·V and W = Xᵀ·U in two passes over the votes, never a dense matrix.
 *
 * The two components are found together by orthogonal iteration (the second is re-orthogonalised
 * against the first after each step, equivalent to Pol.is's deflation `factor-matrix`), followed by a
 * Rayleigh–Ritz rotation inside the found plane. Signs are fixed so each component's largest-magnitude
 * loading is positive (lowest statement index on ties): flipping every vote then yields the same
 * components and mirrored projections.
 */
export function sparsePca(votes: SparseVotes, options: PcaOptions): PcaResult {
  const { statementCount, participantCount, statementIndex, values } = votes;
  const { activeStatements } = options;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-7;
  const rayleighTolerance = options.rayleighTolerance ?? 1e-9;
  const voteCount = values.length;

  const center = new Float64Array(statementCount);
  const votersPerStatement = new Float64Array(statementCount);
  for (let vote = 0; vote < voteCount; vote++) {
    const statement = statementIndex[vote] as number;
    center[statement] = (center[statement] as number) + (values[vote] as number);
    votersPerStatement[statement] = (votersPerStatement[statement] as number) + 1;
  }
  for (let statement = 0; statement < statementCount; statement++) {
    const voters = votersPerStatement[statement] as number;
    center[statement] = activeStatements[statement] === 1 && voters > 0 ? (center[statement] as number) / voters : 0;
  }
  // Centred value of every vote, 0 for excluded statements so they drop out of every product.
  const centred = new Float32Array(voteCount);
  for (let vote = 0; vote < voteCount; vote++) {
    const statement = statementIndex[vote] as number;
    centred[vote] = activeStatements[statement] === 1 ? (values[vote] as number) - (center[statement] as number) : 0;
  }

  let first = new Float64Array(statementCount);
  let second = new Float64Array(statementCount);
  initialiseStart(first, second, votersPerStatement, activeStatements, options.startVectors);

  const projectedFirst = new Float64Array(participantCount);
  const projectedSecond = new Float64Array(participantCount);
  let nextFirst = new Float64Array(statementCount);
  let nextSecond = new Float64Array(statementCount);
  let iterations = 0;
  let previousRayleigh = [Number.NaN, Number.NaN];
  for (; iterations < maxIterations; iterations++) {
    multiplyGram(votes, centred, first, second, projectedFirst, projectedSecond, nextFirst, nextSecond);
    // Rayleigh quotients vᵢᵀXᵀXvᵢ = ‖Xvᵢ‖² of the current (unit) vectors.
    const rayleigh = [dot(projectedFirst, projectedFirst), dot(projectedSecond, projectedSecond)];
    orthonormalise(nextFirst, nextSecond);
    const change = Math.max(distance(first, nextFirst), distance(second, nextSecond));
    [first, nextFirst] = [nextFirst, first];
    [second, nextSecond] = [nextSecond, second];
    // The plane is what matters for grouping. When eigenvalues nearly tie (λ₁ ≈ λ₂ for three symmetric
    // groups, λ₂ ≈ λ₃ for noise), the vectors keep turning inside a near-degenerate eigenspace long after
    // the variance the plane captures, the trace r₁ + r₂, has settled; the Rayleigh–Ritz step below then
    // fixes the orientation inside the plane. So a settled trace also ends the iteration.
    const trace = (rayleigh[0] as number) + (rayleigh[1] as number);
    const previousTrace = (previousRayleigh[0] as number) + (previousRayleigh[1] as number);
    const settled = Math.abs(trace - previousTrace) <= rayleighTolerance * Math.max(trace, 1e-300);
    previousRayleigh = rayleigh;
    if (change < tolerance || settled) {
      iterations++;
      break;
    }
  }

  // Rayleigh–Ritz: rotate inside span(first, second) to the eigenvectors of the 2×2 Gram matrix.
  multiplyData(votes, centred, first, second, projectedFirst, projectedSecond);
  const gram11 = dot(projectedFirst, projectedFirst);
  const gram12 = dot(projectedFirst, projectedSecond);
  const gram22 = dot(projectedSecond, projectedSecond);
  const angle = 0.5 * Math.atan2(2 * gram12, gram11 - gram22);
  const cosine = Math.cos(angle);
  const sine = Math.sin(angle);
  const rotatedFirst = new Float64Array(statementCount);
  const rotatedSecond = new Float64Array(statementCount);
  for (let statement = 0; statement < statementCount; statement++) {
    const a = first[statement] as number;
    const b = second[statement] as number;
    rotatedFirst[statement] = cosine * a + sine * b;
    rotatedSecond[statement] = -sine * a + cosine * b;
  }
  const eigenFirst = cosine * cosine * gram11 + 2 * sine * cosine * gram12 + sine * sine * gram22;
  const eigenSecond = sine * sine * gram11 - 2 * sine * cosine * gram12 + cosine * cosine * gram22;
  let components: [Float64Array, Float64Array] = [rotatedFirst, rotatedSecond];
  let eigenvalues: [number, number] = [eigenFirst, eigenSecond];
  if (eigenSecond > eigenFirst) {
    components = [rotatedSecond, rotatedFirst];
    eigenvalues = [eigenSecond, eigenFirst];
  }
  fixSign(components[0]);
  fixSign(components[1]);
  return { center, components, eigenvalues, iterations };
}

/**
 * Projects every participant onto the two components with Pol.is's sparsity-aware scaling
 * (`pca.clj`, `sparsity-aware-project-ptpt`): the dot product over the statements they voted on,
 * times √(active statements / votes they cast on active statements), so a participant who voted on
 * few statements is not pulled towards the centre just for being silent.
 */
export function projectParticipants(
  votes: SparseVotes,
  pca: PcaResult,
  activeStatements: Uint8Array,
): { x: Float64Array; y: Float64Array } {
  const { participantCount, participantIndex, statementIndex, values } = votes;
  const [first, second] = pca.components;
  const x = new Float64Array(participantCount);
  const y = new Float64Array(participantCount);
  const cast = new Float64Array(participantCount);
  let activeCount = 0;
  for (let statement = 0; statement < activeStatements.length; statement++)
    activeCount += activeStatements[statement] as number;
  for (let vote = 0; vote < values.length; vote++) {
    const statement = statementIndex[vote] as number;
    if (activeStatements[statement] !== 1) continue;
    const participant = participantIndex[vote] as number;
    const centred = (values[vote] as number) - (pca.center[statement] as number);
    x[participant] = (x[participant] as number) + centred * (first[statement] as number);
    y[participant] = (y[participant] as number) + centred * (second[statement] as number);
    cast[participant] = (cast[participant] as number) + 1;
  }
  for (let participant = 0; participant < participantCount; participant++) {
    const scale = Math.sqrt(activeCount / Math.max(cast[participant] as number, 1));
    x[participant] = (x[participant] as number) * scale;
    y[participant] = (y[participant] as number) * scale;
  }
  return { x, y };
}

/**
 * A statement's extremity, as Pol.is's `pca-project-cmnts` / `comment-extremity`: the distance from the
 * origin of a participant who agreed with this statement only, projected with the sparsity-aware
 * scaling: √(active statements) · |1 − center[s]| · ‖(pc1[s], pc2[s])‖.
 */
export function statementExtremities(pca: PcaResult, activeStatements: Uint8Array): Float64Array {
  let activeCount = 0;
  for (let statement = 0; statement < activeStatements.length; statement++)
    activeCount += activeStatements[statement] as number;
  const [first, second] = pca.components;
  const extremity = new Float64Array(pca.center.length);
  for (let statement = 0; statement < extremity.length; statement++) {
    if (activeStatements[statement] !== 1) continue;
    const loading = Math.hypot(first[statement] as number, second[statement] as number);
    extremity[statement] = Math.sqrt(activeCount) * Math.abs(1 - (pca.center[statement] as number)) * loading;
  }
  return extremity;
}

function initialiseStart(
  first: Float64Array,
  second: Float64Array,
  votersPerStatement: Float64Array,
  activeStatements: Uint8Array,
  startVectors: readonly [ArrayLike<number>, ArrayLike<number>] | undefined,
): void {
  const statementCount = first.length;
  if (startVectors) {
    for (let statement = 0; statement < statementCount; statement++) {
      if (activeStatements[statement] !== 1) continue;
      first[statement] = startVectors[0][statement] ?? 0;
      second[statement] = startVectors[1][statement] ?? 0;
    }
  }
  if (!startVectors || norm(first) === 0) {
    for (let statement = 0; statement < statementCount; statement++)
      first[statement] = activeStatements[statement] ?? 0;
  }
  if (!startVectors || norm(second) === 0) {
    for (let statement = 0; statement < statementCount; statement++) {
      second[statement] = activeStatements[statement] === 1 ? (votersPerStatement[statement] as number) : 0;
    }
  }
  orthonormalise(first, second);
  if (norm(second) === 0) {
    // Every statement has as many voters: any vector not parallel to `first` will do.
    for (let statement = 0; statement < statementCount; statement++) {
      second[statement] = activeStatements[statement] === 1 ? (statement % 2 === 0 ? 1 : -1) : 0;
    }
    orthonormalise(first, second);
  }
}

function multiplyData(
  votes: SparseVotes,
  centred: Float32Array,
  first: Float64Array,
  second: Float64Array,
  projectedFirst: Float64Array,
  projectedSecond: Float64Array,
): void {
  const { participantIndex, statementIndex } = votes;
  projectedFirst.fill(0);
  projectedSecond.fill(0);
  for (let vote = 0; vote < centred.length; vote++) {
    const value = centred[vote] as number;
    const statement = statementIndex[vote] as number;
    const participant = participantIndex[vote] as number;
    projectedFirst[participant] = (projectedFirst[participant] as number) + value * (first[statement] as number);
    projectedSecond[participant] = (projectedSecond[participant] as number) + value * (second[statement] as number);
  }
}

/** W = Xᵀ(X·V) for both columns of V, via U = X·V kept in `projected*`. */
function multiplyGram(
  votes: SparseVotes,
  centred: Float32Array,
  first: Float64Array,
  second: Float64Array,
  projectedFirst: Float64Array,
  projectedSecond: Float64Array,
  outFirst: Float64Array,
  outSecond: Float64Array,
): void {
  multiplyData(votes, centred, first, second, projectedFirst, projectedSecond);
  const { participantIndex, statementIndex } = votes;
  outFirst.fill(0);
  outSecond.fill(0);
  for (let vote = 0; vote < centred.length; vote++) {
    const value = centred[vote] as number;
    const statement = statementIndex[vote] as number;
    const participant = participantIndex[vote] as number;
    outFirst[statement] = (outFirst[statement] as number) + value * (projectedFirst[participant] as number);
    outSecond[statement] = (outSecond[statement] as number) + value * (projectedSecond[participant] as number);
  }
}

/** Gram–Schmidt: normalise `first`, make `second` orthogonal to it and normalise; zero vectors stay zero. */
function orthonormalise(first: Float64Array, second: Float64Array): void {
  scaleToUnit(first);
  const overlap = dot(first, second);
  for (let index = 0; index < second.length; index++)
    second[index] = (second[index] as number) - overlap * (first[index] as number);
  // Cancellation can leave rounding noise when `second` was (nearly) parallel to `first`.
  if (norm(second) < 1e-12) second.fill(0);
  scaleToUnit(second);
}

function scaleToUnit(vector: Float64Array): void {
  const length = norm(vector);
  if (length === 0) return;
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / length;
}

function fixSign(vector: Float64Array): void {
  let largest = 0;
  let sign = 1;
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index] as number;
    // A margin keeps near-ties from flipping the sign on rounding noise alone.
    if (Math.abs(value) > largest * (1 + 1e-9)) {
      largest = Math.abs(value);
      sign = value < 0 ? -1 : 1;
    }
  }
  // 0 − v rather than −v keeps zero loadings +0, so JSON and equality checks see no −0.
  if (sign < 0) for (let index = 0; index < vector.length; index++) vector[index] = 0 - (vector[index] as number);
}

function dot(left: Float64Array, right: Float64Array): number {
  let total = 0;
  for (let index = 0; index < left.length; index++) total += (left[index] as number) * (right[index] as number);
  return total;
}

function norm(vector: Float64Array): number {
  return Math.sqrt(dot(vector, vector));
}

function distance(left: Float64Array, right: Float64Array): number {
  let total = 0;
  for (let index = 0; index < left.length; index++) {
    const difference = (left[index] as number) - (right[index] as number);
    total += difference * difference;
  }
  return Math.sqrt(total);
}
