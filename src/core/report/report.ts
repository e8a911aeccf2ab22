/**
 * The review report: one pure function from a stored analysis (and the few rows it names) to every
 * figure the results page, the report export and the printed report show. Everything about declared
 * groups (traditions, seats…) passes small-cell suppression here, so no caller can forget it.
 */
import { wilsonInterval } from '../analysis/common-ground.js';
import { suppressSmallCells } from '../small-cells.js';
import { buildOpinionMap, type MapPoint, type OpinionMap, projectVotes } from './opinion-map.js';
import { defaultSmallCellThreshold, type SuppressedTable, suppressTable } from './suppression.js';

/** Thresholds of the analysis and of this report, published in the method section. */
export const reportMethod = {
  /** A participant joins the opinion groups after voting on this many statements (or all, if fewer). */
  minVotesForGroups: 7,
  /** Opinion groups: between 2 and this many, the number chosen by silhouette. */
  maxGroups: 5,
  /** Confidence of every interval and test (one-tailed), as Pol.is. */
  confidence: 0.9,
  /** Common ground: in every opinion group, the lower bound of the agree rate is above this… */
  commonGroundAgree: 0.5,
  /** …and in every declared group with at least `declaredMinVoters` voters, the agree rate reaches it. */
  declaredMinVoters: 5,
  /** Counts of fewer people than this about a declared group are never published. */
  smallCellThreshold: defaultSmallCellThreshold,
  /** Divides listed: the statements that split the opinion groups most. */
  dividesShown: 5,
  /** Surprise: usual allies differ by at most this on average… */
  surpriseUsualGap: 0.15,
  /** …and by at least this on the statement, with intervals that do not overlap. */
  surpriseGap: 0.25,
  /** Statements both groups answered with enough voters before allies are judged. */
  surpriseMinShared: 5,
  representativeShown: 5,
} as const;

export interface RateCell {
  readonly agree: number;
  readonly disagree: number;
  readonly pass: number;
  readonly agreeRate: number;
  readonly lower: number;
  readonly upper: number;
}

/** What the report reads from a stored analysis (the shape the worker saves). */
export interface ReportAnalysis {
  readonly version: number;
  readonly createdAt: string;
  readonly participantCount: number;
  readonly participantsInConversation: number;
  readonly groups: ReadonlyArray<{ readonly label: number; readonly size: number }>;
  readonly statements: ReadonlyArray<{
    readonly statementId: number;
    readonly active: boolean;
    readonly divisiveness: number;
    readonly commonGround: boolean;
    readonly representativeFor: ReadonlyArray<{ readonly label: number; readonly repfulFor: 'agree' | 'disagree' }>;
    readonly groups: ReadonlyArray<RateCell & { readonly label: number }>;
    readonly identity: ReadonlyArray<{
      readonly questionId: number;
      readonly options: ReadonlyArray<RateCell & { readonly optionIndex: number }>;
    }>;
  }>;
  readonly points: readonly MapPoint[];
  readonly projection?: { readonly center: number[]; readonly first: number[]; readonly second: number[] };
  readonly identityGroups?: ReadonlyArray<{ readonly questionId: number; readonly counts: number[][] }>;
}

export interface ReportInput {
  readonly analysis: ReportAnalysis;
  /** The statements anyone may read (shown and not meta), by id. */
  readonly statements: ReadonlyMap<number, string>;
  readonly questions: ReadonlyArray<{
    readonly id: number;
    readonly prompt: string;
    readonly kind: string;
    readonly options: ReadonlyArray<{ readonly label: string }>;
  }>;
  /** Everyone who joined, and every current vote, counted now. */
  readonly counts: { readonly participants: number; readonly votes: number };
  /** Current voters per statement id (the known total behind each statement's declared-group counts). */
  readonly statementVoters: ReadonlyMap<number, number>;
  /** The viewer's own votes (statement id → −1/0/1), when their cookie identifies them. */
  readonly viewerVotes?: ReadonlyMap<number, number>;
}

