import type {
  AgendaBody,
  ApplyTemplateBody,
  AttendeeReportView,
  EventOutcomesView,
  PublicReportView,
  RunSheetTemplateView,
  RunStepBody,
  SuggestionBody,
} from '../../contract/event-outcomes.js';
import {
  buildEventReport,
  type OutcomeKind,
  type ReportPhase,
  reportEditable,
  reportLocksAt,
  reportPhase,
  reportPublic,
} from '../../core/event-report.js';
import { checkAgenda, eventMinutes } from '../../core/run-sheets/agenda.js';
import {
  agendaFromTemplate,
  agendaMinutes,
  type RunSheetLanguage,
  runSheetTemplates,
} from '../../core/run-sheets/templates.js';
import { normaliseStatementText, statementTextKey } from '../../core/statements.js';
import type { ReportRow } from '../../store/event-outcome-store.js';
import type { EventRow, RegistrationRow } from '../../store/event-store.js';
import { type Store, StoreConflictError } from '../../store/store.js';
import { hashToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { presentRunSheet, presentSuggestion } from '../presenters/event-outcomes.js';
import type { EventAccess } from './events.js';

/**
 * The run sheet (the roundtable guide as a timed agenda with a live timer), outcomes captured at
 * the event, and the event report that checked-in attendees may suggest changes to for 72 hours
 * after the host marks the event finished.
 */

export function listRunSheetTemplates(language: RunSheetLanguage): RunSheetTemplateView[] {
  return Object.values(runSheetTemplates).map((template) => {
    const items = agendaFromTemplate(template.id, language);
    return { id: template.id, name: template.name[language], totalMinutes: agendaMinutes(items), items };
  });
}

export async function getRunSheet(context: AppContext, access: EventAccess) {
  const sheet = await context.store.eventOutcomes.findRunSheet(access.event.id);
  if (!sheet) return refuse('run_sheet_missing', 'Choose a template to start this event’s run sheet.');
  return ok(presentRunSheet(access.event, sheet, context.now()));
}

function refuseIfClosed(event: EventRow): Outcome<void> {
  if (event.status === 'cancelled') return refuse('event_status', 'This event is cancelled.');
  return ok(undefined);
}

export async function applyRunSheetTemplate(context: AppContext, access: EventAccess, body: ApplyTemplateBody) {
  const open = refuseIfClosed(access.event);
  if (!open.ok) return open;
  const items = agendaFromTemplate(body.template, body.language);
  const problems = checkAgenda(items, eventMinutes(access.event.startsAt, access.event.endsAt));
  if (problems.length > 0) {
    return refuse(
      'validation_failed',
      `template: ${problems.map((problem) => problem.message).join(' ')} Lengthen the event or choose another template.`,
      [{ field: 'template', message: problems.map((problem) => problem.message).join(' ') }],
    );
  }
  const sheet = await context.store.eventOutcomes.replaceAgenda({
    eventId: access.event.id,
    template: body.template,
    language: body.language,
    items,
    updatedAt: context.now().toISOString(),
  });
  return ok(presentRunSheet(access.event, sheet, context.now()));
}

/** Replaces the agenda: add, remove, reorder and edit in one save, refused whole if it overruns the event. */
export async function saveAgenda(context: AppContext, access: EventAccess, body: AgendaBody) {
  const open = refuseIfClosed(access.event);
  if (!open.ok) return open;
  const problems = checkAgenda(body.items, eventMinutes(access.event.startsAt, access.event.endsAt));
  if (problems.length > 0) {
    return refuse(
      'validation_failed',
      problems.map((problem) => `${problem.field}: ${problem.message}`).join(' '),
      problems,
    );
  }
  const existing = await context.store.eventOutcomes.findRunSheet(access.event.id);
  const sheet = await context.store.eventOutcomes.replaceAgenda({
    eventId: access.event.id,
    template: existing?.template ?? null,
    language: existing?.language ?? 'en',
    items: body.items,
    updatedAt: context.now().toISOString(),
  });
  return ok(presentRunSheet(access.event, sheet, context.now()));
}

/** How far back a phone that was offline may date a step it replays. */
const replayWindowMs = 12 * 60 * 60 * 1000;

export async function stepRunSheet(context: AppContext, access: EventAccess, body: RunStepBody) {
  const sheet = await context.store.eventOutcomes.findRunSheet(access.event.id);
  if (!sheet) return refuse('run_sheet_missing', 'Choose a template to start this event’s run sheet.');
  if (body.itemId !== null && !sheet.items.some((item) => item.id === body.itemId)) {
    return refuse('agenda_item_not_found', `This run sheet has no item ${body.itemId}.`, [
      { field: 'itemId', message: 'Not an item of this run sheet.' },
    ]);
  }
  const now = context.now();
  const claimed = body.startedAt ? Date.parse(body.startedAt) : Number.NaN;
  const startedAt = claimed <= now.getTime() && claimed >= now.getTime() - replayWindowMs ? new Date(claimed) : now;
  const updated = await context.store.eventOutcomes.setCurrentAgendaItem(
    access.event.id,
    body.itemId,
    startedAt.toISOString(),
  );
  if (!updated) return refuse('run_sheet_missing', 'This event has no run sheet.');
  return ok(presentRunSheet(access.event, updated, now));
}

// Outcomes and the report

async function currentReport(
  store: Store,
  event: EventRow,
  now: string,
): Promise<{ row: ReportRow; phase: ReportPhase }> {
  const row = (await store.eventOutcomes.findReport(event.id)) ?? {
    eventId: event.id,
    summary: '',
    finishedAt: null,
    updatedAt: now,
  };
  return { row, phase: reportPhase(row.finishedAt, now) };
}

async function reportState(store: Store, event: EventRow, now: string) {
  const { row, phase } = await currentReport(store, event, now);
  const [outcomes, statements] = await Promise.all([
    store.eventOutcomes.listOutcomes(event.id),
    store.eventOutcomes.listEventStatements(event.id),
  ]);
  // Only statements a moderator let into the review appear in a report others read.
  const shared = statements.filter((statement) => statement.moderation === 'accepted');
  return {
    phase,
    finishedAt: row.finishedAt,
    locksAt: reportLocksAt(row.finishedAt),
    content: buildEventReport(row.summary, outcomes, shared),
  };
}

export async function getEventOutcomes(context: AppContext, access: EventAccess): Promise<EventOutcomesView> {
  const { store } = context;
  const now = context.now().toISOString();
  const [outcomes, statements, suggestions, report, review] = await Promise.all([
    store.eventOutcomes.listOutcomes(access.event.id),
    store.eventOutcomes.listEventStatements(access.event.id),
    store.eventOutcomes.listSuggestions(access.event.id),
    reportState(store, access.event, now),
    access.event.reviewId === null ? undefined : store.findReviewById(access.event.reviewId),
  ]);
  return {
    eventId: access.event.id,
    reviewSlug: review?.slug ?? null,
    outcomes: outcomes.map(({ id, kind, text }) => ({ id, kind, text })),
    statements: statements.map(({ statementId, text, moderation }) => ({ statementId, text, moderation })),
    report,
    suggestions: suggestions.map(presentSuggestion),
  };
}

/** Hosts change outcomes until the report locks. */
async function refuseUnlessEditable(context: AppContext, event: EventRow): Promise<Outcome<void>> {
  if (event.status === 'cancelled') return refuse('event_status', 'This event is cancelled.');
  const { phase } = await currentReport(context.store, event, context.now().toISOString());
  if (!reportEditable(phase))
    return refuse('report_locked', 'The report is locked and published; it no longer changes.');
  return ok(undefined);
}

/**
 * A statement that came up at the event goes into the linked review's moderation queue as origin
 * 'event', linked to the event, like any statement waiting for a moderator.
 */
export async function captureStatement(context: AppContext, access: EventAccess, rawText: string) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const reviewId = access.event.reviewId;
  if (reviewId === null) {
    return refuse('event_has_no_review', 'This event is not linked to a review, so its statements have nowhere to go.');
  }
  const review = await context.store.findReviewById(reviewId);
  if (!review) return refuse('event_has_no_review', 'The review this event was linked to is gone.');
  const text = normaliseStatementText(rawText);
  const at = context.now().toISOString();
  try {
    const statement = await context.store.transaction(async (tx) => {
      const created = await tx.createStatement({
        reviewId,
        text,
        textKey: statementTextKey(text),
        origin: 'event',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: access.account.id,
        createdAt: at,
      });
      await tx.eventOutcomes.linkEventStatement({ eventId: access.event.id, statementId: created.id, createdAt: at });
      return created;
    });
    context.onReviewChanged(reviewId);
    return ok({ statementId: statement.id, text: statement.text, moderation: statement.moderation });
  } catch (error) {
    if (error instanceof StoreConflictError) {
      return refuse('duplicate_statement', 'That statement is already in the review.', [
        { field: 'text', message: 'The review already has this statement.' },
      ]);
    }
    throw error;
  }
}

