import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { planTables, type Registrant, type TablePlan, type TableSize } from '../core/table-plan/index.js';

/** Where the command writes; injected so tests and the CLI entry can capture or forward output. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE =
  'usage: common-ground plan-tables --registrants FILE.csv --table-size N|MIN-MAX [--seed S] [--attributes a,b,c] [--json]';

/** The JSON printed by `plan-tables --json` (the contract other tools rely on). */
export interface PlanTablesJson {
  readonly tables: TablePlan['tables'];
  readonly score: TablePlan['score'];
}

class UsageError extends Error {}

/** A problem with the registrants file, naming the line (1-based; the header is line 1) when there is one. */
class RegistrantsFileError extends Error {
  constructor(file: string, message: string, line?: number) {
    super(line === undefined ? `${file}: ${message}` : `${file} line ${line}: ${message}`);
  }
}

const SPECIAL_COLUMNS = ['id', 'together', 'apart'] as const;

/** `8` → at most 8; `6-8` → 6 to 8 inclusive. */
export function parseTableSize(text: string): TableSize {
  const single = /^\s*(\d+)\s*$/.exec(text);
  if (single && Number(single[1]) >= 1) return Number(single[1]);
  const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(text);
  if (range && Number(range[1]) >= 1 && Number(range[1]) <= Number(range[2])) {
    return { min: Number(range[1]), max: Number(range[2]) };
  }
  throw new UsageError(
    `--table-size takes a whole number of at least 1 (at most that many per table) or a range MIN-MAX such as 6-8, got "${text}"`,
  );
}

interface ParsedRegistrants {
  readonly registrants: Registrant[];
  readonly attributeColumns: string[];
  readonly lineOfId: Map<string, number>;
}

