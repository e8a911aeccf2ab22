import { type GroupTallies, Z_90 } from './repness.js';

/** A proportion with its Wilson score interval. */
export interface RateInterval {
  readonly rate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson score interval (Wilson 1927) for `successes` out of `trials` at normal quantile `z`:
 * centre = (p̂ + z²/2n)/(1 + z²/n), half-width = z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²). Unlike p̂ ± z·SE
 * it stays inside [0, 1] and is honest for small groups, which declared traditions often are.
 * With no trials the interval is [0, 1] around 0.5.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_90): RateInterval {
  if (trials <= 0) return { rate: 0, lower: 0, upper: 1 };
  const rate = successes / trials;
  const zSquared = z * z;
  const denominator = 1 + zSquared / trials;
  const centre = (rate + zSquared / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / trials + zSquared / (4 * trials * trials));
  return { rate, lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) };
}

/** Settings for {@link commonGroundFlags}. */
export interface CommonGroundOptions {
  /**
   * Groups with fewer voters on a statement than this are not asked (too few to say anything);
   * default 5.
   */
  readonly minGroupVoters?: number;
  /**
   * A group "holds" a statement when the lower Wilson bound of its agree rate (agrees / votes seen,
   * passes counting as not agreeing) exceeds this; default 0.5, i.e. a majority of the group agrees.
   */
  readonly agreeThreshold?: number;
  /** Normal quantile of the Wilson bound; default 1.2816, one-tailed 90%, the confidence Pol.is's tests use. */
  readonly z?: number;
}

/** Per group × statement agree rate with its Wilson interval (flattened like {@link GroupTallies}). */
export interface GroupAgreeRates {
  readonly groupCount: number;
  readonly statementCount: number;
  readonly rate: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly voters: Int32Array;
}

/** Agree rate (agrees / seen) and Wilson interval of every group on every statement. */
export function groupAgreeRates(tallies: GroupTallies, z = Z_90): GroupAgreeRates {
  const cells = tallies.groupCount * tallies.statementCount;
  const rate = new Float64Array(cells);
  const lower = new Float64Array(cells);
  const upper = new Float64Array(cells);
  const voters = new Int32Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    const seen = (tallies.agree[cell] as number) + (tallies.disagree[cell] as number) + (tallies.pass[cell] as number);
    const interval = wilsonInterval(tallies.agree[cell] as number, seen, z);
    rate[cell] = interval.rate;
    lower[cell] = interval.lower;
    upper[cell] = interval.upper;
    voters[cell] = seen;
  }
  return { groupCount: tallies.groupCount, statementCount: tallies.statementCount, rate, lower, upper, voters };
}

/**
 * Common ground across opinion groups and declared groups (ours, beyond Pol.is): statement s is
 * common ground when every group with at least `minGroupVoters` voters on s holds it, in the opinion
 * groups (the first partition) and in each identity question's groups (the others), and at least one
 * opinion group was asked.
 *
 * "Holds" differs by kind of group, on purpose:
 * - an opinion group holds s when the lower Wilson bound of its agree rate exceeds `agreeThreshold`:
 *   positive evidence that a majority of it agrees (opinion groups are built from votes and are large);
 * - a declared group (a tradition, a referendum side…) holds s when at least `agreeThreshold` of its
 *   voters agree. Declared groups are often small; asking them for a confident bound would let the
 *   uncertainty of six people veto what every opinion group confidently shares, while this rule still
 *   lets any tradition whose voters mostly do not agree block it.
 * Passes count as not agreeing. A group too small to ask neither vetoes nor carries a statement.
 */
export function commonGroundFlags(
  partitions: readonly GroupTallies[],
  activeStatements: Uint8Array,
  options: CommonGroundOptions = {},
): Uint8Array {
  const minGroupVoters = options.minGroupVoters ?? 5;
  const agreeThreshold = options.agreeThreshold ?? 0.5;
  const z = options.z ?? Z_90;
  const statementCount = activeStatements.length;
  const flags = new Uint8Array(statementCount);
  const rates = partitions.map((tallies) => groupAgreeRates(tallies, z));
  for (let statement = 0; statement < statementCount; statement++) {
    if (activeStatements[statement] !== 1) continue;
    let holds = true;
    let askedInFirst = 0;
    rates.forEach((partition, partitionIndex) => {
      for (let group = 0; group < partition.groupCount; group++) {
        const cell = group * partition.statementCount + statement;
        if ((partition.voters[cell] as number) < minGroupVoters) continue;
        if (partitionIndex === 0) {
          askedInFirst++;
          if ((partition.lower[cell] as number) <= agreeThreshold) holds = false;
        } else if ((partition.rate[cell] as number) < agreeThreshold) {
          holds = false;
        }
      }
    });
    flags[statement] = holds && askedInFirst > 0 ? 1 : 0;
  }
  return flags;
}
