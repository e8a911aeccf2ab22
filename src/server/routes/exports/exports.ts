import { randomInt } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { analysisSummarySchema, type ExportFile } from '../../../contract/index.js';
import type { ReviewRow, Store } from '../../../store/store.js';
import { AppError } from '../../errors.js';
import { buildResults } from '../results/build-results.js';

type Row = Record<string, string | number | boolean | null>;

/** What one export file holds: rows for CSV (with their columns in order) and the value for JSON. */
interface Dataset {
  columns: string[];
  rows: Row[];
  json: unknown;
}

/**
 * Random pseudonyms for one export: the participants are shuffled and numbered P1, P2…, so the same
 * person has a different pseudonym in every export and the numbering says nothing about who joined
 * first. The mapping lives only in this function.
 */
export function pseudonymise(participantIds: readonly number[]): Map<number, string> {
  const distinct = [...new Set(participantIds)];
  for (let index = distinct.length - 1; index > 0; index--) {
    const swap = randomInt(index + 1);
    [distinct[index], distinct[swap]] = [distinct[swap] as number, distinct[index] as number];
  }
  return new Map(distinct.map((participantId, position) => [participantId, `P${position + 1}`]));
}

async function statementsDataset(store: Store, review: ReviewRow): Promise<Dataset> {
  const [statements, tallies] = await Promise.all([store.listStatements(review.id), store.statementTallies(review.id)]);
  // Authorship is left out: who wrote a statement is not part of the results.
  const rows = statements.map((statement) => ({
    statement_id: statement.id,
    text: statement.text,
    origin: statement.origin,
    moderation: statement.moderation,
    is_meta: statement.isMeta,
    created_at: statement.createdAt,
    agree: tallies.get(statement.id)?.agree ?? 0,
    disagree: tallies.get(statement.id)?.disagree ?? 0,
    pass: tallies.get(statement.id)?.pass ?? 0,
  }));
  return { columns: Object.keys(rows[0] ?? statementColumns), rows, json: rows };
}
const statementColumns = {
  statement_id: 0,
  text: 0,
  origin: 0,
  moderation: 0,
  is_meta: 0,
  created_at: 0,
  agree: 0,
  disagree: 0,
  pass: 0,
};

async function votesDataset(store: Store, review: ReviewRow): Promise<Dataset> {
  const votes = await store.listCurrentVotes(review.id);
  const pseudonyms = pseudonymise(votes.map((vote) => vote.participantId));
  // No vote times: with them, a vote could be matched to a visit in a server log. Sorted by pseudonym
  // so the row order does not keep the original participant order either.
  const rows = votes
    .map((vote) => ({
      participant: pseudonyms.get(vote.participantId) ?? '',
      statement_id: vote.statementId,
      vote: vote.value,
    }))
    .sort((a, b) => Number(a.participant.slice(1)) - Number(b.participant.slice(1)) || a.statement_id - b.statement_id);
  return { columns: ['participant', 'statement_id', 'vote'], rows, json: rows };
}

async function groupsDataset(store: Store, review: ReviewRow): Promise<Dataset> {
  const latest = await store.latestAnalysis(review.id);
  if (!latest) throw new AppError('analysis_not_ready', 'This review has no analysis yet, so no groups to export.');
  const summary = analysisSummarySchema
    .omit({ version: true, createdAt: true, voteEventCount: true })
    .parse(JSON.parse(latest.result));
  const sizes = new Map(summary.groups.map((group) => [group.label, group.size]));
  const rows = summary.statements.flatMap((statement) =>
    statement.groups.map((cell) => ({
      analysis_version: latest.version,
      group: cell.label,
      group_size: sizes.get(cell.label) ?? 0,
      statement_id: statement.statementId,
      agree: cell.agree,
      disagree: cell.disagree,
      pass: cell.pass,
      agree_rate: cell.agreeRate,
      agree_lower: cell.lower,
      agree_upper: cell.upper,
      representative: statement.representativeFor.find((entry) => entry.label === cell.label)?.repfulFor ?? '',
      common_ground: statement.commonGround,
    })),
  );
  return {
    columns: Object.keys(rows[0] ?? { analysis_version: 0, group: 0, group_size: 0, statement_id: 0 }),
    rows,
    json: {
      version: latest.version,
      createdAt: latest.createdAt,
      groups: summary.groups.map((group) => ({
        label: group.label,
        size: group.size,
        statements: rows.filter((row) => row.group === group.label),
      })),
    },
  };
}

