import { parse } from 'csv-parse/sync';

/**
 * Reading a place list (seats, wards, branches…) from CSV: a header row naming at least `code`, `name`
 * and `region`, optionally `name_cy` (the Welsh name), and any further columns, which are kept as the
 * place's attributes ("held", "lost in 2019"…).
 *
 * Either every line is good and the places come back, or every bad line is reported with its line
 * number, the column at fault and why, so an organiser can fix the whole file in one go.
 */

export const placeListLimits = {
  maxPlaces: 5_000,
  maxColumns: 40,
  codeMaxLength: 40,
  /** A place's name becomes an identity option's label, so the option limit applies. */
  nameMaxLength: 120,
  regionMaxLength: 120,
  attributeNameMaxLength: 60,
  attributeValueMaxLength: 200,
} as const;

/** Stable problem codes, so the browser can say each in the reader's language. */
export type PlaceCsvProblemCode =
  | 'empty_file'
  | 'no_places'
  | 'csv_syntax'
  | 'missing_column'
  | 'duplicate_column'
  | 'blank_column_name'
  | 'too_many_columns'
  | 'too_many_places'
  | 'column_count'
  | 'missing_value'
  | 'duplicate_code'
  | 'too_long';

export interface PlaceCsvProblem {
  /** 1-based line of the file. */
  line: number;
  /** The column's name as the header spells it, or null when the whole line is at fault. */
  column: string | null;
  code: PlaceCsvProblemCode;
  message: string;
  /** Numbers the message mentions (expected and found counts, the first line of a duplicate…). */
  params?: Record<string, number>;
}

export interface ParsedPlace {
  code: string;
  name: string;
  nameCy: string | null;
  region: string;
  attributes: Record<string, string>;
}

export type PlaceCsvResult =
  | { ok: true; places: ParsedPlace[]; attributeColumns: string[] }
  | { ok: false; problems: PlaceCsvProblem[] };

const requiredColumns = ['code', 'name', 'region'] as const;
const welshNameColumn = 'name_cy';

interface CsvRecord {
  line: number;
  values: string[];
}