export interface GroupRate {
  label: number;
  voters: number;
  agreeRate: number;
  disagreeRate: number;
  passRate: number;
  lower: number;
  upper: number;
}

/** A declared group's rate on a statement; `voters` null means fewer than the threshold (or hidden as a complement). */
export interface DeclaredRate {
  label: string;
  voters: number | null;
  rate: { agreeRate: number; lower: number; upper: number } | null;
}

export interface Report {
  version: number;
  createdAt: string;
  counts: {
    participants: number;
    takingPart: number;
    inGroups: number;
    votes: number;
    statements: number;
    groups: number;
  };
  map: OpinionMap & { viewer: { x: number; y: number; nearestGroup: number | null } | null };
  groups: Array<{
    label: number;
    size: number;
    statements: Array<{
      statementId: number;
      text: string;
      repfulFor: 'agree' | 'disagree';
      group: GroupRate;
      /** Everyone in the other groups, together. */
      others: GroupRate;
    }>;
  }>;
  commonGround: Array<{
    statementId: number;
    text: string;
    groups: GroupRate[];
    declared: Array<{
      questionId: number;
      prompt: string;
      options: DeclaredRate[];
    }>;
  }>;
  divides: Array<{
    statementId: number;
    text: string;
    divisiveness: number;
    groups: GroupRate[];
  }>;
  surprises: Surprise[];
  breakdowns: Array<{
    questionId: number;
    prompt: string;
    kind: string;
    /** Row labels: the options, then null for "no answer". */
    rows: Array<string | null>;
    /** Column labels: the opinion groups, then null for "not in a group yet". */
    columns: Array<number | null>;
    table: SuppressedTable;
  }>;
  method: typeof reportMethod;
}

export interface Surprise {
  statementId: number;
  text: string;
  questionId: number;
  prompt: string;
  label: string;
  ally: string;
  /** Mean absolute difference of agree rates between the two over the statements both answered. */
  usualDifference: number;
  rate: { agreeRate: number; lower: number; upper: number };
  allyRate: { agreeRate: number; lower: number; upper: number };
}

function groupRate(cell: RateCell & { label: number }): GroupRate {
  const voters = cell.agree + cell.disagree + cell.pass;
  return {
    label: cell.label,
    voters,
    agreeRate: voters > 0 ? cell.agree / voters : 0,
    disagreeRate: voters > 0 ? cell.disagree / voters : 0,
    passRate: voters > 0 ? cell.pass / voters : 0,
    lower: cell.lower,
    upper: cell.upper,
  };
}

function pooledRate(cells: ReadonlyArray<RateCell>, label: number): GroupRate {
  let agree = 0;
  let disagree = 0;
  let pass = 0;
  for (const cell of cells) {
    agree += cell.agree;
    disagree += cell.disagree;
    pass += cell.pass;
  }
  const interval = wilsonInterval(agree, agree + disagree + pass);
  return groupRate({ label, agree, disagree, pass, agreeRate: interval.rate, ...interval });
}

type Statement = ReportAnalysis['statements'][number];

/**
 * Declared-group rates of one statement for one question, suppressed: the options' voter counts and
 * the "no answer" remainder add up to the statement's voters, which a reader may know, so they are
 * suppressed together as one line.
 */
function declaredRates(
  statement: Statement,
  question: ReportInput['questions'][number],
  totalVoters: number,
  threshold: number,
): DeclaredRate[] {
  const cells = statement.identity.find((entry) => entry.questionId === question.id)?.options ?? [];
  const voters = question.options.map((_, optionIndex) => {
    const cell = cells.find((entry) => entry.optionIndex === optionIndex);
    return cell ? cell.agree + cell.disagree + cell.pass : 0;
  });
  const noAnswer = Math.max(0, totalVoters - voters.reduce((sum, value) => sum + value, 0));
  // The "no answer" cell is never published, but it is suppressed with the others in case a reader
  // can work it out from elsewhere.
  const shown = suppressSmallCells([...voters, noAnswer], threshold).cells;
  return question.options.map((option, optionIndex) => {
    const display = shown[optionIndex];
    const count = display?.state === 'shown' ? display.value : null;
    const cell = cells.find((entry) => entry.optionIndex === optionIndex);
    return {
      label: option.label,
      voters: count,
      rate:
        count !== null && count > 0 && cell
          ? { agreeRate: cell.agreeRate, lower: cell.lower, upper: cell.upper }
          : null,
    };
  });
}