export async function addOutcome(context: AppContext, access: EventAccess, body: { kind: OutcomeKind; text: string }) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const row = await context.store.eventOutcomes.createOutcome({
    eventId: access.event.id,
    kind: body.kind,
    text: body.text,
    createdByAccountId: access.account.id,
    createdAt: context.now().toISOString(),
  });
  return ok({ id: row.id, kind: row.kind, text: row.text });
}

export async function editOutcome(context: AppContext, access: EventAccess, outcomeId: number, text: string) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const found = await context.store.eventOutcomes.findOutcome(access.event.id, outcomeId);
  if (!found) return refuse('outcome_not_found', `This event has no outcome ${outcomeId}.`);
  const row = await context.store.eventOutcomes.updateOutcomeText(outcomeId, text, context.now().toISOString());
  if (!row) return refuse('outcome_not_found', `This event has no outcome ${outcomeId}.`);
  return ok({ id: row.id, kind: row.kind, text: row.text });
}

export async function removeOutcome(context: AppContext, access: EventAccess, outcomeId: number) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const removed = await context.store.eventOutcomes.deleteOutcome(access.event.id, outcomeId);
  return removed ? ok(undefined) : refuse('outcome_not_found', `This event has no outcome ${outcomeId}.`);
}

export async function saveReportSummary(context: AppContext, access: EventAccess, summary: string) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const now = context.now().toISOString();
  const { row } = await currentReport(context.store, access.event, now);
  await context.store.eventOutcomes.saveReport({ ...row, summary, updatedAt: now });
  return ok(undefined);
}

