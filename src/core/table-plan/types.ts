/** One person to seat. Attribute values are free text; an empty value means "not declared". */
export interface Registrant {
  readonly id: string;
  /** e.g. `{ tradition: 'Labour', group: 'B', region: 'Wales' }`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Ids this person asked to sit with (symmetric; chains join: a with b and b with c seats all three together). */
  readonly together?: readonly string[];
  /** Ids this person must never share a table with (symmetric). */
  readonly apart?: readonly string[];
}

/** Hard bounds on people per table. */
export interface TableSizeRange {
  readonly min: number;
  readonly max: number;
}

/** A single number N means "at most N per table" (sizes are then kept as even as the room allows). */
export type TableSize = number | TableSizeRange;

export interface PlanOptions {
  readonly tableSize: TableSize;
  /**
   * Attribute names in priority order: the first is the one whose distinct values per table are
   * maximised (tradition, typically). Default: every attribute name in the order first met.
   */
  readonly attributes?: readonly string[];
  /** Every random choice (tie-breaks, search order) comes from this seed. Default 0. */
  readonly seed?: number;
  /** Upper bound on local-search passes over all units (default 60); a pass that improves nothing stops early. */
  readonly maxPasses?: number;
}

export type TablePlanErrorCode =
  | 'invalid_table_size'
  | 'invalid_id'
  | 'duplicate_id'
  | 'unknown_id'
  | 'unknown_attribute'
  | 'apart_with_self'
  | 'together_and_apart'
  | 'group_too_large'
  | 'table_sizes_impossible'
  | 'apart_impossible'
  | 'seated_twice'
  | 'already_seated'
  | 'no_room';

/** Why no plan could be made; `ids` are the registrants concerned (empty when none is to blame). */
export interface TablePlanError {
  readonly code: TablePlanErrorCode;
  readonly message: string;
  readonly ids: readonly string[];
}

export type PlanOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: TablePlanError };

export interface Table {
  /** 1-based table number. */
  readonly table: number;
  readonly ids: readonly string[];
}

export interface AttributeScore {
  readonly name: string;
  /** Distinct declared values in the whole room. */
  readonly values: number;
  readonly minDistinct: number;
  readonly meanDistinct: number;
  /**
   * How closely tables mirror the room, 0..1: 1 − Σ_tables Σ_values |count − declared × share| / (2 × declared
   * in the room). 1 = every table has the room's proportions; undeclared people are left out.
   */
  readonly balance: number;
}

export interface TableScore {
  readonly table: number;
  readonly size: number;
  /** Priority-weighted mean of the table's balance per attribute (weights 1, ½, ¼ … down the priority list). */
  readonly mixing: number;
  readonly distinct: Readonly<Record<string, number>>;
  readonly balance: Readonly<Record<string, number>>;
}

export type PlanProblemCode =
  | 'unseated'
  | 'seated_twice'
  | 'unknown_id'
  | 'apart_together'
  | 'together_split'
  | 'table_too_small'
  | 'table_too_large';

/** Something wrong with a plan a host edited by hand (a generated plan has none). */
export interface PlanProblem {
  readonly code: PlanProblemCode;
  readonly message: string;
  readonly ids: readonly string[];
  readonly table?: number;
}

export interface PlanScore {
  readonly attributes: readonly AttributeScore[];
  /** Priority-weighted mean of the room's balance per attribute (as a table's mixing, over all tables). */
  readonly mixing: number;
  readonly tables: readonly TableScore[];
  readonly problems: readonly PlanProblem[];
}

export interface TablePlan {
  readonly tables: readonly Table[];
  readonly score: PlanScore;
}