/** Builds the whole report. Pure: the same input gives the same report. */
export function buildReport(input: ReportInput): Report {
  const { analysis } = input;
  const method = reportMethod;
  const threshold = method.smallCellThreshold;
  const readable = analysis.statements.filter(
    (statement) => statement.active && input.statements.has(statement.statementId),
  );
  const textOf = (statement: Statement) => input.statements.get(statement.statementId) ?? '';
  const labels = analysis.groups.map((group) => group.label);

  const groups = analysis.groups.map((group) => ({
    label: group.label,
    size: group.size,
    statements: readable
      .flatMap((statement) => {
        const representative = statement.representativeFor.find((entry) => entry.label === group.label);
        const cell = statement.groups.find((entry) => entry.label === group.label);
        if (!representative || !cell) return [];
        return [
          {
            statementId: statement.statementId,
            text: textOf(statement),
            repfulFor: representative.repfulFor,
            group: groupRate(cell),
            others: pooledRate(
              statement.groups.filter((entry) => entry.label !== group.label),
              -1,
            ),
          },
        ];
      })
      .slice(0, method.representativeShown),
  }));

  const declaredFor = (statement: Statement) =>
    input.questions.map((question) => ({
      questionId: question.id,
      prompt: question.prompt,
      options: declaredRates(statement, question, input.statementVoters.get(statement.statementId) ?? 0, threshold),
    }));

  const weakestLower = (statement: Statement) => Math.min(...statement.groups.map((cell) => cell.lower), 1);
  const commonGround = readable
    .filter((statement) => statement.commonGround)
    .sort((a, b) => weakestLower(b) - weakestLower(a) || a.statementId - b.statementId)
    .map((statement) => ({
      statementId: statement.statementId,
      text: textOf(statement),
      groups: statement.groups.map(groupRate),
      declared: declaredFor(statement),
    }));

  const divides = readable
    .filter((statement) => statement.divisiveness > 0 && statement.groups.length > 1)
    .sort((a, b) => b.divisiveness - a.divisiveness || a.statementId - b.statementId)
    .slice(0, method.dividesShown)
    .map((statement) => ({
      statementId: statement.statementId,
      text: textOf(statement),
      divisiveness: statement.divisiveness,
      groups: statement.groups.map(groupRate),
    }));

  const surprises = findSurprises(
    readable.map((statement) => ({
      statementId: statement.statementId,
      text: textOf(statement),
      declared: declaredFor(statement),
    })),
  );

  const breakdowns = input.questions.flatMap((question) => {
    const stored = analysis.identityGroups?.find((entry) => entry.questionId === question.id);
    if (!stored) return [];
    return [
      {
        questionId: question.id,
        prompt: question.prompt,
        kind: question.kind,
        rows: [...question.options.map((option) => option.label), null],
        columns: [...labels, null],
        table: suppressTable(stored.counts, threshold),
      },
    ];
  });

  const opinionMap = buildOpinionMap(analysis.points);
  return {
    version: analysis.version,
    createdAt: analysis.createdAt,
    counts: {
      participants: input.counts.participants,
      takingPart: analysis.participantCount,
      inGroups: analysis.participantsInConversation,
      votes: input.counts.votes,
      statements: readable.length,
      groups: analysis.groups.length,
    },
    map: { ...opinionMap, viewer: viewerPosition(input, opinionMap) },
    groups,
    commonGround,
    divides,
    surprises,
    breakdowns,
    method,
  };
}