/**
 * Marks a published event finished once it has started; its report opens for attendees'
 * suggestions from now for 72 hours.
 */
export async function finishEvent(context: AppContext, access: EventAccess) {
  const { event } = access;
  if (event.status !== 'published') {
    return refuse('event_status', `Only a published event can finish; this one is ${event.status}.`);
  }
  const now = context.now().toISOString();
  if (now < event.startsAt) return refuse('event_status', 'The event has not started yet.');
  await context.store.transaction(async (tx) => {
    await tx.events.updateEvent(event.id, { status: 'finished', updatedAt: now });
    const { row } = await currentReport(tx, event, now);
    await tx.eventOutcomes.saveReport({ ...row, finishedAt: now, updatedAt: now });
  });
  return ok(undefined);
}

/** Accepting applies the suggestion: new wording for its outcome, or a new outcome of its kind. */
export async function decideSuggestion(
  context: AppContext,
  access: EventAccess,
  suggestionId: number,
  decision: 'accept' | 'decline',
) {
  const editable = await refuseUnlessEditable(context, access.event);
  if (!editable.ok) return editable;
  const suggestion = await context.store.eventOutcomes.findSuggestion(access.event.id, suggestionId);
  if (!suggestion) return refuse('suggestion_not_found', `This event has no suggestion ${suggestionId}.`);
  const now = context.now().toISOString();
  return context.store.transaction(async (tx) => {
    const decided = await tx.eventOutcomes.decideSuggestion({
      suggestionId,
      status: decision === 'accept' ? 'accepted' : 'declined',
      accountId: access.account.id,
      decidedAt: now,
    });
    if (!decided) return refuse('suggestion_decided', 'This suggestion has been decided already.');
    if (decision === 'accept') {
      if (decided.outcomeId !== null) {
        await tx.eventOutcomes.updateOutcomeText(decided.outcomeId, decided.text, now);
      } else if (decided.kind !== null) {
        await tx.eventOutcomes.createOutcome({
          eventId: access.event.id,
          kind: decided.kind,
          text: decided.text,
          createdByAccountId: access.account.id,
          createdAt: now,
        });
      }
    }
    return ok(presentSuggestion(decided));
  });
}