export function parsePlaceCsv(text: string): PlaceCsvResult {
  const { records, problems: syntaxProblems } = readRecords(text);
  const [header, ...rows] = records;
  if (header === undefined) {
    if (syntaxProblems.length > 0) return { ok: false, problems: syntaxProblems };
    return fail({
      line: 1,
      column: null,
      code: 'empty_file',
      message: 'The file is empty: it needs a header line (code,name,region) and one line per place.',
    });
  }

  const headerProblems = checkHeader(header);
  if (headerProblems.length > 0) return { ok: false, problems: [...headerProblems, ...syntaxProblems] };
  const names = header.values.map((value) => value.trim());
  const indexOf = (column: string) => names.findIndex((name) => name.toLowerCase() === column);
  const codeIndex = indexOf('code');
  const nameIndex = indexOf('name');
  const regionIndex = indexOf('region');
  const welshIndex = indexOf(welshNameColumn);
  const attributeIndices = names
    .map((name, index) => ({ name, index }))
    .filter(({ index }) => ![codeIndex, nameIndex, regionIndex, welshIndex].includes(index));

  if (rows.length === 0 && syntaxProblems.length === 0) {
    return fail({
      line: header.line,
      column: null,
      code: 'no_places',
      message: 'The file has a header but no places: add one line per place under it.',
    });
  }
  if (rows.length > placeListLimits.maxPlaces) {
    const firstOver = rows[placeListLimits.maxPlaces] as CsvRecord;
    return fail({
      line: firstOver.line,
      column: null,
      code: 'too_many_places',
      message: `A place list has at most ${placeListLimits.maxPlaces} places; this file has ${rows.length}.`,
      params: { max: placeListLimits.maxPlaces, found: rows.length },
    });
  }

  const problems: PlaceCsvProblem[] = [...syntaxProblems];
  const firstLineOfCode = new Map<string, number>();
  const places: ParsedPlace[] = [];
  for (const row of rows) {
    if (row.values.length !== names.length) {
      problems.push({
        line: row.line,
        column: null,
        code: 'column_count',
        message: `This line has ${row.values.length} values but the header has ${names.length} columns.`,
        params: { expected: names.length, found: row.values.length },
      });
      continue;
    }
    const value = (index: number) => (row.values[index] ?? '').trim();
    const rowProblems: PlaceCsvProblem[] = [];
    const need = (index: number, what: string) => {
      if (value(index) === '') {
        rowProblems.push({
          line: row.line,
          column: names[index] as string,
          code: 'missing_value',
          message: `A place needs a ${what}.`,
        });
      }
    };
    const fits = (index: number, max: number) => {
      if (value(index).length > max) {
        rowProblems.push({
          line: row.line,
          column: names[index] as string,
          code: 'too_long',
          message: `At most ${max} characters here; this has ${value(index).length}.`,
          params: { max, found: value(index).length },
        });
      }
    };
    need(codeIndex, 'code');
    need(nameIndex, 'name');
    fits(codeIndex, placeListLimits.codeMaxLength);
    fits(nameIndex, placeListLimits.nameMaxLength);
    fits(regionIndex, placeListLimits.regionMaxLength);
    if (welshIndex >= 0) fits(welshIndex, placeListLimits.nameMaxLength);
    for (const { index } of attributeIndices) fits(index, placeListLimits.attributeValueMaxLength);

    const code = value(codeIndex);
    // Codes compare without case: "e14001063" and "E14001063" are one seat typed twice.
    const codeKey = code.toUpperCase();
    const earlier = code === '' ? undefined : firstLineOfCode.get(codeKey);
    if (earlier !== undefined) {
      rowProblems.push({
        line: row.line,
        column: names[codeIndex] as string,
        code: 'duplicate_code',
        message: `The code "${code}" is already used on line ${earlier}; each place needs its own code.`,
        params: { firstLine: earlier },
      });
    } else if (code !== '') {
      firstLineOfCode.set(codeKey, row.line);
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const welshName = welshIndex >= 0 ? value(welshIndex) : '';
    places.push({
      code,
      name: value(nameIndex),
      nameCy: welshName === '' ? null : welshName,
      region: value(regionIndex),
      attributes: Object.fromEntries(attributeIndices.map(({ name, index }) => [name, value(index)])),
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, places, attributeColumns: attributeIndices.map(({ name }) => name) };
}

function fail(problem: PlaceCsvProblem): PlaceCsvResult {
  return { ok: false, problems: [problem] };
}

/**
 * Every record with the line it ends on, and the syntax errors (a stray or unclosed quote) as
 * problems. Records with a syntax error are skipped rather than ending the read, so one bad quote
 * does not hide the problems on every other line.
 */
function readRecords(text: string): { records: CsvRecord[]; problems: PlaceCsvProblem[] } {
  const problems: PlaceCsvProblem[] = [];
  const lines: number[] = [];
  let lastGoodLine = 0;
  const values = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, context) => {
      lastGoodLine = context.lines;
      lines.push(context.lines);
      return record;
    },
    on_skip: (error) => {
      if (error === undefined) return undefined;
      // An unclosed quote is only noticed at the end of the file; it opened after the last good record.
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
      const line = unclosed ? lastGoodLine + 1 : Number(error.lines ?? lastGoodLine + 1);
      // After a stray quote the reader may trip again on the rest of the same line: one report a line.
      if (problems.some((problem) => problem.line === line)) return undefined;
      problems.push({
        line,
        column: null,
        code: 'csv_syntax',
        message: unclosed
          ? 'A quoted value starting on this line is never closed: every " that opens a value needs one that closes it.'
          : 'A quote is out of place on this line: a value with quotes must be wholly inside "…", with any " inside it doubled ("").',
      });
      return undefined;
    },
  });
  const records = values.map((record, index) => ({ line: lines[index] ?? 0, values: record }));
  // A line holding only separators (",,") is as empty as a blank line.
  return { records: records.filter((record) => record.values.some((value) => value.trim() !== '')), problems };
}

function checkHeader(header: CsvRecord): PlaceCsvProblem[] {
  const problems: PlaceCsvProblem[] = [];
  const names = header.values.map((value) => value.trim());
  if (names.length > placeListLimits.maxColumns) {
    problems.push({
      line: header.line,
      column: null,
      code: 'too_many_columns',
      message: `A place list has at most ${placeListLimits.maxColumns} columns; this header has ${names.length}.`,
      params: { max: placeListLimits.maxColumns, found: names.length },
    });
  }
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (name === '') {
      problems.push({
        line: header.line,
        column: `#${index + 1}`,
        code: 'blank_column_name',
        message: `Column ${index + 1} of the header has no name.`,
        params: { position: index + 1 },
      });
      continue;
    }
    if (name.length > placeListLimits.attributeNameMaxLength) {
      problems.push({
        line: header.line,
        column: name.slice(0, placeListLimits.attributeNameMaxLength),
        code: 'too_long',
        message: `A column name has at most ${placeListLimits.attributeNameMaxLength} characters.`,
        params: { max: placeListLimits.attributeNameMaxLength, found: name.length },
      });
    }
    const key = name.toLowerCase();
    if (seen.has(key)) {
      problems.push({
        line: header.line,
        column: name,
        code: 'duplicate_column',
        message: `The header names "${name}" twice.`,
      });
    }
    seen.add(key);
  }
  for (const column of requiredColumns) {
    if (!seen.has(column)) {
      problems.push({
        line: header.line,
        column,
        code: 'missing_column',
        message: `The header needs a "${column}" column (the header line must name code, name and region).`,
      });
    }
  }
  return problems;
}
