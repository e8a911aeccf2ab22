import type { PlanOutcome, Registrant, TablePlanError, TablePlanErrorCode } from './types.js';

/**
 * Registrants as dense indices: people 0..n-1 in input order, attribute values as small integers, and
 * "together" requests merged into units (people who must share a table) by union-find.
 */
export interface PlanModel {
  readonly ids: readonly string[];
  readonly indexOfId: ReadonlyMap<string, number>;
  readonly attributes: readonly string[];
  /** Per attribute, the distinct declared values in first-met order. */
  readonly valueNames: readonly (readonly string[])[];
  /** Per attribute, each person's value index, or −1 when undeclared. */
  readonly personValues: readonly Int32Array[];
  /** Per attribute, how many people declared each value. */
  readonly valueTotals: readonly Int32Array[];
  /** Per attribute, how many people declared any value. */
  readonly declaredTotals: readonly number[];
  /** Units of people who sit together, each sorted by person index; units sorted by their first person. */
  readonly units: readonly (readonly number[])[];
  readonly unitOf: Int32Array;
  /** Per unit, the other units it must not share a table with (sorted, no repeats). */
  readonly apartUnits: readonly (readonly number[])[];
  /** Every apart pair of people, smaller index first, no repeats. */
  readonly apartPairs: readonly (readonly [number, number])[];
}

export function failure(
  code: TablePlanErrorCode,
  message: string,
  ids: readonly string[] = [],
): { ok: false; error: TablePlanError } {
  return { ok: false, error: { code, message, ids } };
}

function quoted(id: string): string {
  return JSON.stringify(id);
}

/** The attribute names in first-met order, for when the caller gives no priority list. */
export function attributeNamesOf(registrants: readonly Registrant[]): string[] {
  const names = new Set<string>();
  for (const registrant of registrants) for (const name of Object.keys(registrant.attributes)) names.add(name);
  return [...names];
}

