import { createRandom, deriveSeed } from '../analysis/random.js';
import { attributeNamesOf, buildModel, failure, type PlanModel, regroup } from './model.js';
import { scorePlan } from './score.js';
import { seatingOrder } from './search.js';
import { isBetter, Seating } from './seating.js';
import { resolveTableSize } from './sizes.js';
import type { PlanOutcome, Registrant, TablePlan, TableSize } from './types.js';

export interface CheckInChanges {
  /** Everyone registered, including late arrivals and no-shows. */
  readonly registrants: readonly Registrant[];
  /** The plan as it stands (ids per table, table 1 first), possibly edited by the host. */
  readonly tables: readonly (readonly string[])[];
  /** People who did not come: taken off their tables. */
  readonly noShows?: readonly string[];
  /** People to seat now. A no-show who turns up after all may be listed here too. */
  readonly lateArrivals?: readonly string[];
}

export interface CheckInOptions {
  readonly tableSize: TableSize;
  readonly attributes?: readonly string[];
  readonly seed?: number;
  /** When no table has room for a late arrival, start a new table (default) rather than fail with `no_room`. */
  readonly openTables?: boolean;
}

export interface AdjustedPlan extends TablePlan {
  /** Where each late arrival was seated. */
  readonly seated: readonly { readonly id: string; readonly table: number }[];
  /** No-shows taken off a table. */
  readonly removed: readonly string[];
  readonly openedTables: number;
}

/**
 * Check-in: removes no-shows and seats late arrivals without moving anyone already seated. Each late
 * arrival (with any late companions from the same "together" group) joins a companion already seated
 * when that table has room; otherwise goes to the table with room, and no apart partner, where the
 * planner's objective improves most (tables below the minimum first, then the emptier, then the one
 * whose mix gains most). The score reports anything a host should know about (e.g. a table left
 * below the minimum by no-shows).
 */