async function reportDataset(store: Store, review: ReviewRow): Promise<Dataset> {
  // The same figures as the public page (suppressed), without anyone's own position.
  const { map: _map, ...report } = await buildResults(store, review, undefined);
  const rows: Row[] = [];
  const add = (row: Partial<Row> & { section: string; measure: string; value: number | string | null }) =>
    rows.push({ statement_id: null, text: null, group: null, question: null, option: null, ...row });
  for (const [measure, value] of Object.entries(report.counts)) add({ section: 'counts', measure, value });
  for (const group of report.groups) {
    add({ section: 'groups', group: group.label, measure: 'size', value: group.size });
    for (const statement of group.statements) {
      const base = { section: 'groups', statement_id: statement.statementId, text: statement.text, group: group.label };
      add({ ...base, measure: `representative_${statement.repfulFor}`, value: statement.group.agreeRate });
    }
  }
  for (const statement of report.commonGround) {
    const base = { section: 'common_ground', statement_id: statement.statementId, text: statement.text };
    for (const group of statement.groups) {
      add({ ...base, group: group.label, measure: 'agree_rate', value: group.agreeRate });
      add({ ...base, group: group.label, measure: 'agree_lower', value: group.lower });
      add({ ...base, group: group.label, measure: 'agree_upper', value: group.upper });
    }
    for (const question of statement.declared) {
      for (const option of question.options) {
        const where = { ...base, question: question.prompt, option: option.label };
        add({ ...where, measure: 'voters', value: option.voters ?? 'suppressed' });
        add({ ...where, measure: 'agree_rate', value: option.rate?.agreeRate ?? 'suppressed' });
        add({ ...where, measure: 'agree_lower', value: option.rate?.lower ?? 'suppressed' });
        add({ ...where, measure: 'agree_upper', value: option.rate?.upper ?? 'suppressed' });
      }
    }
  }
  for (const statement of report.divides) {
    add({
      section: 'divides',
      statement_id: statement.statementId,
      text: statement.text,
      measure: 'divisiveness',
      value: statement.divisiveness,
    });
  }
  for (const surprise of report.surprises) {
    const base = {
      section: 'surprises',
      statement_id: surprise.statementId,
      text: surprise.text,
      question: surprise.prompt,
    };
    add({ ...base, option: surprise.label, measure: 'agree_rate', value: surprise.rate.agreeRate });
    add({ ...base, option: surprise.ally, measure: 'ally_agree_rate', value: surprise.allyRate.agreeRate });
  }
  for (const breakdown of report.breakdowns) {
    breakdown.rows.forEach((rowLabel, row) => {
      const option = rowLabel ?? '(no answer)';
      breakdown.columns.forEach((column, position) => {
        add({
          section: 'breakdowns',
          question: breakdown.prompt,
          option,
          group: column === null ? 'not in a group' : column,
          measure: 'people',
          value: breakdown.table.cells[row]?.[position] ?? 'suppressed',
        });
      });
      add({
        section: 'breakdowns',
        question: breakdown.prompt,
        option,
        measure: 'people_total',
        value: breakdown.table.rowTotals[row] ?? 'suppressed',
      });
    });
  }
  return {
    columns: ['section', 'statement_id', 'text', 'group', 'question', 'option', 'measure', 'value'],
    rows,
    json: report,
  };
}

const builders = {
  statements: statementsDataset,
  votes: votesDataset,
  groups: groupsDataset,
  report: reportDataset,
} as const;

/**
 * A cell a spreadsheet would run as a formula (statement texts are written by participants) is
 * prefixed with an apostrophe, as OWASP advises against CSV injection.
 */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The export file's body and content type. */
export async function buildExport(
  store: Store,
  review: ReviewRow,
  file: ExportFile,
): Promise<{ body: string; contentType: string }> {
  const [dataset, format] = file.split('.') as [keyof typeof builders, 'csv' | 'json'];
  const data = await builders[dataset](store, review);
  if (format === 'json') {
    return { body: JSON.stringify(data.json, null, 2), contentType: 'application/json; charset=utf-8' };
  }
  const body = stringify(data.rows, {
    header: true,
    columns: data.columns,
    cast: { boolean: (value) => (value ? '1' : '0'), string: defuse },
  });
  return { body, contentType: 'text/csv; charset=utf-8' };
}
