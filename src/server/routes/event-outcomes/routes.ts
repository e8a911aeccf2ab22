import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  agendaBody,
  applyTemplateBody,
  attendeeReportSchema,
  captureStatementBody,
  eventOutcomesSchema,
  eventStatementSchema,
  outcomeBody,
  outcomeIdParams,
  outcomeSchema,
  outcomeTextBody,
  publicReportSchema,
  reportSummaryBody,
  runSheetSchema,
  runSheetTemplateListSchema,
  runSheetTemplateQuery,
  runStepBody,
  suggestionBody,
  suggestionDecisionBody,
  suggestionIdParams,
  suggestionSchema,
} from '../../../contract/event-outcomes.js';
import { eventIdParams, registrationTokenParams } from '../../../contract/events.js';
import { noteAudit } from '../../audit-hook.js';
import { requireAccount } from '../../auth/session.js';
import {
  addOutcome,
  applyRunSheetTemplate,
  attendeeReport,
  captureStatement,
  decideSuggestion,
  editOutcome,
  finishEvent,
  getEventOutcomes,
  getRunSheet,
  listRunSheetTemplates,
  publicReport,
  removeOutcome,
  saveAgenda,
  saveReportSummary,
  stepRunSheet,
  suggestChange,
} from '../../commands/event-outcomes.js';
import { type EventAccess, eventAccess } from '../../commands/events.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';

const tags = ['event outcomes'];

/**
 * The run sheet and its live timer, outcomes, statements into the review and the event report, for
 * the event's hosts (`/api/manage/events/:eventId/...`); the report for checked-in attendees through
 * their registration link; the locked report for everyone.
 */