function splitIds(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/**
 * Reads the registrants CSV: a header row with an `id` column, optional `together` and `apart`
 * columns (ids separated by semicolons) and any other columns as attributes. Every id and every
 * reference is checked here so an error can name its line.
 */
export function readRegistrantsCsv(text: string, file: string): ParsedRegistrants {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse's typings only know `info: true` together with `columns`; this shape is what it returns.
    rows = parse(text, { info: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    const line = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : undefined;
    const message = (error instanceof Error ? error.message : String(error)).replace(/ on line \d+$/, '');
    throw new RegistrantsFileError(file, `malformed CSV: ${message}`, Number.isFinite(line) ? line : undefined);
  }
  const [header, ...records] = rows;
  if (!header) throw new RegistrantsFileError(file, 'the file is empty; expected a header row with an "id" column');
  const names = header.record.map((name) => name.trim());
  const columnOf = (wanted: string) => names.findIndex((name) => name.toLowerCase() === wanted);
  const seen = new Set<string>();
  for (const name of names) {
    const key = SPECIAL_COLUMNS.includes(name.toLowerCase() as (typeof SPECIAL_COLUMNS)[number])
      ? name.toLowerCase()
      : name;
    if (name === '') throw new RegistrantsFileError(file, 'a column has no name', header.info.lines);
    if (seen.has(key)) throw new RegistrantsFileError(file, `duplicate column "${name}"`, header.info.lines);
    seen.add(key);
  }
  const idColumn = columnOf('id');
  if (idColumn < 0) throw new RegistrantsFileError(file, 'missing column "id"', header.info.lines);
  const togetherColumn = columnOf('together');
  const apartColumn = columnOf('apart');
  const attributeColumns = names
    .map((name, column) => ({ name, column }))
    .filter(({ column }) => column !== idColumn && column !== togetherColumn && column !== apartColumn);

  const lineOfId = new Map<string, number>();
  for (const { record, info } of records) {
    const id = record[idColumn] ?? '';
    if (id === '') throw new RegistrantsFileError(file, 'empty id', info.lines);
    const first = lineOfId.get(id);
    if (first !== undefined) {
      throw new RegistrantsFileError(file, `duplicate id ${JSON.stringify(id)} (first on line ${first})`, info.lines);
    }
    lineOfId.set(id, info.lines);
  }

  const registrants = records.map(({ record, info }): Registrant => {
    const id = record[idColumn]!;
    const references = (column: number, label: 'together' | 'apart') => {
      const ids = column < 0 ? [] : splitIds(record[column]);
      for (const other of ids) {
        if (!lineOfId.has(other)) {
          throw new RegistrantsFileError(file, `unknown id ${JSON.stringify(other)} in ${label}`, info.lines);
        }
        if (other === id && label === 'apart') {
          throw new RegistrantsFileError(file, `${JSON.stringify(id)} cannot sit apart from themself`, info.lines);
        }
      }
      return ids;
    };
    return {
      id,
      attributes: Object.fromEntries(attributeColumns.map(({ name, column }) => [name, record[column] ?? ''])),
      together: references(togetherColumn, 'together'),
      apart: references(apartColumn, 'apart'),
    };
  });
  return { registrants, attributeColumns: attributeColumns.map(({ name }) => name), lineOfId };
}

/**
 * `common-ground plan-tables --registrants FILE.csv --table-size N [--seed S] --json`: seats the
 * registrants at tables mixing their attributes (see src/core/table-plan) and prints
 * `{ "tables": [{ "table": 1, "ids": [...] }], "score": {...} }`. `--table-size 8` means at most 8
 * per table (fewest tables, sizes within one of each other where requests allow); `6-8` is a hard
 * range. `--attributes` gives the priority order (default: the attribute columns left to right).
 * Exit 2 with a message naming the line for bad arguments or a bad file; exit 1 when no plan can
 * satisfy the requests; nothing on stdout either way.
 */
export async function runPlanTablesCommand(argv: string[], io: CommandIo): Promise<number> {
  let file: string;
  let tableSize: TableSize;
  let seed: number;
  let json: boolean;
  let attributes: string[] | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        registrants: { type: 'string' },
        'table-size': { type: 'string' },
        seed: { type: 'string' },
        attributes: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    });
    if (!values.registrants) throw new UsageError('--registrants FILE.csv is required');
    if (values['table-size'] === undefined) throw new UsageError('--table-size N (or MIN-MAX) is required');
    file = values.registrants;
    tableSize = parseTableSize(values['table-size']);
    if (values.seed !== undefined && !/^\d+$/.test(values.seed.trim())) {
      throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
    }
    seed = values.seed === undefined ? 0 : Number(values.seed);
    if (seed > 0xffffffff) throw new UsageError(`--seed must be at most ${0xffffffff}, got ${values.seed}`);
    attributes = values.attributes?.split(',').map((name) => name.trim());
    json = values.json ?? false;
  } catch (error) {
    io.stderr(`plan-tables: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }

  let parsed: ParsedRegistrants;
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      throw new RegistrantsFileError(file, code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}`);
    }
    parsed = readRegistrantsCsv(text, file);
    for (const name of attributes ?? []) {
      if (!parsed.attributeColumns.includes(name)) {
        throw new RegistrantsFileError(
          file,
          `--attributes names "${name}", which is not an attribute column (${parsed.attributeColumns.join(', ') || 'none'})`,
        );
      }
    }
  } catch (error) {
    if (error instanceof RegistrantsFileError) {
      io.stderr(`plan-tables: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const result = planTables(parsed.registrants, {
    tableSize,
    seed,
    attributes: attributes ?? parsed.attributeColumns,
  });
  if (!result.ok) {
    const line = result.error.ids.length > 0 ? parsed.lineOfId.get(result.error.ids[0]!) : undefined;
    io.stderr(`plan-tables: ${file}${line === undefined ? '' : ` line ${line}`}: ${result.error.message}\n`);
    return 1;
  }
  const output: PlanTablesJson = { tables: result.value.tables, score: result.value.score };
  io.stdout(json ? `${JSON.stringify(output)}\n` : describePlan(output, tableSize, seed));
  return 0;
}

function describePlan(plan: PlanTablesJson, tableSize: TableSize, seed: number): string {
  const people = plan.tables.reduce((sum, table) => sum + table.ids.length, 0);
  const size = typeof tableSize === 'number' ? `at most ${tableSize}` : `${tableSize.min}–${tableSize.max}`;
  const lines = [
    `${plan.tables.length} table(s) for ${people} registrant(s), ${size} per table (seed ${seed}).`,
    `Mixing ${plan.score.mixing.toFixed(2)} (1 = every table in the room's proportions).`,
    ...plan.score.attributes.map(
      (attribute) =>
        `  ${attribute.name}: at least ${attribute.minDistinct} of ${attribute.values} at every table ` +
        `(mean ${attribute.meanDistinct.toFixed(2)}), balance ${attribute.balance.toFixed(2)}`,
    ),
    '',
    ...plan.tables.map((table, index) => {
      const score = plan.score.tables[index]!;
      const distinct = Object.entries(score.distinct)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ');
      return `Table ${table.table} (${table.ids.length}; mixing ${score.mixing.toFixed(2)}${distinct ? `; ${distinct}` : ''}): ${table.ids.join(', ')}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