export function adjustPlan(changes: CheckInChanges, options: CheckInOptions): PlanOutcome<AdjustedPlan> {
  const resolved = resolveTableSize(options.tableSize);
  if (!resolved.ok) return resolved;
  const range = resolved.value;
  const full = buildModel(changes.registrants, options.attributes);
  if (!full.ok) return full;
  const fullModel = full.value;

  const unknown = (id: string, role: string) =>
    failure('unknown_id', `${role} ${JSON.stringify(id)} is not registered`, [id]);
  const tableOf = new Map<string, number>();
  for (const [table, ids] of changes.tables.entries()) {
    for (const id of ids) {
      if (!fullModel.indexOfId.has(id)) return unknown(id, `table ${table + 1} seats`);
      const previous = tableOf.get(id);
      if (previous !== undefined) {
        return failure('seated_twice', `${JSON.stringify(id)} is at tables ${previous + 1} and ${table + 1}`, [id]);
      }
      tableOf.set(id, table);
    }
  }
  const removed: string[] = [];
  for (const id of changes.noShows ?? []) {
    if (!fullModel.indexOfId.has(id)) return unknown(id, 'no-show');
    if (tableOf.delete(id)) removed.push(id);
  }
  const late = new Set<string>();
  for (const id of changes.lateArrivals ?? []) {
    if (!fullModel.indexOfId.has(id)) return unknown(id, 'late arrival');
    if (tableOf.has(id)) {
      return failure('already_seated', `${JSON.stringify(id)} is already at table ${tableOf.get(id)! + 1}`, [id]);
    }
    late.add(id);
  }

  // The room is now the people seated plus the late arrivals: balance is measured against them.
  const present = changes.registrants.filter((registrant) => tableOf.has(registrant.id) || late.has(registrant.id));
  const presentIds = new Set(present.map((registrant) => registrant.id));
  const keepPresent = (ids: readonly string[] | undefined) => (ids ?? []).filter((id) => presentIds.has(id));
  const roomRegistrants = present.map((registrant) => ({
    ...registrant,
    together: keepPresent(registrant.together),
    apart: keepPresent(registrant.apart),
  }));
  // An attribute nobody present declared cannot be mixed (and scorePlan would reject it).
  const presentAttributes = new Set(attributeNamesOf(present));
  const attributes = fullModel.attributes.filter((name) => presentAttributes.has(name));
  const roomBuilt = buildModel(
    roomRegistrants.map((registrant) => ({ ...registrant, together: [] })),
    attributes,
  );
  if (!roomBuilt.ok) return roomBuilt;

  // Seated people are single units pinned where they sit; late people move as groups of companions.
  const seatedUnits: number[][] = [];
  const lateGroups = new Map<number, number[]>();
  roomBuilt.value.ids.forEach((id, person) => {
    if (tableOf.has(id)) seatedUnits.push([person]);
    else {
      const group = fullModel.unitOf[fullModel.indexOfId.get(id)!]!;
      const members = lateGroups.get(group) ?? [];
      members.push(person);
      lateGroups.set(group, members);
    }
  });
  const model = regroup(roomBuilt.value, [...seatedUnits, ...lateGroups.values()]);
  const seating = new Seating(model, range, changes.tables.length);
  seatedUnits.forEach((members, unit) => {
    seating.place(unit, tableOf.get(model.ids[members[0]!]!)!);
  });

  const lateUnits = model.units.map((_, unit) => unit).slice(seatedUnits.length);
  const random = createRandom(deriveSeed(options.seed ?? 0, 'table-plan/check-in'));
  const current = new Float64Array(seating.objectiveLength);
  const trial = new Float64Array(seating.objectiveLength);
  const seated: { id: string; table: number }[] = [];
  let openedTables = 0;
  for (const unit of seatingOrder(seating, lateUnits, random)) {
    const members = model.units[unit]!;
    const size = members.length;
    const fits = (table: number) => seating.size[table]! + size <= range.max && seating.canPlace(unit, table);
    const companionTable = companionTableOf(
      members.map((person) => model.ids[person]!),
      fullModel,
      tableOf,
    );
    let chosen = companionTable !== undefined && fits(companionTable) ? companionTable : -1;
    if (chosen < 0) {
      current.fill(Number.POSITIVE_INFINITY);
      for (let table = 0; table < seating.tableCount; table++) {
        if (!fits(table)) continue;
        seating.place(unit, table);
        seating.objectiveInto(trial);
        seating.remove(unit);
        if (chosen < 0 || isBetter(trial, current)) {
          chosen = table;
          current.set(trial);
        }
      }
    }
    if (chosen < 0) {
      if (options.openTables === false) {
        return failure(
          'no_room',
          `no table has room for ${members.map((person) => JSON.stringify(model.ids[person])).join(', ')} away from those they must sit apart from`,
          members.map((person) => model.ids[person]!),
        );
      }
      chosen = seating.addTable();
      openedTables++;
    }
    seating.place(unit, chosen);
    for (const person of members) {
      tableOf.set(model.ids[person]!, chosen);
      seated.push({ id: model.ids[person]!, table: chosen + 1 });
    }
  }

  const tables = seating.tables().map((people, table) => ({
    table: table + 1,
    ids: people.map((person) => model.ids[person]!),
  }));
  const score = scorePlan(
    roomRegistrants,
    tables.map((table) => table.ids),
    { attributes, tableSize: options.tableSize },
  );
  if (!score.ok) return score;
  return { ok: true, value: { tables, score: score.value, seated, removed, openedTables } };
}

/** The table of a seated companion (same "together" group) of these late arrivals, if any. */
function companionTableOf(
  ids: readonly string[],
  fullModel: PlanModel,
  tableOf: ReadonlyMap<string, number>,
): number | undefined {
  const group = fullModel.unitOf[fullModel.indexOfId.get(ids[0]!)!]!;
  for (const person of fullModel.units[group]!) {
    const table = tableOf.get(fullModel.ids[person]!);
    if (table !== undefined && !ids.includes(fullModel.ids[person]!)) return table;
  }
  return undefined;
}
