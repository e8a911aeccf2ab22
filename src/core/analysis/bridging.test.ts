import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BridgingModel,
  type BridgingOptions,
  DEFAULT_BRIDGING_THRESHOLD,
  fitBridging,
  isBridgingStatement,
} from './bridging';
import { generateBridgingVotes, type PlantedStatement, type SyntheticBloc } from './bridging-synthetic';
import { createRandom } from './random.js';
import type { SparseVotes } from './sparse-votes';

const COMMON_GROUND = 0;
const DIVISIVE = 1;
const COMMON_REJECTION = 2;

/**
 * Two opposed groups of equal size: statement 0 both agree with, 1 divides them (A agrees, B does not),
 * 2 both reject, then statements that lean to one side or are noise, so the model has an axis to find.
 */
function twoGroupStatements(): PlantedStatement[] {
  const statements: PlantedStatement[] = [
    { agreeProbabilityByGroup: [0.9, 0.9] },
    { agreeProbabilityByGroup: [0.9, 0.1] },
    { agreeProbabilityByGroup: [0.1, 0.1] },
  ];
  for (let index = 0; index < 27; index++) {
    const kind = index % 3;
    const probabilities = kind === 0 ? [0.85, 0.15] : kind === 1 ? [0.15, 0.85] : [0.6, 0.5];
    statements.push({ agreeProbabilityByGroup: probabilities });
  }
  return statements;
}

function twoGroupConversation(bloc?: SyntheticBloc) {
  return generateBridgingVotes({
    participantCount: 400,
    groupShares: [0.5, 0.5],
    statements: twoGroupStatements(),
    votesPerParticipant: 20,
    passProbability: 0.1,
    seed: 7,
    ...(bloc === undefined ? {} : { bloc }),
  });
}

function agreeRate(votes: SparseVotes, statement: number): number {
  let agrees = 0;
  let total = 0;
  for (let k = 0; k < votes.values.length; k++) {
    if (votes.statementIndex[k] !== statement) continue;
    total++;
    if (votes.values[k] === 1) agrees++;
  }
  return agrees / total;
}

function mean(values: ArrayLike<number>, include: (index: number) => boolean): number {
  let total = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    if (!include(index)) continue;
    total += values[index]!;
    count++;
  }
  return total / count;
}

/**
 * The Community Notes objective and its gradient, recomputed vote by vote from the returned parameters,
 * independently of the fitting code's algebraic shortcuts. Passes count as 0.5 (the default).
 */
