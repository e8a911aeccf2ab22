import type { PlanModel } from './model.js';
import type { TableSizeRange } from './types.js';

/**
 * A (partial) seating of units at tables with every measure the planner optimises kept up to date as
 * units move, so trying a move costs one table's worth of arithmetic rather than a rescore.
 *
 * The objective, compared lexicographically (lower is better):
 *   0. apart pairs of units sharing a table (only ever non-zero while construction is stuck; a
 *      finished plan must have none),
 *   1. people outside the hard size bounds (below min; above max is never allowed),
 *   2. unevenness: people outside ⌊n/tables⌋..⌈n/tables⌉ per table,
 *   3. −(fewest distinct values of the first attribute at any table),
 *   4. how many tables sit at that fewest,
 *   5+. per attribute in priority order, Σ_tables Σ_values |count×D − declared×D_value| (the balance
 *       deviation scaled by the room's declared total D so it stays an exact integer).
 */
export class Seating {
  readonly tableOfUnit: Int32Array;
  readonly unitsAt: number[][] = [];
  readonly size: number[] = [];
  /** Per attribute: counts[a][table × values + value]. */
  private readonly counts: number[][];
  private readonly declared: number[][];
  readonly distinct: number[][];
  private readonly deviation: number[][];
  private readonly deviationTotal: number[];
  /** How many tables have k distinct values of the first attribute, k = 0..values. */
  private readonly firstHistogram: number[];
  private readonly valueCounts: number[];
  private boundExcess = 0;
  private conflicts = 0;
  private unevenExcess = 0;
  private lowEven = 0;
  private highEven = 0;
  /** People the finished plan will hold (evenness is measured against it). */
  private readonly peopleToSeat: number;

  constructor(
    readonly model: PlanModel,
    readonly range: TableSizeRange,
    tableCount: number,
    peopleToSeat = model.ids.length,
  ) {
    this.tableOfUnit = new Int32Array(model.units.length).fill(-1);
    this.valueCounts = model.valueNames.map((names) => names.length);
    this.counts = model.attributes.map(() => []);
    this.declared = model.attributes.map(() => []);
    this.distinct = model.attributes.map(() => []);
    this.deviation = model.attributes.map(() => []);
    this.deviationTotal = model.attributes.map(() => 0);
    this.firstHistogram = new Array((this.valueCounts[0] ?? 0) + 1).fill(0);
    this.peopleToSeat = peopleToSeat;
    for (let table = 0; table < tableCount; table++) this.addTable();
    this.resetEvenness();
  }

  get tableCount(): number {
    return this.size.length;
  }

  get objectiveLength(): number {
    return 5 + this.model.attributes.length;
  }

  /** Apart pairs of units currently sharing a table. */
  get apartConflicts(): number {
    return this.conflicts;
  }

  /** How many of the unit's apart partners sit at `table`. */
  conflictsAt(unit: number, table: number): number {
    let count = 0;
    for (const other of this.model.apartUnits[unit]!) if (this.tableOfUnit[other] === table) count++;
    return count;
  }

  /** Appends an empty table and returns its index. */
  addTable(): number {
    const table = this.size.length;
    this.size.push(0);
    this.unitsAt.push([]);
    this.model.attributes.forEach((_, attribute) => {
      const values = this.valueCounts[attribute]!;
      for (let value = 0; value < values; value++) this.counts[attribute]!.push(0);
      this.declared[attribute]!.push(0);
      this.distinct[attribute]!.push(0);
      this.deviation[attribute]!.push(0);
    });
    if (this.model.attributes.length > 0) this.firstHistogram[0]!++;
    this.boundExcess += this.boundPenalty(0);
    this.resetEvenness();
    return table;
  }

  private resetEvenness(): void {
    const tables = this.size.length;
    this.lowEven = tables === 0 ? 0 : Math.floor(this.peopleToSeat / tables);
    this.highEven = tables === 0 ? 0 : Math.ceil(this.peopleToSeat / tables);
    this.unevenExcess = 0;
    for (const size of this.size) this.unevenExcess += this.unevenPenalty(size);
  }

  /** The even size cap ⌈n/tables⌉ that construction fills up to before using the hard maximum. */
  get evenCap(): number {
    return this.highEven;
  }

  private boundPenalty(size: number): number {
    return Math.max(0, this.range.min - size) + Math.max(0, size - this.range.max);
  }

  private unevenPenalty(size: number): number {
    return Math.max(0, this.lowEven - size) + Math.max(0, size - this.highEven);
  }