function viewerPosition(input: ReportInput, map: OpinionMap): Report['map']['viewer'] {
  const { projection } = input.analysis;
  if (!input.viewerVotes || !projection) return null;
  const positionOf = new Map(input.analysis.statements.map((statement, position) => [statement.statementId, position]));
  const votes = new Map<number, number>();
  for (const [statementId, value] of input.viewerVotes) {
    const position = positionOf.get(statementId);
    if (position !== undefined) votes.set(position, value);
  }
  const raw = projectVotes(
    { ...projection, active: input.analysis.statements.map((statement) => statement.active) },
    votes,
  );
  if (!raw) return null;
  const x = clamp(raw.x / map.scale);
  const y = clamp(raw.y / map.scale);
  let nearestGroup: number | null = null;
  let nearest = Number.POSITIVE_INFINITY;
  for (const group of map.groups) {
    const distance = (group.centre.x - x) ** 2 + (group.centre.y - y) ** 2;
    if (distance < nearest) {
      nearest = distance;
      nearestGroup = group.label;
    }
  }
  return { x, y, nearestGroup };
}

const clamp = (value: number) => Math.max(-1, Math.min(1, value));

/**
 * Surprises, in plain words: each declared group's "usual ally" is the other option of the same
 * question whose agree rates are closest to its own on average (over at least `surpriseMinShared`
 * statements where both have enough voters to be shown), and only when that average gap is small
 * (≤ `surpriseUsualGap`). A surprise is a statement where the two differ by at least `surpriseGap`
 * and their intervals do not overlap. Only published (unsuppressed) rates are used.
 */
export function findSurprises(
  statements: ReadonlyArray<{
    statementId: number;
    text: string;
    declared: ReadonlyArray<{ questionId: number; prompt: string; options: readonly DeclaredRate[] }>;
  }>,
): Surprise[] {
  const method = reportMethod;
  const surprises: Surprise[] = [];
  // A and B may each be the other's ally: report their split on a statement once.
  const seen = new Set<string>();
  const questions = statements[0]?.declared ?? [];
  for (const question of questions) {
    const optionCount = question.options.length;
    if (optionCount < 3) continue;
    const rateAt = (statement: (typeof statements)[number], option: number) =>
      statement.declared.find((entry) => entry.questionId === question.questionId)?.options[option]?.rate ?? null;
    for (let option = 0; option < optionCount; option++) {
      let ally = -1;
      let allyGap = Number.POSITIVE_INFINITY;
      for (let other = 0; other < optionCount; other++) {
        if (other === option) continue;
        let shared = 0;
        let gap = 0;
        for (const statement of statements) {
          const a = rateAt(statement, option);
          const b = rateAt(statement, other);
          if (!a || !b) continue;
          shared++;
          gap += Math.abs(a.agreeRate - b.agreeRate);
        }
        if (shared < method.surpriseMinShared) continue;
        if (gap / shared < allyGap) {
          allyGap = gap / shared;
          ally = other;
        }
      }
      if (ally < 0 || allyGap > method.surpriseUsualGap) continue;
      for (const statement of statements) {
        const rate = rateAt(statement, option);
        const allyRate = rateAt(statement, ally);
        if (!rate || !allyRate) continue;
        const apart = rate.lower > allyRate.upper || allyRate.lower > rate.upper;
        if (!apart || Math.abs(rate.agreeRate - allyRate.agreeRate) < method.surpriseGap) continue;
        const key = `${question.questionId}:${statement.statementId}:${Math.min(option, ally)}:${Math.max(option, ally)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        surprises.push({
          statementId: statement.statementId,
          text: statement.text,
          questionId: question.questionId,
          prompt: question.prompt,
          label: question.options[option]?.label ?? '',
          ally: question.options[ally]?.label ?? '',
          usualDifference: allyGap,
          rate,
          allyRate,
        });
      }
    }
  }
  return surprises
    .sort(
      (a, b) =>
        Math.abs(b.rate.agreeRate - b.allyRate.agreeRate) - Math.abs(a.rate.agreeRate - a.allyRate.agreeRate) ||
        a.statementId - b.statementId,
    )
    .slice(0, 10);
}