export function registerEventOutcomeRoutes(app: App, context: AppContext): void {
  async function authoriseEvent(request: FastifyRequest, eventId: number): Promise<EventAccess> {
    const access = unwrap(await eventAccess(context, requireAccount(request), eventId));
    if (access.event.reviewId !== null) noteAudit(request, { reviewId: access.event.reviewId });
    return access;
  }

  app.get(
    '/manage/run-sheet-templates',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'The built-in run sheets (roundtable, workshop) in English or Welsh',
        querystring: runSheetTemplateQuery,
        response: { 200: runSheetTemplateListSchema },
      },
    },
    async (request) => ({ templates: listRunSheetTemplates(request.query.lang) }),
  );

  app.get(
    '/manage/events/:eventId/run-sheet',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'The event’s agenda and which item is running since when',
        params: eventIdParams,
        response: { 200: runSheetSchema },
      },
    },
    async (request, reply) => {
      const view = unwrap(await getRunSheet(context, await authoriseEvent(request, request.params.eventId)));
      return reply.header('cache-control', 'private, no-store').send(view);
    },
  );

  app.post(
    '/manage/events/:eventId/run-sheet/template',
    {
      config: { permission: 'signedIn', audit: 'event.run_sheet_template' },
      schema: {
        tags,
        summary: 'Copy a built-in template onto the event, replacing its agenda',
        params: eventIdParams,
        body: applyTemplateBody,
        response: { 200: runSheetSchema },
      },
    },
    async (request) =>
      unwrap(await applyRunSheetTemplate(context, await authoriseEvent(request, request.params.eventId), request.body)),
  );

  app.put(
    '/manage/events/:eventId/run-sheet',
    {
      config: { permission: 'signedIn', audit: 'event.agenda_edit' },
      schema: {
        tags,
        summary:
          'Save the edited agenda (items in order); refused if it does not fit between the event’s start and end',
        params: eventIdParams,
        body: agendaBody,
        response: { 200: runSheetSchema },
      },
    },
    async (request) =>
      unwrap(await saveAgenda(context, await authoriseEvent(request, request.params.eventId), request.body)),
  );

  app.post(
    '/manage/events/:eventId/run-sheet/step',
    {
      config: { permission: 'signedIn', audit: 'event.run_step' },
      schema: {
        tags,
        summary: 'Start an agenda item (next, previous or any); its timer counts from the stored start',
        params: eventIdParams,
        body: runStepBody,
        response: { 200: runSheetSchema },
      },
    },
    async (request) =>
      unwrap(await stepRunSheet(context, await authoriseEvent(request, request.params.eventId), request.body)),
  );

  app.get(
    '/manage/events/:eventId/outcomes',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'Outcomes, statements sent to the review, the report and attendees’ suggestions (without names)',
        params: eventIdParams,
        response: { 200: eventOutcomesSchema },
      },
    },
    async (request) => getEventOutcomes(context, await authoriseEvent(request, request.params.eventId)),
  );

  app.post(
    '/manage/events/:eventId/statements',
    {
      config: { permission: 'signedIn', audit: 'event.capture_statement' },
      schema: {
        tags,
        summary: 'A statement that came up: it enters the linked review’s moderation queue as origin "event"',
        params: eventIdParams,
        body: captureStatementBody,
        response: { 201: eventStatementSchema },
      },
    },
    async (request, reply) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return reply.code(201).send(unwrap(await captureStatement(context, access, request.body.text)));
    },
  );

  app.post(
    '/manage/events/:eventId/outcomes',
    {
      config: { permission: 'signedIn', audit: 'event.outcome_add' },
      schema: {
        tags,
        summary: 'Record an agreement, disagreement, question or action',
        params: eventIdParams,
        body: outcomeBody,
        response: { 201: outcomeSchema },
      },
    },
    async (request, reply) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return reply.code(201).send(unwrap(await addOutcome(context, access, request.body)));
    },
  );

  app.patch(
    '/manage/events/:eventId/outcomes/:outcomeId',
    {
      config: { permission: 'signedIn', audit: 'event.outcome_edit' },
      schema: {
        tags,
        summary: 'Reword an outcome',
        params: outcomeIdParams,
        body: outcomeTextBody,
        response: { 200: outcomeSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return unwrap(await editOutcome(context, access, request.params.outcomeId, request.body.text));
    },
  );

  app.delete(
    '/manage/events/:eventId/outcomes/:outcomeId',
    {
      config: { permission: 'signedIn', audit: 'event.outcome_delete' },
      schema: { tags, summary: 'Remove an outcome', params: outcomeIdParams },
    },
    async (request, reply) => {
      const access = await authoriseEvent(request, request.params.eventId);
      unwrap(await removeOutcome(context, access, request.params.outcomeId));
      return reply.code(204).send();
    },
  );

  app.put(
    '/manage/events/:eventId/report',
    {
      config: { permission: 'signedIn', audit: 'event.report_edit' },
      schema: {
        tags,
        summary: 'The report’s opening summary',
        params: eventIdParams,
        body: reportSummaryBody,
        response: { 200: eventOutcomesSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      unwrap(await saveReportSummary(context, access, request.body.summary));
      return getEventOutcomes(context, access);
    },
  );

  app.post(
    '/manage/events/:eventId/finish',
    {
      config: { permission: 'signedIn', audit: 'event.finish' },
      schema: {
        tags,
        summary:
          'Mark the event finished: the report opens to checked-in attendees for 72 hours, then locks and is published',
        params: eventIdParams,
        body: z.strictObject({}).nullish(),
        response: { 200: eventOutcomesSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      unwrap(await finishEvent(context, access));
      return getEventOutcomes(context, access);
    },
  );

  app.post(
    '/manage/events/:eventId/report/suggestions/:suggestionId/decision',
    {
      config: { permission: 'signedIn', audit: 'event.suggestion_decide' },
      schema: {
        tags,
        summary: 'Accept (apply) or decline an attendee’s suggestion',
        params: suggestionIdParams,
        body: suggestionDecisionBody,
        response: { 200: suggestionSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return unwrap(await decideSuggestion(context, access, request.params.suggestionId, request.body.decision));
    },
  );

  // Attendees and the public

  app.get(
    '/event-registrations/:token/report',
    {
      schema: {
        tags,
        summary: 'The event report for a checked-in attendee, with their own suggestions',
        params: registrationTokenParams,
        response: { 200: attendeeReportSchema },
      },
    },
    async (request, reply) => {
      const view = unwrap(await attendeeReport(context, request.params.token));
      return reply.header('cache-control', 'private, no-store').send(view);
    },
  );

  app.post(
    '/event-registrations/:token/report/suggestions',
    {
      schema: {
        tags,
        summary: 'Suggest a change to the report (checked-in attendees, for 72 hours after the event finishes)',
        params: registrationTokenParams,
        body: suggestionBody,
        response: { 201: suggestionSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(unwrap(await suggestChange(context, request.params.token, request.body))),
  );

  app.get(
    '/events/:eventId/report',
    {
      schema: {
        tags,
        summary: 'The locked, published event report (no attendee names)',
        params: eventIdParams,
        response: { 200: publicReportSchema },
      },
    },
    async (request) => unwrap(await publicReport(context, request.params.eventId)),
  );
}
