import { parse } from 'csv-parse/sync';

/**
 * Reading a member list for invitations: a header line naming `email`, optionally `name`, and any
 * identity questions whose answers the organiser already knows (a column per question, headed by the
 * question's prompt or its kind, holding option labels).
 *
 * Either every line is good and the members come back, or every bad line is reported with its line
 * number, the column at fault and why, so the organiser can fix the whole file in one go. Nothing
 * here touches the database: which addresses are already invited is passed in.
 */

export const memberListLimits = {
  maxMembers: 10_000,
  maxColumns: 40,
  emailMaxLength: 254,
  nameMaxLength: 200,
} as const;

/** Stable problem codes, so the browser can say each in the reader's language. */
export type MemberListProblemCode =
  | 'empty_file'
  | 'no_members'
  | 'csv_syntax'
  | 'missing_column'
  | 'duplicate_column'
  | 'blank_column_name'
  | 'unknown_column'
  | 'ambiguous_column'
  | 'too_many_columns'
  | 'too_many_members'
  | 'column_count'
  | 'missing_value'
  | 'bad_email'
  | 'duplicate_email'
  | 'already_invited'
  | 'too_long'
  | 'unknown_option';

export interface MemberListProblem {
  /** 1-based line of the file. */
  line: number;
  /** The column's name as the header spells it, or null when the whole line is at fault. */
  column: string | null;
  code: MemberListProblemCode;
  /** English, for logs and API clients; the browser words it from `code` and `params`. */
  message: string;
  params?: Record<string, string | number>;
}

/** An identity question as the reader needs it. */
export interface MemberListQuestion {
  id: number;
  prompt: string;
  kind: string;
  options: ReadonlyArray<{ id: number; label: string }>;
}

export interface MemberListEntry {
  line: number;
  /** Trimmed and lower-cased, so one address cannot be invited twice under two spellings. */
  email: string;
  name: string | null;
  answers: Array<{ questionId: number; optionId: number }>;
}

export type MemberListResult = { ok: true; members: MemberListEntry[] } | { ok: false; problems: MemberListProblem[] };

const emailHeaders = new Set(['email', 'e-mail', 'email address', 'e-mail address', 'e-bost', 'cyfeiriad e-bost']);
const nameHeaders = new Set(['name', 'full name', 'enw']);

/** Deliberately plain: one @, no spaces, a dot in the domain. The mail server has the last word. */
const emailPattern = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

type ColumnRole =
  | { kind: 'email' }
  | { kind: 'name' }
  | { kind: 'question'; question: MemberListQuestion }
  | { kind: 'ignored' };

interface CsvRecord {
  line: number;
  values: string[];
}