/** Validates registrants and indexes them; the error names the first problem found, in input order. */
export function buildModel(
  registrants: readonly Registrant[],
  attributeList?: readonly string[],
): PlanOutcome<PlanModel> {
  const ids: string[] = [];
  const indexOfId = new Map<string, number>();
  for (const registrant of registrants) {
    const id = registrant.id.trim();
    if (id === '' || id !== registrant.id) {
      return failure('invalid_id', `id ${quoted(registrant.id)} must be non-empty with no surrounding spaces`, [
        registrant.id,
      ]);
    }
    if (indexOfId.has(id)) return failure('duplicate_id', `duplicate id ${quoted(id)}`, [id]);
    indexOfId.set(id, ids.length);
    ids.push(id);
  }

  const known = attributeNamesOf(registrants);
  const attributes = attributeList ? [...attributeList] : known;
  for (const name of attributes) {
    if (!known.includes(name)) return failure('unknown_attribute', `no registrant has the attribute ${quoted(name)}`);
  }
  if (new Set(attributes).size !== attributes.length) {
    return failure('unknown_attribute', 'each attribute may appear only once in the priority list');
  }

  const valueNames: string[][] = [];
  const personValues: Int32Array[] = [];
  const valueTotals: Int32Array[] = [];
  const declaredTotals: number[] = [];
  for (const name of attributes) {
    const names: string[] = [];
    const indexOfValue = new Map<string, number>();
    const values = new Int32Array(ids.length).fill(-1);
    registrants.forEach((registrant, person) => {
      const value = (registrant.attributes[name] ?? '').trim();
      if (value === '') return;
      let index = indexOfValue.get(value);
      if (index === undefined) {
        index = names.length;
        indexOfValue.set(value, index);
        names.push(value);
      }
      values[person] = index;
    });
    const totals = new Int32Array(names.length);
    let declared = 0;
    for (const value of values) {
      if (value >= 0) {
        totals[value]!++;
        declared++;
      }
    }
    valueNames.push(names);
    personValues.push(values);
    valueTotals.push(totals);
    declaredTotals.push(declared);
  }

  const parent = Int32Array.from(ids, (_, index) => index);
  const find = (person: number): number => {
    let root = person;
    while (parent[root] !== root) root = parent[root]!;
    let walker = person;
    while (parent[walker] !== root) {
      const next = parent[walker]!;
      parent[walker] = root;
      walker = next;
    }
    return root;
  };
  const apartPairKeys = new Set<string>();
  const apartPairs: [number, number][] = [];
  for (const [person, registrant] of registrants.entries()) {
    for (const other of registrant.together ?? []) {
      const otherIndex = indexOfId.get(other.trim());
      if (otherIndex === undefined) {
        return failure('unknown_id', `${quoted(registrant.id)} asks to sit with unknown id ${quoted(other)}`, [
          registrant.id,
        ]);
      }
      const left = find(person);
      const right = find(otherIndex);
      if (left !== right) parent[Math.max(left, right)] = Math.min(left, right);
    }
    for (const other of registrant.apart ?? []) {
      const otherIndex = indexOfId.get(other.trim());
      if (otherIndex === undefined) {
        return failure('unknown_id', `${quoted(registrant.id)} asks to sit apart from unknown id ${quoted(other)}`, [
          registrant.id,
        ]);
      }
      if (otherIndex === person) {
        return failure('apart_with_self', `${quoted(registrant.id)} asks to sit apart from themself`, [registrant.id]);
      }
      const pair: [number, number] = person < otherIndex ? [person, otherIndex] : [otherIndex, person];
      const key = `${pair[0]},${pair[1]}`;
      if (!apartPairKeys.has(key)) {
        apartPairKeys.add(key);
        apartPairs.push(pair);
      }
    }
  }

  const unitOf = new Int32Array(ids.length).fill(-1);
  const units: number[][] = [];
  for (let person = 0; person < ids.length; person++) {
    const root = find(person);
    if (unitOf[root] === -1) {
      unitOf[root] = units.length;
      units.push([]);
    }
    const unit = unitOf[root]!;
    unitOf[person] = unit;
    units[unit]!.push(person);
  }

  const apartSets = units.map(() => new Set<number>());
  apartPairs.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  for (const [left, right] of apartPairs) {
    const leftUnit = unitOf[left]!;
    const rightUnit = unitOf[right]!;
    if (leftUnit === rightUnit) {
      return failure(
        'together_and_apart',
        `${quoted(ids[left]!)} and ${quoted(ids[right]!)} must sit apart, but "together" requests join them`,
        [ids[left]!, ids[right]!],
      );
    }
    apartSets[leftUnit]!.add(rightUnit);
    apartSets[rightUnit]!.add(leftUnit);
  }
  const apartUnits = apartSets.map((set) => [...set].sort((left, right) => left - right));

  return {
    ok: true,
    value: {
      ids,
      indexOfId,
      attributes,
      valueNames,
      personValues,
      valueTotals,
      declaredTotals,
      units,
      unitOf,
      apartUnits,
      apartPairs,
    },
  };
}

/**
 * The same people with different units (check-in seats people where they are, not where "together"
 * would put them); apart links are recomputed between the new units. Two apart people in one new unit
 * are simply not linked, as they are seated already.
 */
export function regroup(model: PlanModel, units: readonly (readonly number[])[]): PlanModel {
  const unitOf = new Int32Array(model.ids.length).fill(-1);
  units.forEach((members, unit) => {
    for (const person of members) unitOf[person] = unit;
  });
  const apartSets = units.map(() => new Set<number>());
  for (const [left, right] of model.apartPairs) {
    const leftUnit = unitOf[left]!;
    const rightUnit = unitOf[right]!;
    if (leftUnit < 0 || rightUnit < 0 || leftUnit === rightUnit) continue;
    apartSets[leftUnit]!.add(rightUnit);
    apartSets[rightUnit]!.add(leftUnit);
  }
  return {
    ...model,
    units,
    unitOf,
    apartUnits: apartSets.map((set) => [...set].sort((left, right) => left - right)),
  };
}
