import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  checkInBody,
  checkInByCodeBody,
  createEventBody,
  eventDetailSchema,
  eventIdParams,
  eventListQuery,
  eventListSchema,
  managedEventListSchema,
  managedEventSchema,
  managedRegistrationSchema,
  myRegistrationSchema,
  registerBody,
  registrationIdParams,
  registrationResultSchema,
  registrationTokenParams,
  swapSeatsBody,
  tablePlanBody,
  tablePlanSchema,
  updateEventBody,
} from '../../../contract/events.js';
import { noteAudit } from '../../audit-hook.js';
import { requireAccount } from '../../auth/session.js';
import {
  approveEvent,
  attendeeCsv,
  cancelEvent,
  createEvent,
  type EventAccess,
  eventAccess,
  getManagedEvent,
  getPublicEvent,
  listManagedEvents,
  listPublicEvents,
  updateEvent,
} from '../../commands/events.js';
import {
  cancelRegistration,
  checkInByCode,
  myRegistration,
  register,
  setAttendance,
} from '../../commands/events-registration.js';
import { adjustForCheckIn, getTablePlan, makeTablePlan, swapSeats } from '../../commands/events-table-plan.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { registerEventAnswerRoutes } from './answers-routes.js';

const tags = ['events'];

/**
 * Events: the public list and page, registration and the registrant's own link; and for hosts
 * (`/api/manage/events`, any signed-in account: a non-host gets 404 per event) create, edit,
 * approve, cancel, attendees, check-in and the table plan.
 */
