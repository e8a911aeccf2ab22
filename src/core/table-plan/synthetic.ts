import { createRandom, type Random } from '../analysis/random.js';
import type { Registrant } from './types.js';

export interface SyntheticRoomOptions {
  readonly count: number;
  readonly seed: number;
  /** Relative sizes of the traditions (skewed by default: one large, two rare). */
  readonly traditionShares?: readonly number[];
  readonly groupShares?: readonly number[];
  readonly regionCount?: number;
  /** Pairs of registrants who ask to sit together (each pair: two people not yet in a pair). */
  readonly togetherPairs?: number;
  /** Pairs of registrants who ask to sit apart. */
  readonly apartPairs?: number;
}

const DEFAULT_TRADITIONS = [0.35, 0.25, 0.16, 0.12, 0.08, 0.04];
const DEFAULT_GROUPS = [0.4, 0.3, 0.2, 0.1];

function draw(shares: readonly number[], random: Random): number {
  const total = shares.reduce((sum, share) => sum + share, 0);
  let target = random() * total;
  for (let index = 0; index < shares.length; index++) {
    target -= shares[index]!;
    if (target < 0) return index;
  }
  return shares.length - 1;
}

/**
 * A synthetic room for tests and the benchmark: registrants r1…rN with a skewed tradition, an opinion
 * group and a region, and some together / apart requests between distinct people (never both for a pair).
 */
export function syntheticRoom(options: SyntheticRoomOptions): Registrant[] {
  const random = createRandom(options.seed);
  const traditions = options.traditionShares ?? DEFAULT_TRADITIONS;
  const groups = options.groupShares ?? DEFAULT_GROUPS;
  const regionCount = options.regionCount ?? 12;
  const people = Array.from({ length: options.count }, (_, index) => ({
    id: `r${index + 1}`,
    attributes: {
      tradition: `tradition-${draw(traditions, random) + 1}`,
      group: `group-${draw(groups, random) + 1}`,
      region: `region-${Math.floor(random() * regionCount) + 1}`,
    },
    together: [] as string[],
    apart: [] as string[],
  }));
  const paired = new Set<number>();
  const pick = () => Math.floor(random() * options.count);
  for (let pair = 0; pair < (options.togetherPairs ?? 0) && paired.size + 2 <= options.count; pair++) {
    let left = pick();
    while (paired.has(left)) left = pick();
    paired.add(left);
    let right = pick();
    while (paired.has(right)) right = pick();
    paired.add(right);
    people[left]!.together.push(people[right]!.id);
  }
  const partnerOf = new Map<number, number>();
  people.forEach((person, index) => {
    for (const id of person.together) {
      const other = Number(id.slice(1)) - 1;
      partnerOf.set(index, other);
      partnerOf.set(other, index);
    }
  });
  for (let pair = 0; pair < (options.apartPairs ?? 0) && options.count >= 3; pair++) {
    const left = pick();
    let right = pick();
    while (right === left || partnerOf.get(left) === right) right = pick();
    people[left]!.apart.push(people[right]!.id);
  }
  return people;
}