  unitSize(unit: number): number {
    return this.model.units[unit]!.length;
  }

  /** Whether `unit` may sit at `table` given its apart partners, ignoring `except` (a unit about to leave). */
  canPlace(unit: number, table: number, except = -1): boolean {
    for (const other of this.model.apartUnits[unit]!) {
      if (other !== except && this.tableOfUnit[other] === table) return false;
    }
    return true;
  }

  place(unit: number, table: number): void {
    this.conflicts += this.conflictsAt(unit, table);
    this.tableOfUnit[unit] = table;
    this.unitsAt[table]!.push(unit);
    this.shift(unit, table, 1);
  }

  remove(unit: number): void {
    const table = this.tableOfUnit[unit]!;
    const list = this.unitsAt[table]!;
    const index = list.indexOf(unit);
    list[index] = list[list.length - 1]!;
    list.pop();
    this.tableOfUnit[unit] = -1;
    this.conflicts -= this.conflictsAt(unit, table);
    this.shift(unit, table, -1);
  }

  private shift(unit: number, table: number, delta: 1 | -1): void {
    const members = this.model.units[unit]!;
    const oldSize = this.size[table]!;
    const newSize = oldSize + delta * members.length;
    this.size[table] = newSize;
    this.boundExcess += this.boundPenalty(newSize) - this.boundPenalty(oldSize);
    this.unevenExcess += this.unevenPenalty(newSize) - this.unevenPenalty(oldSize);
    for (let attribute = 0; attribute < this.model.attributes.length; attribute++) {
      const personValues = this.model.personValues[attribute]!;
      const values = this.valueCounts[attribute]!;
      const counts = this.counts[attribute]!;
      const distinct = this.distinct[attribute]!;
      const oldDistinct = distinct[table]!;
      let changed = false;
      for (const person of members) {
        const value = personValues[person]!;
        if (value < 0) continue;
        changed = true;
        const cell = table * values + value;
        const before = counts[cell]!;
        counts[cell] = before + delta;
        if (before === 0) distinct[table]!++;
        else if (before + delta === 0) distinct[table]!--;
        this.declared[attribute]![table]! += delta;
      }
      if (!changed) continue;
      if (attribute === 0 && distinct[table] !== oldDistinct) {
        this.firstHistogram[oldDistinct]!--;
        this.firstHistogram[distinct[table]!]!++;
      }
      const deviation = this.tableDeviation(attribute, table);
      this.deviationTotal[attribute]! += deviation - this.deviation[attribute]![table]!;
      this.deviation[attribute]![table] = deviation;
    }
  }

  private tableDeviation(attribute: number, table: number): number {
    const values = this.valueCounts[attribute]!;
    const counts = this.counts[attribute]!;
    const totals = this.model.valueTotals[attribute]!;
    const roomDeclared = this.model.declaredTotals[attribute]!;
    const tableDeclared = this.declared[attribute]![table]!;
    let sum = 0;
    for (let value = 0; value < values; value++) {
      sum += Math.abs(counts[table * values + value]! * roomDeclared - tableDeclared * totals[value]!);
    }
    return sum;
  }

  /** How many first-attribute values the unit would add to the table (values it has that the table lacks). */
  newFirstValues(unit: number, table: number): number {
    if (this.model.attributes.length === 0) return 0;
    const personValues = this.model.personValues[0]!;
    const values = this.valueCounts[0]!;
    const counts = this.counts[0]!;
    const members = this.model.units[unit]!;
    let added = 0;
    members.forEach((person, index) => {
      const value = personValues[person]!;
      if (value < 0 || counts[table * values + value]! > 0) return;
      // Count each missing value once even when several members share it.
      for (let earlier = 0; earlier < index; earlier++) if (personValues[members[earlier]!] === value) return;
      added++;
    });
    return added;
  }