export function registerEventRoutes(app: App, context: AppContext): void {
  /** The event the account hosts or approves; notes its review for the audit log. */
  async function authoriseEvent(request: FastifyRequest, eventId: number): Promise<EventAccess> {
    const access = unwrap(await eventAccess(context, requireAccount(request), eventId));
    if (access.event.reviewId !== null) noteAudit(request, { reviewId: access.event.reviewId });
    return access;
  }

  function logMailFailures(request: FastifyRequest, failures: unknown[]): void {
    for (const error of failures) request.log.error({ err: error }, 'event email not sent');
  }

  // Public

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: 'Published events from today on, soonest first, filtered by type, region and dates',
        querystring: eventListQuery,
        response: { 200: eventListSchema },
      },
    },
    async (request) => listPublicEvents(context, request.query),
  );

  app.get(
    '/events/:eventId',
    {
      schema: {
        tags,
        summary: 'One event, with the questions its registration form asks (all optional)',
        params: eventIdParams,
        response: { 200: eventDetailSchema },
      },
    },
    async (request) => unwrap(await getPublicEvent(context, request.params.eventId)),
  );

  app.post(
    '/events/:eventId/registrations',
    {
      schema: {
        tags,
        summary:
          'Register: a place while there is room, otherwise the waitlist (201 either way); emails a confirmation with a calendar invite',
        params: eventIdParams,
        body: registerBody,
        response: { 201: registrationResultSchema },
      },
    },
    async (request, reply) => {
      const { mailFailures, ...result } = unwrap(await register(context, request.params.eventId, request.body));
      logMailFailures(request, mailFailures);
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/event-registrations/:token',
    {
      schema: {
        tags,
        summary: "The registrant's own view: status, waitlist place, meeting link and check-in code when confirmed",
        params: registrationTokenParams,
        response: { 200: myRegistrationSchema },
      },
    },
    async (request, reply) => {
      const result = unwrap(await myRegistration(context, request.params.token));
      return reply.header('cache-control', 'private, no-store').send(result);
    },
  );

  app.post(
    '/event-registrations/:token/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a registration; the first person on the waitlist gets the place',
        params: registrationTokenParams,
        response: { 200: myRegistrationSchema },
      },
    },
    async (request) => {
      const { registration, mailFailures } = unwrap(await cancelRegistration(context, request.params.token));
      logMailFailures(request, mailFailures);
      return registration;
    },
  );

  registerEventAnswerRoutes(app, context);

  // Hosts and approvers

  app.get(
    '/manage/events',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'Events you host, events waiting for your approval, and reviews you may host for',
        response: { 200: managedEventListSchema },
      },
    },
    async (request) => listManagedEvents(context, requireAccount(request)),
  );

  app.post(
    '/manage/events',
    {
      config: { permission: 'signedIn', audit: 'event.create' },
      schema: {
        tags,
        summary:
          'Propose an event (or keep a draft); an organiser of the linked review, or the instance owner, approves it',
        body: createEventBody,
        response: { 201: managedEventSchema },
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      const event = unwrap(await createEvent(context, account, request.body));
      const access = await authoriseEvent(request, event.id);
      noteAudit(request, { params: { eventId: event.id } });
      return reply.code(201).send(await getManagedEvent(context, access));
    },
  );

  app.get(
    '/manage/events/:eventId',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'An event with its hosts and registrations',
        params: eventIdParams,
        response: { 200: managedEventSchema },
      },
    },
    async (request) => getManagedEvent(context, await authoriseEvent(request, request.params.eventId)),
  );

  app.patch(
    '/manage/events/:eventId',
    {
      config: { permission: 'signedIn', audit: 'event.update' },
      schema: {
        tags,
        summary: 'Edit an event; a new time or place emails everyone registered an updated invite',
        params: eventIdParams,
        body: updateEventBody,
        response: { 200: managedEventSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      const updated = unwrap(await updateEvent(context, access, request.body));
      return getManagedEvent(context, { ...access, event: updated });
    },
  );

  app.post(
    '/manage/events/:eventId/approve',
    {
      config: { permission: 'signedIn', audit: 'event.approve' },
      schema: {
        tags,
        summary: 'Approve a proposed event: it is published',
        params: eventIdParams,
        response: { 200: managedEventSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      const updated = unwrap(await approveEvent(context, access));
      return getManagedEvent(context, { ...access, event: updated });
    },
  );

  app.post(
    '/manage/events/:eventId/cancel',
    {
      config: { permission: 'signedIn', audit: 'event.cancel' },
      schema: {
        tags,
        summary: 'Cancel the event; everyone registered gets the calendar cancellation',
        params: eventIdParams,
        response: { 200: managedEventSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      const updated = unwrap(await cancelEvent(context, access));
      return getManagedEvent(context, { ...access, event: updated });
    },
  );

  app.get(
    '/manage/events/:eventId/attendees.csv',
    {
      config: { permission: 'signedIn' },
      schema: { tags, summary: 'The attendee list as CSV, for hosts only', params: eventIdParams },
    },
    async (request, reply) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="event-${access.event.id}-attendees.csv"`)
        .send(await attendeeCsv(context, access));
    },
  );

  app.post(
    '/manage/events/:eventId/registrations/:registrationId/check-in',
    {
      config: { permission: 'signedIn', audit: 'event.check_in' },
      schema: {
        tags,
        summary: 'Record (or undo) that a person with a place has arrived',
        params: registrationIdParams,
        body: checkInBody,
        response: { 200: managedRegistrationSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return unwrap(await setAttendance(context, access, request.params.registrationId, request.body.present));
    },
  );

  app.post(
    '/manage/events/:eventId/check-in',
    {
      config: { permission: 'signedIn', audit: 'event.check_in' },
      schema: {
        tags,
        summary: "Check in by the code in a registrant's QR code",
        params: eventIdParams,
        body: checkInByCodeBody,
        response: { 200: managedRegistrationSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return unwrap(await checkInByCode(context, access, request.body.code));
    },
  );

  app.get(
    '/manage/events/:eventId/table-plan',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'The table plan with its mixing measure',
        params: eventIdParams,
        response: { 200: tablePlanSchema },
      },
    },
    async (request) => unwrap(await getTablePlan(context, await authoriseEvent(request, request.params.eventId))),
  );

  app.post(
    '/manage/events/:eventId/table-plan',
    {
      config: { permission: 'signedIn', audit: 'event.plan_tables' },
      schema: {
        tags,
        summary:
          'Plan tables for everyone with a place (or everyone checked in), mixing traditions, opinion groups and regions',
        params: eventIdParams,
        body: tablePlanBody,
        response: { 200: tablePlanSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      const body = {
        tableSize: request.body.tableSize,
        seed: request.body.seed ?? 1,
        basis: request.body.basis ?? 'confirmed',
      };
      return unwrap(await makeTablePlan(context, access, body));
    },
  );

  app.post(
    '/manage/events/:eventId/table-plan/swap',
    {
      config: { permission: 'signedIn', audit: 'event.swap_seats' },
      schema: {
        tags,
        summary: 'Swap two people between (or within) tables; the measure is scored again',
        params: eventIdParams,
        body: swapSeatsBody,
        response: { 200: tablePlanSchema },
      },
    },
    async (request) => {
      const access = await authoriseEvent(request, request.params.eventId);
      return unwrap(await swapSeats(context, access, request.body.first, request.body.second));
    },
  );

  app.post(
    '/manage/events/:eventId/table-plan/check-in',
    {
      config: { permission: 'signedIn', audit: 'event.replan' },
      schema: {
        tags,
        summary: 'Take people who have not arrived off their tables and seat late arrivals, moving nobody else',
        params: eventIdParams,
        body: z.strictObject({}).nullish(),
        response: { 200: tablePlanSchema },
      },
    },
    async (request) => unwrap(await adjustForCheckIn(context, await authoriseEvent(request, request.params.eventId))),
  );
}