function objective(votes: SparseVotes, model: BridgingModel, lambdas = { intercept: 0.15, factor: 0.03 }) {
  const participantCounts = new Int32Array(votes.participantCount);
  const statementCounts = new Int32Array(votes.statementCount);
  for (let k = 0; k < votes.values.length; k++) {
    participantCounts[votes.participantIndex[k]!]!++;
    statementCounts[votes.statementIndex[k]!]!++;
  }
  const participants = participantCounts.filter((count) => count > 0).length;
  const statements = statementCounts.filter((count) => count > 0).length;
  const total = votes.values.length;
  const gradient = {
    participantIntercepts: new Float64Array(votes.participantCount),
    participantFactors: new Float64Array(votes.participantCount),
    statementIntercepts: new Float64Array(votes.statementCount),
    statementFactors: new Float64Array(votes.statementCount),
    globalIntercept: 0,
  };
  let squaredError = 0;
  for (let k = 0; k < total; k++) {
    const participant = votes.participantIndex[k]!;
    const statement = votes.statementIndex[k]!;
    const target = (votes.values[k]! + 1) / 2;
    const error =
      target -
      model.globalIntercept -
      model.participantIntercepts[participant]! -
      model.statementIntercepts[statement]! -
      model.participantFactors[participant]! * model.statementFactors[statement]!;
    squaredError += error * error;
    const scale = (-2 * error) / total;
    gradient.globalIntercept += scale;
    gradient.participantIntercepts[participant]! += scale;
    gradient.statementIntercepts[statement]! += scale;
    gradient.participantFactors[participant]! += scale * model.statementFactors[statement]!;
    gradient.statementFactors[statement]! += scale * model.participantFactors[participant]!;
  }
  let loss = squaredError / total + lambdas.intercept * model.globalIntercept ** 2;
  gradient.globalIntercept += 2 * lambdas.intercept * model.globalIntercept;
  for (let participant = 0; participant < votes.participantCount; participant++) {
    const intercept = model.participantIntercepts[participant]!;
    const factor = model.participantFactors[participant]!;
    loss += (lambdas.intercept * intercept ** 2 + lambdas.factor * factor ** 2) / participants;
    if (participantCounts[participant]! === 0) continue;
    gradient.participantIntercepts[participant]! += (2 * lambdas.intercept * intercept) / participants;
    gradient.participantFactors[participant]! += (2 * lambdas.factor * factor) / participants;
  }
  for (let statement = 0; statement < votes.statementCount; statement++) {
    const intercept = model.statementIntercepts[statement]!;
    const factor = model.statementFactors[statement]!;
    loss += (lambdas.intercept * intercept ** 2 + lambdas.factor * factor ** 2) / statements;
    if (statementCounts[statement]! === 0) continue;
    gradient.statementIntercepts[statement]! += (2 * lambdas.intercept * intercept) / statements;
    gradient.statementFactors[statement]! += (2 * lambdas.factor * factor) / statements;
  }
  // Gradients are per-vote averages; scale each block by its count so a tolerance means the same
  // thing for a participant with 20 votes and a statement with 300.
  let largestScaledGradient = Math.abs(gradient.globalIntercept);
  for (let participant = 0; participant < votes.participantCount; participant++) {
    const scale = total / Math.max(1, participantCounts[participant]!);
    largestScaledGradient = Math.max(
      largestScaledGradient,
      Math.abs(gradient.participantIntercepts[participant]!) * scale,
      Math.abs(gradient.participantFactors[participant]!) * scale,
    );
  }
  for (let statement = 0; statement < votes.statementCount; statement++) {
    const scale = total / Math.max(1, statementCounts[statement]!);
    largestScaledGradient = Math.max(
      largestScaledGradient,
      Math.abs(gradient.statementIntercepts[statement]!) * scale,
      Math.abs(gradient.statementFactors[statement]!) * scale,
    );
  }
  return { loss, meanSquaredError: squaredError / total, largestScaledGradient };
}

function maxAbsoluteDifference(left: Float64Array, right: Float64Array): number {
  let largest = 0;
  for (let index = 0; index < left.length; index++) {
    largest = Math.max(largest, Math.abs(left[index]! - right[index]!));
  }
  return largest;
}

function completeAgreement(participantCount: number, statementCount: number): SparseVotes {
  const total = participantCount * statementCount;
  const participantIndex = new Int32Array(total);
  const statementIndex = new Int32Array(total);
  for (let k = 0; k < total; k++) {
    participantIndex[k] = Math.floor(k / statementCount);
    statementIndex[k] = k % statementCount;
  }
  return { participantCount, statementCount, participantIndex, statementIndex, values: new Int8Array(total).fill(1) };
}

