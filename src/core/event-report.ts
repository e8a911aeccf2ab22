/**
 * The event report's life: a draft while the event runs, then open for suggestions from the people
 * who came for 72 hours after the host marks the event finished, then locked and public. Pure: the
 * caller passes the time.
 */

export const outcomeKinds = ['agreement', 'disagreement', 'question', 'action'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export type ReportPhase = 'draft' | 'open' | 'locked';

/** How long attendees may suggest changes once the event has finished. */
export const suggestionWindowHours = 72;

/** When the report locks: `finishedAt` plus the suggestion window; null while unfinished. */
export function reportLocksAt(finishedAt: string | null): string | null {
  if (finishedAt === null) return null;
  return new Date(Date.parse(finishedAt) + suggestionWindowHours * 3_600_000).toISOString();
}

/** draft → open for suggestions (from `finishedAt`) → locked (at `finishedAt` + 72 h). */
export function reportPhase(finishedAt: string | null, now: string): ReportPhase {
  const locksAt = reportLocksAt(finishedAt);
  if (locksAt === null) return 'draft';
  return Date.parse(now) < Date.parse(locksAt) ? 'open' : 'locked';
}

/** Hosts edit outcomes and decide suggestions until the report locks. */
export function reportEditable(phase: ReportPhase): boolean {
  return phase !== 'locked';
}

/** Only the locked report is public; before then only hosts and checked-in attendees read it. */
export function reportPublic(phase: ReportPhase): boolean {
  return phase === 'locked';
}

export interface ReportOutcome {
  id: number;
  kind: OutcomeKind;
  text: string;
}

export interface ReportStatement {
  text: string;
}

export interface EventReportContent {
  summary: string;
  /** Outcomes per kind, in the order captured. */
  sections: Array<{ kind: OutcomeKind; items: Array<{ id: number; text: string }> }>;
  /** Statements the event put to the review. */
  statements: string[];
}

/**
 * The report from what was captured. It takes outcome and statement texts only, so no attendee's
 * name can reach it; empty kinds are left out.
 */
export function buildEventReport(
  summary: string,
  outcomes: readonly ReportOutcome[],
  statements: readonly ReportStatement[],
): EventReportContent {
  return {
    summary,
    sections: outcomeKinds
      .map((kind) => ({
        kind,
        items: outcomes.filter((outcome) => outcome.kind === kind).map(({ id, text }) => ({ id, text })),
      }))
      .filter((section) => section.items.length > 0),
    statements: statements.map((statement) => statement.text),
  };
}
