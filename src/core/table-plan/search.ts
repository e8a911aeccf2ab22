import type { Random } from '../analysis/random.js';
import { isBetter, type Seating } from './seating.js';

/** Fisher–Yates shuffle with the seeded generator. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * The order construction seats units in: the hard-to-place first (bigger units, then those with more
 * apart partners), then by scarcity of their first-attribute value (rarest first, undeclared last),
 * ties in seeded random order. Dealing the rarest values first, each to the emptiest table that lacks
 * it, is what spreads the scarce traditions one per table before the common ones fill the seats.
 */
export function seatingOrder(seating: Seating, units: readonly number[], random: Random): number[] {
  const { model } = seating;
  const firstValues = model.personValues[0];
  const firstTotals = model.valueTotals[0];
  const scarcity = (unit: number): number => {
    if (!firstValues || !firstTotals) return 0;
    let rarest = Number.POSITIVE_INFINITY;
    for (const person of model.units[unit]!) {
      const value = firstValues[person]!;
      if (value >= 0) rarest = Math.min(rarest, firstTotals[value]!);
    }
    return rarest;
  };
  const rank = new Map(shuffled(units, random).map((unit, index) => [unit, index]));
  return [...units].sort(
    (left, right) =>
      seating.unitSize(right) - seating.unitSize(left) ||
      model.apartUnits[right]!.length - model.apartUnits[left]!.length ||
      scarcity(left) - scarcity(right) ||
      rank.get(left)! - rank.get(right)!,
  );
}

/**
 * Seats one unit at the best table with room: more new first-attribute values, then the emptier table,
 * then the smaller rise in each attribute's balance deviation, then a seeded random rank. Tables are
 * filled to the even size ⌈n/tables⌉ before the hard maximum is used. Returns false when no table has
 * both room and no apart partner.
 */
export function placeGreedily(seating: Seating, unit: number, tableRank: readonly number[]): boolean {
  const unitSize = seating.unitSize(unit);
  const attributes = seating.model.attributes.length;
  const key = new Float64Array(attributes + 3);
  const bestKey = new Float64Array(attributes + 3);
  for (const cap of [seating.evenCap, seating.range.max]) {
    let best = -1;
    for (let table = 0; table < seating.tableCount; table++) {
      if (seating.size[table]! + unitSize > cap || !seating.canPlace(unit, table)) continue;
      key[0] = -seating.newFirstValues(unit, table);
      key[1] = seating.size[table]!;
      // The deviations need a trial placement, so skip it when the cheap part of the key already loses.
      if (best >= 0 && (key[0]! > bestKey[0]! || (key[0] === bestKey[0] && key[1]! > bestKey[1]!))) continue;
      for (let attribute = 0; attribute < attributes; attribute++)
        key[2 + attribute] = -seating.deviationAt(attribute, table);
      seating.place(unit, table);
      for (let attribute = 0; attribute < attributes; attribute++)
        key[2 + attribute]! += seating.deviationAt(attribute, table);
      seating.remove(unit);
      key[2 + attributes] = tableRank[table]!;
      if (best < 0 || isBetter(key, bestKey)) {
        best = table;
        bestKey.set(key);
      }
    }
    if (best >= 0) {
      seating.place(unit, best);
      return true;
    }
  }
  return false;
}

/**
 * When no table can take `unit`, finds a table with no apart partner of it where one seated unit can
 * move to another table (with room and no partner of its own) to make space. One level of ejection is
 * enough for the packing and apart conflicts real rooms produce; deeper chains are the search's job.
 */
export function placeByEjection(seating: Seating, unit: number): boolean {
  const unitSize = seating.unitSize(unit);
  const { max } = seating.range;
  for (let table = 0; table < seating.tableCount; table++) {
    if (!seating.canPlace(unit, table)) continue;
    const overflow = seating.size[table]! + unitSize - max;
    for (const other of [...seating.unitsAt[table]!]) {
      const otherSize = seating.unitSize(other);
      if (otherSize < overflow) continue;
      for (let target = 0; target < seating.tableCount; target++) {
        if (target === table || seating.size[target]! + otherSize > max || !seating.canPlace(other, target)) continue;
        seating.remove(other);
        seating.place(other, target);
        seating.place(unit, table);
        return true;
      }
    }
  }
  return false;
}

/**
 * Seats every unit, or returns the first unit that could not be seated. Units with apart partners or
 * several members go first, most constrained first (fewest tables still open to them, as in DSatur
 * graph colouring), so apart pairs and packing are settled while there is still choice; the rest
 * follow in {@link seatingOrder}. A unit no table can take without an apart partner is seated beside
 * the fewest partners, for the search to untangle; -1 unless some unit found no room at all.
 */
