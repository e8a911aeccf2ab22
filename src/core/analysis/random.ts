/**
 * A seeded pseudo-random source: returns uniform numbers in [0, 1). The analysis never uses
 * `Math.random`, so the same seed gives the same groups on every machine (Pol.is issue #2358 is
 * about the opposite).
 */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator, fast and good enough for
 * k-means++ seeding and statement sampling. `seed` is reduced to 32 bits; non-integers are hashed
 * through their string form so `1.5` and `1` differ.
 */
export function createRandom(seed: number): Random {
  let state = seedToUint32(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent seed from a base seed and a label (FNV-1a over the label mixed with the
 * seed), so each step of the analysis draws from its own stream and adding a step elsewhere does not
 * shift the numbers another step sees.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seedToUint32(seed);
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function seedToUint32(seed: number): number {
  if (Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff) return seed >>> 0;
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