describe('fitBridging on two opposed groups', () => {
  const { votes, participantGroups } = twoGroupConversation();
  const model = fitBridging(votes, { seed: 3 });

  it('gives the statement both groups agree with a high intercept and the divisive one a low intercept', () => {
    expect(model.converged).toBe(true);
    expect(model.statementIntercepts[COMMON_GROUND]!).toBeGreaterThanOrEqual(DEFAULT_BRIDGING_THRESHOLD);
    expect(isBridgingStatement(model, COMMON_GROUND)).toBe(true);
    expect(model.statementIntercepts[DIVISIVE]!).toBeLessThan(DEFAULT_BRIDGING_THRESHOLD - 0.2);
    expect(isBridgingStatement(model, DIVISIVE)).toBe(false);
    expect(model.statementIntercepts[COMMON_REJECTION]!).toBeLessThan(0);
    // Common ground tops every other statement.
    for (let statement = 1; statement < votes.statementCount; statement++) {
      expect(model.statementIntercepts[COMMON_GROUND]!).toBeGreaterThan(model.statementIntercepts[statement]!);
    }
  });

  it('puts the division into the factors: the divisive statement has a large |factor|, the groups opposite signs', () => {
    expect(Math.abs(model.statementFactors[DIVISIVE]!)).toBeGreaterThan(0.5);
    expect(Math.abs(model.statementFactors[DIVISIVE]!)).toBeGreaterThan(
      5 * Math.abs(model.statementFactors[COMMON_GROUND]!),
    );
    const groupAFactor = mean(model.participantFactors, (participant) => participantGroups[participant] === 0);
    const groupBFactor = mean(model.participantFactors, (participant) => participantGroups[participant] === 1);
    expect(Math.sign(groupAFactor)).toBe(-Math.sign(groupBFactor));
    // Group A agrees with the divisive statement, so its predicted agreement must be the higher one.
    expect(groupAFactor * model.statementFactors[DIVISIVE]!).toBeGreaterThan(0);
    expect(groupBFactor * model.statementFactors[DIVISIVE]!).toBeLessThan(0);
  });

  it('reaches a stationary point of the Community Notes objective and reports its loss', () => {
    const tight = fitBridging(votes, { seed: 3, tolerance: 1e-13, maxIterations: 5000 });
    const recomputed = objective(votes, tight);
    expect(tight.loss).toBeCloseTo(recomputed.loss, 10);
    expect(tight.meanSquaredError).toBeCloseTo(recomputed.meanSquaredError, 10);
    expect(recomputed.largestScaledGradient).toBeLessThan(1e-4);
    // The default tolerance stops close to that optimum.
    expect(Math.abs(model.loss - tight.loss)).toBeLessThan(1e-4 * tight.loss);
    expect(maxAbsoluteDifference(model.statementIntercepts, tight.statementIntercepts)).toBeLessThan(0.01);
  });
});

describe('bloc resistance', () => {
  const blocSize = 100; // 100 of 500 participants: 20%.
  const baseline = fitBridging(twoGroupConversation().votes, { seed: 3 });

  for (const otherwise of [0, 'only-target'] as const) {
    const label = otherwise === 0 ? 'and otherwise votes as the side that already agrees' : 'and votes on nothing else';
    it(`keeps a divisive statement below the common-ground threshold when a 20% bloc agrees with it ${label}`, () => {
      const { votes, participantGroups } = twoGroupConversation({
        size: blocSize,
        targetStatement: DIVISIVE,
        otherwise,
      });
      const blocCount = participantGroups.filter((group) => group === -1).length;
      expect(blocCount / votes.participantCount).toBeCloseTo(0.2, 5);
      // The bloc turns the divisive statement into a raw majority...
      expect(agreeRate(votes, DIVISIVE)).toBeGreaterThan(0.55);

      const model = fitBridging(votes, { seed: 3 });
      // ...but its bridged support stays far from common ground,
      expect(model.statementIntercepts[DIVISIVE]!).toBeLessThan(DEFAULT_BRIDGING_THRESHOLD - 0.1);
      expect(isBridgingStatement(model, DIVISIVE)).toBe(false);
      expect(Math.abs(model.statementFactors[DIVISIVE]!)).toBeGreaterThan(0.5);
      // while genuine cross-group agreement still clears the threshold.
      expect(isBridgingStatement(model, COMMON_GROUND)).toBe(true);
      expect(model.statementIntercepts[COMMON_GROUND]!).toBeGreaterThan(model.statementIntercepts[DIVISIVE]! + 0.2);
      // The bloc closes less than half of the gap between the divisive intercept and the threshold.
      const rise = model.statementIntercepts[DIVISIVE]! - baseline.statementIntercepts[DIVISIVE]!;
      expect(rise).toBeLessThan((DEFAULT_BRIDGING_THRESHOLD - baseline.statementIntercepts[DIVISIVE]!) / 2);
    });
  }

  it('excludes one-vote bloc members entirely when the caller sets a minimum number of votes', () => {
    const { votes } = twoGroupConversation({ size: blocSize, targetStatement: DIVISIVE, otherwise: 'only-target' });
    const model = fitBridging(votes, { seed: 3, minParticipantVotes: 7 });
    expect(model.statementIntercepts[DIVISIVE]!).toBeCloseTo(baseline.statementIntercepts[DIVISIVE]!, 6);
    for (let participant = 400; participant < votes.participantCount; participant++) {
      expect(model.participantIntercepts[participant]).toBe(0);
      expect(model.participantFactors[participant]).toBe(0);
    }
  });
});