  /**
   * Compares swapping two one-person units at different tables with leaving them (negative: the swap
   * is better), without moving anyone: sizes do not change, so only the mixing terms can, and each is
   * computed from the two tables' counts. The caller has checked the swap adds no apart conflict.
   * This is the search's hot path; {@link objectiveInto} after applying the swap agrees with it.
   */
  compareSingleSwap(unit: number, other: number): number {
    const attributes = this.model.attributes.length;
    if (attributes === 0) return 0;
    const person = this.model.units[unit]![0]!;
    const otherPerson = this.model.units[other]![0]!;
    const table = this.tableOfUnit[unit]!;
    const otherTable = this.tableOfUnit[other]!;
    const first = this.model.personValues[0]!;
    const value = first[person]!;
    const otherValue = first[otherPerson]!;
    if (value !== otherValue) {
      const histogram = this.firstHistogram;
      const [before, after] = this.minimumAndCount();
      const distinct = this.distinct[0]!;
      const oldHere = distinct[table]!;
      const oldThere = distinct[otherTable]!;
      const newHere = oldHere + this.distinctChange(table, value, otherValue);
      const newThere = oldThere + this.distinctChange(otherTable, otherValue, value);
      histogram[oldHere]!--;
      histogram[oldThere]!--;
      histogram[newHere]!++;
      histogram[newThere]!++;
      const [minimum, count] = this.minimumAndCount();
      histogram[newHere]!--;
      histogram[newThere]!--;
      histogram[oldHere]!++;
      histogram[oldThere]!++;
      if (minimum !== before) return before - minimum;
      if (count !== after) return count - after;
    }
    for (let attribute = 0; attribute < attributes; attribute++) {
      const values = this.model.personValues[attribute]!;
      const leaving = values[person]!;
      const arriving = values[otherPerson]!;
      if (leaving === arriving) continue;
      const delta =
        this.deviationWith(attribute, table, leaving, arriving) -
        this.deviation[attribute]![table]! +
        this.deviationWith(attribute, otherTable, arriving, leaving) -
        this.deviation[attribute]![otherTable]!;
      if (delta !== 0) return delta;
    }
    return 0;
  }

  private minimumAndCount(): [number, number] {
    let minimum = 0;
    while (this.firstHistogram[minimum] === 0) minimum++;
    return [minimum, this.firstHistogram[minimum]!];
  }

  /** Change in the first attribute's distinct count at `table` if one `leaving` value is swapped for `arriving`. */
  private distinctChange(table: number, leaving: number, arriving: number): number {
    const values = this.valueCounts[0]!;
    const counts = this.counts[0]!;
    let change = 0;
    if (leaving >= 0 && counts[table * values + leaving] === 1) change--;
    if (arriving >= 0 && counts[table * values + arriving] === 0) change++;
    return change;
  }

  /** The table's deviation for `attribute` if one `leaving` value (−1: undeclared) became `arriving`. */
  private deviationWith(attribute: number, table: number, leaving: number, arriving: number): number {
    const values = this.valueCounts[attribute]!;
    const counts = this.counts[attribute]!;
    const totals = this.model.valueTotals[attribute]!;
    const roomDeclared = this.model.declaredTotals[attribute]!;
    const tableDeclared = this.declared[attribute]![table]! - (leaving >= 0 ? 1 : 0) + (arriving >= 0 ? 1 : 0);
    let sum = 0;
    for (let value = 0; value < values; value++) {
      let count = counts[table * values + value]!;
      if (value === leaving) count--;
      if (value === arriving) count++;
      sum += Math.abs(count * roomDeclared - tableDeclared * totals[value]!);
    }
    return sum;
  }

  /** The balance deviation of one table for one attribute (scaled; see the class comment). */
  deviationAt(attribute: number, table: number): number {
    return this.deviation[attribute]![table]!;
  }

  get sizeBoundExcess(): number {
    return this.boundExcess;
  }

  /** Writes the objective vector (see the class comment) into `out`. */
  objectiveInto(out: Float64Array): void {
    out[0] = this.conflicts;
    out[1] = this.boundExcess;
    out[2] = this.unevenExcess;
    if (this.model.attributes.length === 0 || this.size.length === 0) {
      out[3] = 0;
      out[4] = 0;
    } else {
      const [minimum, count] = this.minimumAndCount();
      out[3] = -minimum;
      out[4] = count;
    }
    for (let attribute = 0; attribute < this.model.attributes.length; attribute++) {
      out[5 + attribute] = this.deviationTotal[attribute]!;
    }
  }

  /** Person indices at each table, in input order. */
  tables(): number[][] {
    return this.unitsAt.map((units) =>
      units.flatMap((unit) => this.model.units[unit]!).sort((left, right) => left - right),
    );
  }
}

/** Lexicographic "strictly better" for objective vectors (lower is better). */
export function isBetter(candidate: Float64Array, incumbent: Float64Array): boolean {
  for (let index = 0; index < candidate.length; index++) {
    if (candidate[index]! < incumbent[index]!) return true;
    if (candidate[index]! > incumbent[index]!) return false;
  }
  return false;
}