// Attendees (through their registration link) and the public

async function checkedInRegistration(
  context: AppContext,
  token: string,
): Promise<Outcome<{ registration: RegistrationRow; event: EventRow }>> {
  const registration = await context.store.events.findRegistrationByManageTokenHash(hashToken(token));
  const event = registration ? await context.store.events.findEvent(registration.eventId) : undefined;
  if (!registration || !event) return refuse('registration_not_found', 'This registration link is not valid.');
  if (registration.checkedInAt === null) {
    return refuse('not_checked_in', 'Only people who were checked in at the event can read and comment on its report.');
  }
  return ok({ registration, event });
}

export async function attendeeReport(context: AppContext, token: string): Promise<Outcome<AttendeeReportView>> {
  const found = await checkedInRegistration(context, token);
  if (!found.ok) return found;
  const { event, registration } = found.value;
  const state = await reportState(context.store, event, context.now().toISOString());
  if (state.phase === 'draft')
    return refuse('report_not_open', 'The report opens when the host marks the event finished.');
  const mine = await context.store.eventOutcomes.listSuggestions(event.id, registration.id);
  return ok({ ...state, eventTitle: event.title, mySuggestions: mine.map(presentSuggestion) });
}

export async function suggestChange(context: AppContext, token: string, body: SuggestionBody) {
  const found = await checkedInRegistration(context, token);
  if (!found.ok) return found;
  const { event, registration } = found.value;
  const now = context.now().toISOString();
  const { phase } = await currentReport(context.store, event, now);
  if (phase === 'draft') return refuse('report_not_open', 'The report opens when the host marks the event finished.');
  if (phase === 'locked') {
    return refuse('report_locked', 'The 72 hours for suggestions are over; the report is locked and published.');
  }
  if (body.outcomeId === undefined && body.kind === undefined) {
    return refuse('validation_failed', 'kind: Say what kind of item is missing, or choose the item to change.', [
      { field: 'kind', message: 'Choose the kind of item you suggest adding.' },
    ]);
  }
  if (body.outcomeId !== undefined && !(await context.store.eventOutcomes.findOutcome(event.id, body.outcomeId))) {
    return refuse('outcome_not_found', `The report has no item ${body.outcomeId}.`, [
      { field: 'outcomeId', message: 'Not an item of this report.' },
    ]);
  }
  const row = await context.store.eventOutcomes.createSuggestion({
    eventId: event.id,
    registrationId: registration.id,
    outcomeId: body.outcomeId ?? null,
    kind: body.outcomeId === undefined ? (body.kind ?? null) : null,
    text: body.text,
    createdAt: now,
  });
  return ok(presentSuggestion(row));
}

export async function publicReport(context: AppContext, eventId: number): Promise<Outcome<PublicReportView>> {
  const event = await context.store.events.findEvent(eventId);
  if (!event || event.status === 'draft' || event.status === 'proposed') {
    return refuse('event_not_found', `There is no event ${eventId}.`);
  }
  const state = await reportState(context.store, event, context.now().toISOString());
  if (!reportPublic(state.phase))
    return refuse('report_not_published', 'The report is published 72 hours after the event finishes.');
  return ok({ ...state, eventTitle: event.title });
}