describe('determinism and symmetry', () => {
  const { votes } = twoGroupConversation();

  it('gives identical arrays for the same input and seed', () => {
    const first = fitBridging(votes, { seed: 11 });
    const second = fitBridging(votes, { seed: 11 });
    expect(second).toEqual(first);
    expect(Array.from(second.statementIntercepts)).toStrictEqual(Array.from(first.statementIntercepts));
  });

  it('gives the same intercepts and the same fit for another seed; factor signs follow the convention', () => {
    const models = [1, 2, 99, 12345].map((seed) => fitBridging(votes, { seed }));
    const reference = models[0]!;
    for (const model of models.slice(1)) {
      expect(maxAbsoluteDifference(model.statementIntercepts, reference.statementIntercepts)).toBeLessThan(1e-3);
      expect(maxAbsoluteDifference(model.participantIntercepts, reference.participantIntercepts)).toBeLessThan(1e-3);
      expect(Math.abs(model.globalIntercept - reference.globalIntercept)).toBeLessThan(1e-3);
      // After the sign convention, factors agree too (the raw fit may land on either sign).
      expect(maxAbsoluteDifference(model.statementFactors, reference.statementFactors)).toBeLessThan(1e-3);
    }
    for (const model of models) {
      const negative = model.participantFactors.filter((factor) => factor < 0).length;
      expect(negative).toBeGreaterThanOrEqual(model.participantFactors.filter((factor) => factor !== 0).length / 2);
    }
  });

  it('does not depend on the order of participant indices (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (permutationSeed) => {
        const random = createRandom(permutationSeed);
        const permutation = Array.from({ length: votes.participantCount }, (_, index) => index);
        for (let index = permutation.length - 1; index > 0; index--) {
          const swapWith = Math.floor(random() * (index + 1));
          [permutation[index], permutation[swapWith]] = [permutation[swapWith]!, permutation[index]!];
        }
        const relabelled: SparseVotes = {
          ...votes,
          participantIndex: votes.participantIndex.map((participant) => permutation[participant]!),
        };
        const original = fitBridging(votes, { seed: 5, tolerance: 1e-10 });
        const permuted = fitBridging(relabelled, { seed: 5, tolerance: 1e-10 });
        expect(maxAbsoluteDifference(permuted.statementIntercepts, original.statementIntercepts)).toBeLessThan(1e-4);
        for (let participant = 0; participant < votes.participantCount; participant++) {
          expect(permuted.participantIntercepts[permutation[participant]!]!).toBeCloseTo(
            original.participantIntercepts[participant]!,
            4,
          );
        }
      }),
      { numRuns: 5 },
    );
  });

  it('stops at a stationary point of the objective on random small conversations (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 2, max: 15 }),
        (seed, participantCount, statementCount) => {
          const random = createRandom(seed);
          const participantIndex: number[] = [];
          const statementIndex: number[] = [];
          const values: number[] = [];
          for (let participant = 0; participant < participantCount; participant++) {
            for (let statement = 0; statement < statementCount; statement++) {
              if (random() < 0.4) continue;
              participantIndex.push(participant);
              statementIndex.push(statement);
              values.push(Math.floor(random() * 3) - 1);
            }
          }
          const votes: SparseVotes = {
            participantCount,
            statementCount,
            participantIndex: Int32Array.from(participantIndex),
            statementIndex: Int32Array.from(statementIndex),
            values: Int8Array.from(values),
          };
          const options: BridgingOptions = { seed, tolerance: 1e-14, maxIterations: 20_000 };
          const model = fitBridging(votes, options);
          if (votes.values.length === 0) {
            expect(model.loss).toBe(0);
            return;
          }
          const recomputed = objective(votes, model);
          expect(model.loss).toBeCloseTo(recomputed.loss, 9);
          expect(recomputed.largestScaledGradient).toBeLessThan(1e-3);
          expect(fitBridging(votes, options)).toEqual(model);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('small cases checkable by hand', () => {
  it('fits unanimous agreement at the hand-computed optimum: intercepts 0.2, factor product 0.37', () => {
    // All targets 1 on a complete matrix. By symmetry μ = i_p = i_s = m and f_p = a, f_s = b, and with
    // the penalties averaged per parameter L = (1 − 3m − ab)² + 3 · 0.15 · m² + 0.03 · (a² + b²).
    // For a product c = ab the cheapest factors are a = b = √c, costing 0.06 · c: a constant offset is
    // cheaper in the factor term than in the intercepts (penalised 5×), so the model puts some there.
    // ∂/∂c: −2(1 − 3m − c) + 0.06 = 0 → 1 − 3m − c = 0.03; ∂/∂m: −6 · 0.03 + 0.9 · m = 0 → m = 0.2;
    // then c = 1 − 0.6 − 0.03 = 0.37 and the prediction is 0.97.
    const model = fitBridging(completeAgreement(6, 4), { seed: 1, tolerance: 1e-15, maxIterations: 20_000 });
    expect(model.globalIntercept).toBeCloseTo(0.2, 6);
    for (const intercept of model.participantIntercepts) expect(intercept).toBeCloseTo(0.2, 6);
    for (const intercept of model.statementIntercepts) expect(intercept).toBeCloseTo(0.2, 6);
    for (const factor of model.participantFactors) expect(Math.abs(factor)).toBeCloseTo(Math.sqrt(0.37), 5);
    for (const factor of model.statementFactors) expect(Math.abs(factor)).toBeCloseTo(Math.sqrt(0.37), 5);
    expect(model.meanSquaredError).toBeCloseTo(0.03 ** 2, 8);
  });

  it('ranks statements everyone agrees with above all others, with factors near 0', () => {
    const votes = twoGroupConversation().votes;
    // Make statements 0 and 3 unanimous agreement.
    const values = votes.values.map((value, k) =>
      votes.statementIndex[k] === 0 || votes.statementIndex[k] === 3 ? 1 : value,
    );
    const model = fitBridging({ ...votes, values }, { seed: 2 });
    const unanimous = Math.min(model.statementIntercepts[0]!, model.statementIntercepts[3]!);
    for (let statement = 0; statement < votes.statementCount; statement++) {
      if (statement === 0 || statement === 3) {
        expect(Math.abs(model.statementFactors[statement]!)).toBeLessThan(0.1);
        continue;
      }
      expect(model.statementIntercepts[statement]!).toBeLessThan(unanimous);
    }
  });

  it('maps pass to 0.5 by default, and leaves passes out with passTarget null', () => {
    const votes: SparseVotes = {
      participantCount: 2,
      statementCount: 2,
      participantIndex: Int32Array.from([0, 0, 1, 1]),
      statementIndex: Int32Array.from([0, 1, 0, 1]),
      values: Int8Array.from([1, 0, 1, 0]),
    };
    const withPasses = fitBridging(votes, { tolerance: 1e-14, maxIterations: 10_000 });
    const withoutPasses = fitBridging(votes, { passTarget: null, tolerance: 1e-14, maxIterations: 10_000 });
    expect(withPasses.statementIntercepts[0]!).toBeGreaterThan(withPasses.statementIntercepts[1]!);
    expect(withoutPasses.statementVoteCounts[1]).toBe(0);
    expect(withoutPasses.statementIntercepts[1]).toBe(0);
    // Without passes, both participants agree with statement 0 only: the unanimous case above.
    expect(withoutPasses.statementIntercepts[0]!).toBeCloseTo(0.2, 6);
  });

  it('returns zeros for a conversation without votes', () => {
    const model = fitBridging({
      participantCount: 3,
      statementCount: 2,
      participantIndex: new Int32Array(0),
      statementIndex: new Int32Array(0),
      values: new Int8Array(0),
    });
    expect(model).toMatchObject({ globalIntercept: 0, iterations: 0, loss: 0, converged: true });
    expect(Array.from(model.statementIntercepts)).toEqual([0, 0]);
    expect(isBridgingStatement(model, 0)).toBe(false);
  });
});