export function construct(
  seating: Seating,
  units: readonly number[],
  random: Random,
  tableRank: readonly number[],
): number {
  const { model } = seating;
  const order = seatingOrder(seating, units, random);
  const constrained = order.filter((unit) => model.apartUnits[unit]!.length > 0 || seating.unitSize(unit) > 1);
  const free = order.filter((unit) => model.apartUnits[unit]!.length === 0 && seating.unitSize(unit) === 1);
  const openTables = (unit: number): number => {
    const unitSize = seating.unitSize(unit);
    let open = 0;
    for (let table = 0; table < seating.tableCount; table++) {
      if (seating.size[table]! + unitSize <= seating.range.max && seating.canPlace(unit, table)) open++;
    }
    return open;
  };
  const place = (unit: number) =>
    placeGreedily(seating, unit, tableRank) || placeByEjection(seating, unit) || placeWithConflict(seating, unit);
  while (constrained.length > 0) {
    let pick = 0;
    let fewest = Number.POSITIVE_INFINITY;
    constrained.forEach((unit, index) => {
      const open = model.apartUnits[unit]!.length > 0 ? openTables(unit) : seating.tableCount;
      if (open < fewest) {
        fewest = open;
        pick = index;
      }
    });
    const [unit] = constrained.splice(pick, 1);
    if (!place(unit!)) return unit!;
  }
  for (const unit of free) if (!place(unit)) return unit;
  return -1;
}

/** Seats the unit at the table with room holding the fewest of its apart partners (the emptiest on a tie). */
function placeWithConflict(seating: Seating, unit: number): boolean {
  const unitSize = seating.unitSize(unit);
  let best = -1;
  let bestConflicts = Number.POSITIVE_INFINITY;
  for (let table = 0; table < seating.tableCount; table++) {
    if (seating.size[table]! + unitSize > seating.range.max) continue;
    const conflicts = seating.conflictsAt(unit, table);
    if (conflicts < bestConflicts || (conflicts === bestConflicts && seating.size[table]! < seating.size[best]!)) {
      best = table;
      bestConflicts = conflicts;
    }
  }
  if (best < 0) return false;
  seating.place(unit, best);
  return true;
}

/** How many other tables each unit tries per pass when there are many tables. */
const TABLES_TRIED_PER_UNIT = 8;

/**
 * First-improvement local search: for each unit (seeded order), try moving it to, or swapping it with
 * a unit at, a few other tables; keep the first change that makes the objective lexicographically
 * better. Moves and swaps never break the maximum size or add an apart conflict, and units move
 * whole, so every hard constraint that held still holds. Stops after a pass with no improvement or `maxPasses`.
 * Returns the number of passes run.
 */
export function improveBySearch(seating: Seating, random: Random, maxPasses: number): number {
  const tableCount = seating.tableCount;
  if (tableCount < 2) return 0;
  const { model } = seating;
  const profile = unitProfiles(seating);
  const current = new Float64Array(seating.objectiveLength);
  const trial = new Float64Array(seating.objectiveLength);
  seating.objectiveInto(current);
  const allUnits = model.units.map((_, unit) => unit);
  const { max } = seating.range;

  const accept = (): boolean => {
    seating.objectiveInto(trial);
    if (!isBetter(trial, current)) return false;
    current.set(trial);
    return true;
  };

  const tryTable = (unit: number, from: number, to: number): boolean => {
    const unitSize = seating.unitSize(unit);
    // While construction left apart pairs together, any move may be tried: the objective ranks
    // conflicts first, so none is ever added. Otherwise the check is a cheap filter.
    const strict = current[0] === 0;
    if (seating.size[to]! + unitSize <= max && (!strict || seating.canPlace(unit, to))) {
      seating.remove(unit);
      seating.place(unit, to);
      if (accept()) return true;
      seating.remove(unit);
      seating.place(unit, from);
    }
    for (const other of [...seating.unitsAt[to]!]) {
      if (profile[other] === profile[unit]) continue;
      const otherSize = seating.unitSize(other);
      if (seating.size[to]! - otherSize + unitSize > max || seating.size[from]! - unitSize + otherSize > max) continue;
      if (strict && (!seating.canPlace(unit, to, other) || !seating.canPlace(other, from, unit))) continue;
      if (strict && unitSize === 1 && otherSize === 1) {
        if (seating.compareSingleSwap(unit, other) >= 0) continue;
        seating.remove(unit);
        seating.remove(other);
        seating.place(unit, to);
        seating.place(other, from);
        seating.objectiveInto(current);
        return true;
      }
      seating.remove(unit);
      seating.remove(other);
      seating.place(unit, to);
      seating.place(other, from);
      if (accept()) return true;
      seating.remove(unit);
      seating.remove(other);
      seating.place(unit, from);
      seating.place(other, to);
    }
    return false;
  };

  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    let improved = false;
    for (const unit of shuffled(allUnits, random)) {
      const from = seating.tableOfUnit[unit]!;
      if (tableCount - 1 <= TABLES_TRIED_PER_UNIT) {
        const start = Math.floor(random() * tableCount);
        for (let step = 0; step < tableCount; step++) {
          const to = (start + step) % tableCount;
          if (to !== from && tryTable(unit, from, to)) {
            improved = true;
            break;
          }
        }
      } else {
        for (let attempt = 0; attempt < TABLES_TRIED_PER_UNIT; attempt++) {
          let to = Math.floor(random() * (tableCount - 1));
          if (to >= from) to++;
          if (tryTable(unit, from, to)) {
            improved = true;
            break;
          }
        }
      }
    }
    if (!improved) break;
  }
  return passes;
}

/** Units with the same size and the same values on every attribute get the same number: swapping them changes nothing. */
function unitProfiles(seating: Seating): Int32Array {
  const { model } = seating;
  const idOfKey = new Map<string, number>();
  return Int32Array.from(model.units, (members) => {
    const parts = members.map((person) => model.personValues.map((values) => values[person]!).join(','));
    const key = parts.sort().join('|');
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = idOfKey.size;
      idOfKey.set(key, id);
    }
    return id;
  });
}