export function parseMemberList(
  text: string,
  questions: readonly MemberListQuestion[],
  alreadyInvited: ReadonlySet<string>,
): MemberListResult {
  const { records, problems } = readRecords(text);
  const [header, ...rows] = records;
  if (header === undefined) {
    if (problems.length > 0) return { ok: false, problems };
    return fail({
      line: 1,
      column: null,
      code: 'empty_file',
      message: 'The list is empty: it needs a header line (email,name) and one line per member.',
    });
  }
  const { roles, problems: headerProblems } = readHeader(header, rows, questions);
  problems.push(...headerProblems);
  // An unclosed quote swallows the lines after it; "no members" would only repeat that fault.
  if (rows.length === 0 && problems.length === 0) {
    problems.push({
      line: header.line,
      column: null,
      code: 'no_members',
      message: 'The list has a header line but no members under it.',
    });
  }
  if (rows.length > memberListLimits.maxMembers) {
    const firstExtra = rows[memberListLimits.maxMembers];
    return fail({
      line: firstExtra?.line ?? header.line,
      column: null,
      code: 'too_many_members',
      message: `A list holds at most ${memberListLimits.maxMembers} members; split this one (${rows.length}) into several files.`,
      params: { max: memberListLimits.maxMembers, found: rows.length },
    });
  }
  // Row checks need to know which column is which; without a good header they would only add noise.
  if (headerProblems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const members: MemberListEntry[] = [];
  const firstLineOf = new Map<string, number>();
  const headerNames = header.values.map((value) => value.trim());
  for (const row of rows) {
    const extra = row.values.slice(headerNames.length).filter((value) => value.trim() !== '');
    if (extra.length > 0) {
      problems.push({
        line: row.line,
        column: null,
        code: 'column_count',
        message: `This line has more values than the header has columns (${headerNames.length}); a value with a comma needs quotes ("Jones, Ann").`,
        params: { expected: headerNames.length, found: row.values.length },
      });
      continue;
    }
    let email = '';
    let name: string | null = null;
    const answers: MemberListEntry['answers'] = [];
    for (const [index, role] of roles.entries()) {
      const value = (row.values[index] ?? '').trim();
      const column = headerNames[index] ?? '';
      if (role.kind === 'email') {
        email = value.toLowerCase();
        const problem = checkEmail(email, row.line, column, firstLineOf, alreadyInvited);
        if (problem) problems.push(problem);
        else firstLineOf.set(email, row.line);
      } else if (role.kind === 'name') {
        if (value.length > memberListLimits.nameMaxLength) {
          problems.push({
            line: row.line,
            column,
            code: 'too_long',
            message: `A name has at most ${memberListLimits.nameMaxLength} characters.`,
            params: { max: memberListLimits.nameMaxLength },
          });
        }
        name = value === '' ? null : value;
      } else if (role.kind === 'question' && value !== '') {
        const option = role.question.options.find((candidate) => sameText(candidate.label, value));
        if (option) {
          answers.push({ questionId: role.question.id, optionId: option.id });
        } else {
          problems.push({
            line: row.line,
            column,
            code: 'unknown_option',
            message: `"${value}" is not an answer to "${role.question.prompt}"; use one of its options exactly as the question lists them${optionHint(role.question)}.`,
            params: { value, question: role.question.prompt },
          });
        }
      }
    }
    members.push({ line: row.line, email, name, answers });
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, members };
}

function checkEmail(
  email: string,
  line: number,
  column: string,
  firstLineOf: ReadonlyMap<string, number>,
  alreadyInvited: ReadonlySet<string>,
): MemberListProblem | undefined {
  if (email === '') {
    return { line, column, code: 'missing_value', message: 'Every member needs an email address.' };
  }
  if (email.length > memberListLimits.emailMaxLength || !emailPattern.test(email)) {
    return {
      line,
      column,
      code: 'bad_email',
      message: `"${email}" is not an email address.`,
      params: { value: email },
    };
  }
  const firstLine = firstLineOf.get(email);
  if (firstLine !== undefined) {
    return {
      line,
      column,
      code: 'duplicate_email',
      message: `${email} is already on line ${firstLine} of this list; each member is invited once.`,
      params: { value: email, firstLine },
    };
  }
  if (alreadyInvited.has(email)) {
    return {
      line,
      column,
      code: 'already_invited',
      message: `${email} has already been invited to this review; resend that invitation instead.`,
      params: { value: email },
    };
  }
  return undefined;
}

/** What each header column is: email, name, an identity question, or (blank and empty) nothing. */
function readHeader(
  header: CsvRecord,
  rows: readonly CsvRecord[],
  questions: readonly MemberListQuestion[],
): { roles: ColumnRole[]; problems: MemberListProblem[] } {
  const problems: MemberListProblem[] = [];
  const names = header.values.map((value) => value.trim());
  if (names.length > memberListLimits.maxColumns) {
    problems.push({
      line: header.line,
      column: null,
      code: 'too_many_columns',
      message: `A member list has at most ${memberListLimits.maxColumns} columns; this header has ${names.length}.`,
      params: { max: memberListLimits.maxColumns, found: names.length },
    });
    return { roles: [], problems };
  }
  const roles: ColumnRole[] = [];
  const claimedBy = new Map<string, string>();
  for (const [index, name] of names.entries()) {
    if (name === '') {
      // Spreadsheets often save a trailing empty column; only a blank header with values is a fault.
      if (rows.some((row) => (row.values[index] ?? '').trim() !== '')) {
        problems.push({
          line: header.line,
          column: `#${index + 1}`,
          code: 'blank_column_name',
          message: `Column ${index + 1} of the header has no name, but lines below have values in it.`,
          params: { position: index + 1 },
        });
      }
      roles.push({ kind: 'ignored' });
      continue;
    }
    const role = columnRole(name, questions);
    if ('problem' in role) {
      problems.push({ line: header.line, column: name, ...role.problem });
      roles.push({ kind: 'ignored' });
      continue;
    }
    const key = role.kind === 'question' ? `question:${role.question.id}` : role.kind;
    const earlier = claimedBy.get(key);
    if (earlier !== undefined) {
      problems.push({
        line: header.line,
        column: name,
        code: 'duplicate_column',
        message: `The columns "${earlier}" and "${name}" are the same column; keep one.`,
        params: { other: earlier },
      });
    }
    claimedBy.set(key, name);
    roles.push(role);
  }
  if (!claimedBy.has('email')) {
    problems.push({
      line: header.line,
      column: 'email',
      code: 'missing_column',
      message: 'The header needs an "email" column.',
    });
  }
  return { roles, problems };
}

function columnRole(
  name: string,
  questions: readonly MemberListQuestion[],
): ColumnRole | { problem: Pick<MemberListProblem, 'code' | 'message' | 'params'> } {
  const normalised = normalise(name);
  if (emailHeaders.has(normalised)) return { kind: 'email' };
  if (nameHeaders.has(normalised)) return { kind: 'name' };
  const byPrompt = questions.find((question) => normalise(question.prompt) === normalised);
  if (byPrompt) return { kind: 'question', question: byPrompt };
  const byKind = questions.filter((question) => question.kind === normalised);
  if (byKind.length === 1 && byKind[0]) return { kind: 'question', question: byKind[0] };
  if (byKind.length > 1) {
    return {
      problem: {
        code: 'ambiguous_column',
        message: `${byKind.length} questions are about "${name}"; head the column with the question itself instead.`,
        params: { count: byKind.length },
      },
    };
  }
  return {
    problem: {
      code: 'unknown_column',
      message: `"${name}" is not a column a member list can have: use email, name, or an identity question of this review (its wording or its kind).`,
    },
  };
}

/** Up to five options, so a place list of hundreds does not flood the message. */
function optionHint(question: MemberListQuestion): string {
  const labels = question.options.slice(0, 5).map((option) => option.label);
  const more = question.options.length > labels.length ? ', …' : '';
  return labels.length > 0 ? ` (${labels.join(', ')}${more})` : '';
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameText(a: string, b: string): boolean {
  return normalise(a) === normalise(b);
}

function fail(problem: MemberListProblem): MemberListResult {
  return { ok: false, problems: [problem] };
}

function sortProblems(problems: MemberListProblem[]): MemberListProblem[] {
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * Every record with the line it starts on, and the syntax errors (a stray or unclosed quote) as
 * problems. Commas and tabs both separate values, so a list pasted from a spreadsheet reads too.
 */
function readRecords(text: string): { records: CsvRecord[]; problems: MemberListProblem[] } {
  const problems: MemberListProblem[] = [];
  const lines: number[] = [];
  let lastGoodLine = 0;
  const values: string[][] = parse(text, {
    bom: true,
    delimiter: [',', '\t'],
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context) => {
      lastGoodLine = context.lines;
      // csv-parse counts the line a record ends on; a quoted value may span lines, so count back.
      const spanned = record.reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
      lines.push(context.lines - spanned);
      return record;
    },
    on_skip: (error) => {
      if (error === undefined) return undefined;
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
      problems.push({
        line: unclosed ? lastGoodLine + 1 : Number(error.lines ?? lastGoodLine + 1),
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
