/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two partitions of the same items:
 * ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½(Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)) − E), with E = Σᵢ C(aᵢ,2)·Σⱼ C(bⱼ,2) / C(n,2),
 * nᵢⱼ the contingency counts, aᵢ and bⱼ its margins. 1 for identical partitions (up to renaming),
 * about 0 for independent ones. Items labelled negative in either partition are left out; with
 * fewer than two items, or when both partitions are a single block, the result is 1.
 */
export function adjustedRandIndex(left: ArrayLike<number>, right: ArrayLike<number>): number {
  if (left.length !== right.length) throw new RangeError('partitions cover different numbers of items');
  const contingency = new Map<string, number>();
  const leftSizes = new Map<number, number>();
  const rightSizes = new Map<number, number>();
  let count = 0;
  for (let item = 0; item < left.length; item++) {
    const a = left[item] as number;
    const b = right[item] as number;
    if (a < 0 || b < 0) continue;
    count++;
    const key = `${a}:${b}`;
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    leftSizes.set(a, (leftSizes.get(a) ?? 0) + 1);
    rightSizes.set(b, (rightSizes.get(b) ?? 0) + 1);
  }
  if (count < 2) return 1;
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  let index = 0;
  for (const cell of contingency.values()) index += pairs(cell);
  let leftPairs = 0;
  for (const size of leftSizes.values()) leftPairs += pairs(size);
  let rightPairs = 0;
  for (const size of rightSizes.values()) rightPairs += pairs(size);
  const expected = (leftPairs * rightPairs) / pairs(count);
  const maximum = (leftPairs + rightPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
