import type { Kysely, Selectable } from 'kysely';
import type {
  EventAgendaItemsTable,
  EventOutcomesTable,
  EventReportSuggestionsTable,
  VolunteerOffersTable,
} from './event-outcome-schema.js';
import type {
  AgendaItemRow,
  EventOutcomeStore,
  EventStatementRow,
  FinishedEventReportRow,
  NewAgendaItem,
  NewOutcome,
  NewSuggestion,
  NewVolunteerOffer,
  OutcomeRow,
  ReportRow,
  RunSheetRow,
  SuggestionRow,
  VolunteerFilter,
  VolunteerOfferRow,
  VolunteerStore,
} from './event-outcome-store.js';
import type { Database } from './schema.js';

/**
 * The queries of migration 0013, written once for both databases. The connection may be a
 * transaction, so commands compose these inside `store.transaction`.
 */
export class KyselyEventOutcomeStore implements EventOutcomeStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async findRunSheet(eventId: number): Promise<RunSheetRow | undefined> {
    const sheet = await this.#db
      .selectFrom('event_run_sheets')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (!sheet) return undefined;
    const items = await this.#db
      .selectFrom('event_agenda_items')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return {
      eventId,
      template: sheet.template,
      language: sheet.language,
      currentItemId: sheet.current_item_id,
      updatedAt: sheet.updated_at,
      items: items.map(agendaItemFromRow),
    };
  }

  async replaceAgenda(input: {
    eventId: number;
    template: string | null;
    language: string;
    items: NewAgendaItem[];
    updatedAt: string;
  }): Promise<RunSheetRow> {
    await this.#db.deleteFrom('event_agenda_items').where('event_id', '=', input.eventId).execute();
    await this.#db
      .insertInto('event_run_sheets')
      .values({
        event_id: input.eventId,
        template: input.template,
        language: input.language,
        current_item_id: null,
        updated_at: input.updatedAt,
      })
      .onConflict((conflict) =>
        conflict.column('event_id').doUpdateSet({
          template: input.template,
          language: input.language,
          current_item_id: null,
          updated_at: input.updatedAt,
        }),
      )
      .execute();
    if (input.items.length > 0) {
      await this.#db
        .insertInto('event_agenda_items')
        .values(
          input.items.map((item, index) => ({
            event_id: input.eventId,
            position: index + 1,
            title: item.title,
            minutes: item.minutes,
            prompts: JSON.stringify(item.prompts),
            started_at: null,
          })),
        )
        .execute();
    }
    const sheet = await this.findRunSheet(input.eventId);
    if (!sheet) throw new Error('The run sheet just written cannot be found.');
    return sheet;
  }

  async setCurrentAgendaItem(
    eventId: number,
    itemId: number | null,
    startedAt: string,
  ): Promise<RunSheetRow | undefined> {
    if (itemId !== null) {
      await this.#db
        .updateTable('event_agenda_items')
        .set({ started_at: startedAt })
        .where('id', '=', itemId)
        .where('event_id', '=', eventId)
        .execute();
    }
    await this.#db
      .updateTable('event_run_sheets')
      .set({ current_item_id: itemId, updated_at: startedAt })
      .where('event_id', '=', eventId)
      .execute();
    return this.findRunSheet(eventId);
  }

  async createOutcome(input: NewOutcome): Promise<OutcomeRow> {
    const row = await this.#db
      .insertInto('event_outcomes')
      .values({
        event_id: input.eventId,
        kind: input.kind,
        text: input.text,
        created_by_account_id: input.createdByAccountId,
        created_at: input.createdAt,
        updated_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return outcomeFromRow(row);
  }

  async findOutcome(eventId: number, outcomeId: number): Promise<OutcomeRow | undefined> {
    const row = await this.#db
      .selectFrom('event_outcomes')
      .selectAll()
      .where('id', '=', outcomeId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row ? outcomeFromRow(row) : undefined;
  }

  async updateOutcomeText(outcomeId: number, text: string, updatedAt: string): Promise<OutcomeRow | undefined> {
    const row = await this.#db
      .updateTable('event_outcomes')
      .set({ text, updated_at: updatedAt })
      .where('id', '=', outcomeId)
      .returningAll()
      .executeTakeFirst();
    return row ? outcomeFromRow(row) : undefined;
  }

  async deleteOutcome(eventId: number, outcomeId: number): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('event_outcomes')
      .where('id', '=', outcomeId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listOutcomes(eventId: number): Promise<OutcomeRow[]> {
    const rows = await this.#db
      .selectFrom('event_outcomes')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('id')
      .execute();
    return rows.map(outcomeFromRow);
  }

  async linkEventStatement(input: { eventId: number; statementId: number; createdAt: string }): Promise<void> {
    await this.#db
      .insertInto('event_statements')
      .values({ event_id: input.eventId, statement_id: input.statementId, created_at: input.createdAt })
      .execute();
  }

  async listEventStatements(eventId: number): Promise<EventStatementRow[]> {
    const rows = await this.#db
      .selectFrom('event_statements')
      .innerJoin('statements', 'statements.id', 'event_statements.statement_id')
      .select(['statements.id', 'statements.text', 'statements.moderation', 'event_statements.created_at'])
      .where('event_statements.event_id', '=', eventId)
      .orderBy('statements.id')
      .execute();
    return rows.map((row) => ({
      statementId: row.id,
      text: row.text,
      moderation: row.moderation,
      createdAt: row.created_at,
    }));
  }

  async findStatementEvents(statementIds: readonly number[]): Promise<Map<number, { eventId: number; title: string }>> {
    if (statementIds.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('event_statements')
      .innerJoin('events', 'events.id', 'event_statements.event_id')
      .select(['event_statements.statement_id', 'events.id', 'events.title'])
      .where('event_statements.statement_id', 'in', [...statementIds])
      .execute();
    return new Map(rows.map((row) => [row.statement_id, { eventId: row.id, title: row.title }]));
  }

  async findReport(eventId: number): Promise<ReportRow | undefined> {
    const row = await this.#db
      .selectFrom('event_reports')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row
      ? { eventId: row.event_id, summary: row.summary, finishedAt: row.finished_at, updatedAt: row.updated_at }
      : undefined;
  }

  async listFinishedReportsOfReview(reviewId: number): Promise<FinishedEventReportRow[]> {
    const reports = await this.#db
      .selectFrom('events')
      .innerJoin('event_reports', 'event_reports.event_id', 'events.id')
      .select([
        'events.id as eventId',
        'events.title',
        'events.starts_at',
        'events.time_zone',
        'event_reports.summary',
        'event_reports.finished_at',
      ])
      .where('events.review_id', '=', reviewId)
      .where('events.status', 'not in', ['draft', 'proposed'])
      .where('event_reports.finished_at', 'is not', null)
      .orderBy('events.starts_at')
      .orderBy('events.id')
      .execute();
    if (reports.length === 0) return [];
    const outcomes = await this.#db
      .selectFrom('event_outcomes')
      .select(['id', 'event_id', 'kind', 'text'])
      .where(
        'event_id',
        'in',
        reports.map((report) => report.eventId),
      )
      .orderBy('id')
      .execute();
    return reports.map((report) => ({
      eventId: report.eventId,
      title: report.title,
      startsAt: report.starts_at,
      timeZone: report.time_zone,
      summary: report.summary,
      finishedAt: report.finished_at ?? '',
      outcomes: outcomes
        .filter((outcome) => outcome.event_id === report.eventId)
        .map((outcome) => ({ id: outcome.id, kind: outcome.kind, text: outcome.text })),
    }));
  }

  async saveReport(input: ReportRow): Promise<ReportRow> {
    const values = { summary: input.summary, finished_at: input.finishedAt, updated_at: input.updatedAt };
    await this.#db
      .insertInto('event_reports')
      .values({ event_id: input.eventId, ...values })
      .onConflict((conflict) => conflict.column('event_id').doUpdateSet(values))
      .execute();
    return input;
  }

  async createSuggestion(input: NewSuggestion): Promise<SuggestionRow> {
    const row = await this.#db
      .insertInto('event_report_suggestions')
      .values({
        event_id: input.eventId,
        registration_id: input.registrationId,
        outcome_id: input.outcomeId,
        kind: input.kind,
        text: input.text,
        status: 'pending',
        created_at: input.createdAt,
        decided_at: null,
        decided_by_account_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return suggestionFromRow(row);
  }

  async findSuggestion(eventId: number, suggestionId: number): Promise<SuggestionRow | undefined> {
    const row = await this.#db
      .selectFrom('event_report_suggestions')
      .selectAll()
      .where('id', '=', suggestionId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row ? suggestionFromRow(row) : undefined;
  }

  async listSuggestions(eventId: number, registrationId?: number): Promise<SuggestionRow[]> {
    let query = this.#db.selectFrom('event_report_suggestions').selectAll().where('event_id', '=', eventId);
    if (registrationId !== undefined) query = query.where('registration_id', '=', registrationId);
    const rows = await query.orderBy('id').execute();
    return rows.map(suggestionFromRow);
  }

  async decideSuggestion(input: {
    suggestionId: number;
    status: 'accepted' | 'declined';
    accountId: number;
    decidedAt: string;
  }): Promise<SuggestionRow | undefined> {
    const row = await this.#db
      .updateTable('event_report_suggestions')
      .set({ status: input.status, decided_at: input.decidedAt, decided_by_account_id: input.accountId })
      .where('id', '=', input.suggestionId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    return row ? suggestionFromRow(row) : undefined;
  }
}

export class KyselyVolunteerStore implements VolunteerStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createOffer(input: NewVolunteerOffer): Promise<VolunteerOfferRow> {
    const row = await this.#db
      .insertInto('volunteer_offers')
      .values({
        name: input.name,
        email: input.email,
        capabilities: JSON.stringify(input.capabilities),
        area: input.area,
        availability: input.availability,
        consented_at: input.consentedAt,
        created_at: input.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return offerFromRow(row, []);
  }

  async findOffer(offerId: number): Promise<VolunteerOfferRow | undefined> {
    const row = await this.#db.selectFrom('volunteer_offers').selectAll().where('id', '=', offerId).executeTakeFirst();
    if (!row) return undefined;
    const assignments = await this.#assignments([row.id]);
    return offerFromRow(row, assignments.get(row.id) ?? []);
  }

  async listOffers(filter: VolunteerFilter): Promise<VolunteerOfferRow[]> {
    const rows = await this.#db.selectFrom('volunteer_offers').selectAll().orderBy('id', 'desc').execute();
    const assignments = await this.#assignments(rows.map((row) => row.id));
    const area = filter.area?.trim().toLowerCase();
    // Filtered here rather than in SQL: capabilities are a JSON list, and the list is one
    // organisation's volunteers, not a table that grows with votes.
    return rows
      .map((row) => offerFromRow(row, assignments.get(row.id) ?? []))
      .filter((offer) => filter.capability === undefined || offer.capabilities.includes(filter.capability))
      .filter((offer) => !area || offer.area.toLowerCase().includes(area))
      .filter((offer) => !filter.unassigned || offer.assignedEventIds.length === 0);
  }

  async assign(input: { offerId: number; eventId: number; accountId: number; assignedAt: string }): Promise<boolean> {
    const result = await this.#db
      .insertInto('volunteer_assignments')
      .values({
        offer_id: input.offerId,
        event_id: input.eventId,
        assigned_by_account_id: input.accountId,
        assigned_at: input.assignedAt,
      })
      .onConflict((conflict) => conflict.columns(['offer_id', 'event_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async #assignments(offerIds: number[]): Promise<Map<number, number[]>> {
    const byOffer = new Map<number, number[]>();
    if (offerIds.length === 0) return byOffer;
    const rows = await this.#db
      .selectFrom('volunteer_assignments')
      .select(['offer_id', 'event_id'])
      .where('offer_id', 'in', offerIds)
      .orderBy('event_id')
      .execute();
    for (const row of rows) byOffer.set(row.offer_id, [...(byOffer.get(row.offer_id) ?? []), row.event_id]);
    return byOffer;
  }
}

function agendaItemFromRow(row: Selectable<EventAgendaItemsTable>): AgendaItemRow {
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    minutes: row.minutes,
    prompts: JSON.parse(row.prompts) as string[],
    startedAt: row.started_at,
  };
}

function outcomeFromRow(row: Selectable<EventOutcomesTable>): OutcomeRow {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    text: row.text,
    createdByAccountId: row.created_by_account_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function suggestionFromRow(row: Selectable<EventReportSuggestionsTable>): SuggestionRow {
  return {
    id: row.id,
    eventId: row.event_id,
    registrationId: row.registration_id,
    outcomeId: row.outcome_id,
    kind: row.kind,
    text: row.text,
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

function offerFromRow(row: Selectable<VolunteerOffersTable>, assignedEventIds: number[]): VolunteerOfferRow {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    capabilities: JSON.parse(row.capabilities) as string[],
    area: row.area,
    availability: row.availability,
    consentedAt: row.consented_at,
    createdAt: row.created_at,
    assignedEventIds,
  };
}
