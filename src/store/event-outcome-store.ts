/**
 * The run sheet, outcomes, report and volunteers parts of the Store (migration 0013), in their own
 * interfaces so `store.ts` only names them. Same conventions: ISO UTC times passed in, undefined
 * when nothing is found.
 */
export interface EventOutcomeStore {
  findRunSheet(eventId: number): Promise<RunSheetRow | undefined>;
  /** Replaces the whole agenda (add, remove, reorder, edit) and resets the run state. */
  replaceAgenda(input: {
    eventId: number;
    template: string | null;
    language: string;
    items: NewAgendaItem[];
    updatedAt: string;
  }): Promise<RunSheetRow>;
  /** Makes `itemId` the current item, started at `startedAt` (null: not running). */
  setCurrentAgendaItem(eventId: number, itemId: number | null, startedAt: string): Promise<RunSheetRow | undefined>;

  createOutcome(input: NewOutcome): Promise<OutcomeRow>;
  findOutcome(eventId: number, outcomeId: number): Promise<OutcomeRow | undefined>;
  updateOutcomeText(outcomeId: number, text: string, updatedAt: string): Promise<OutcomeRow | undefined>;
  deleteOutcome(eventId: number, outcomeId: number): Promise<boolean>;
  /** In the order captured. */
  listOutcomes(eventId: number): Promise<OutcomeRow[]>;

  linkEventStatement(input: { eventId: number; statementId: number; createdAt: string }): Promise<void>;
  /** Statements captured at the event, oldest first, with their moderation state. */
  listEventStatements(eventId: number): Promise<EventStatementRow[]>;
  /** The event each of these statements came from (statements from no event are left out). */
  findStatementEvents(statementIds: readonly number[]): Promise<Map<number, { eventId: number; title: string }>>;

  findReport(eventId: number): Promise<ReportRow | undefined>;
  saveReport(input: ReportRow): Promise<ReportRow>;
  /**
   * Finished reports of the review's events (never drafts or proposals), oldest event first, with
   * their outcomes in the order captured: the review report keeps those already locked.
   */
  listFinishedReportsOfReview(reviewId: number): Promise<FinishedEventReportRow[]>;

  createSuggestion(input: NewSuggestion): Promise<SuggestionRow>;
  findSuggestion(eventId: number, suggestionId: number): Promise<SuggestionRow | undefined>;
  /** Oldest first; only one registration's when `registrationId` is given. */
  listSuggestions(eventId: number, registrationId?: number): Promise<SuggestionRow[]>;
  /** Decides a pending suggestion; undefined when it was decided already. */
  decideSuggestion(input: {
    suggestionId: number;
    status: 'accepted' | 'declined';
    accountId: number;
    decidedAt: string;
  }): Promise<SuggestionRow | undefined>;
}

export interface VolunteerStore {
  createOffer(input: NewVolunteerOffer): Promise<VolunteerOfferRow>;
  findOffer(offerId: number): Promise<VolunteerOfferRow | undefined>;
  /** Newest first, with the events each is assigned to. */
  listOffers(filter: VolunteerFilter): Promise<VolunteerOfferRow[]>;
  /** False when the offer was already assigned to this event. */
  assign(input: { offerId: number; eventId: number; accountId: number; assignedAt: string }): Promise<boolean>;
}

export type OutcomeKind = 'agreement' | 'disagreement' | 'question' | 'action';

export interface AgendaItemRow {
  id: number;
  position: number;
  title: string;
  minutes: number;
  prompts: string[];
  startedAt: string | null;
}
export type NewAgendaItem = Pick<AgendaItemRow, 'title' | 'minutes' | 'prompts'>;

export interface RunSheetRow {
  eventId: number;
  template: string | null;
  language: string;
  currentItemId: number | null;
  updatedAt: string;
  /** In agenda order. */
  items: AgendaItemRow[];
}

export interface OutcomeRow {
  id: number;
  eventId: number;
  kind: OutcomeKind;
  text: string;
  createdByAccountId: number | null;
  createdAt: string;
  updatedAt: string;
}
export type NewOutcome = Omit<OutcomeRow, 'id' | 'updatedAt'>;

export interface EventStatementRow {
  statementId: number;
  text: string;
  moderation: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
}

export interface ReportRow {
  eventId: number;
  summary: string;
  finishedAt: string | null;
  updatedAt: string;
}

export interface FinishedEventReportRow {
  eventId: number;
  title: string;
  startsAt: string;
  timeZone: string;
  summary: string;
  finishedAt: string;
  outcomes: Array<{ id: number; kind: OutcomeKind; text: string }>;
}

export interface SuggestionRow {
  id: number;
  eventId: number;
  registrationId: number | null;
  outcomeId: number | null;
  kind: OutcomeKind | null;
  text: string;
  status: 'pending' | 'accepted' | 'declined';
  createdAt: string;
  decidedAt: string | null;
}
export type NewSuggestion = Pick<
  SuggestionRow,
  'eventId' | 'registrationId' | 'outcomeId' | 'kind' | 'text' | 'createdAt'
>;

export interface VolunteerOfferRow {
  id: number;
  name: string;
  email: string;
  capabilities: string[];
  area: string;
  availability: string;
  consentedAt: string;
  createdAt: string;
  assignedEventIds: number[];
}
export type NewVolunteerOffer = Omit<VolunteerOfferRow, 'id' | 'assignedEventIds'>;

export interface VolunteerFilter {
  capability?: string;
  /** Case-insensitive part of the area. */
  area?: string;
  /** Only offers not yet assigned to any event. */
  unassigned?: boolean;
}
