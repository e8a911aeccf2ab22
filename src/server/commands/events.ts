import { stringify } from 'csv-stringify/sync';
import type {
  CreateEventBody,
  EventDetail,
  EventList,
  EventListQuery,
  EventSummary,
  ManagedEvent,
  ManagedEventList,
  UpdateEventBody,
} from '../../contract/events.js';
import { roleAllows } from '../../core/review-rules.js';
import type { EventHostRole, EventRow } from '../../store/event-store.js';
import type { AccountRow, ReviewRow, Store } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type FieldError, type Outcome, ok, refuse } from '../errors.js';
import { registrationMail } from '../events/mail.js';
import { presentEventDetail, presentEventSummary, presentManagedEvent } from '../events/present.js';
import { isKnownTimeZone, utcToWallTime, wallTimeToUtc } from '../events/time.js';
import { promoteFromWaitlist, sendQuietly } from './events-registration.js';

/** What the signed-in account may do with one event: hosts manage it, approvers also approve. */
export interface EventAccess {
  account: AccountRow;
  event: EventRow;
  hostRole: EventHostRole | undefined;
  canApprove: boolean;
}

/**
 * Approvers: owners and organisers of the linked review (a role with both editReview and
 * hostEvents), or the instance owner for a standalone event.
 */
export async function mayApprove(store: Store, account: AccountRow, reviewId: number | null): Promise<boolean> {
  if (reviewId === null) return account.isInstanceOwner;
  const role = await store.findReviewRole(reviewId, account.id);
  return roleAllows(role, 'editReview') && roleAllows(role, 'hostEvents');
}

/** Someone who neither hosts nor approves the event gets the same 404 as for a missing one. */
export async function eventAccess(
  context: AppContext,
  account: AccountRow,
  eventId: number,
): Promise<Outcome<EventAccess>> {
  const event = await context.store.events.findEvent(eventId);
  if (event) {
    const [hostRole, canApprove] = await Promise.all([
      context.store.events.findEventHostRole(event.id, account.id),
      mayApprove(context.store, account, event.reviewId),
    ]);
    if (hostRole || canApprove) return ok({ account, event, hostRole, canApprove });
  }
  return refuse('event_not_found', `You host no event ${eventId}.`);
}

interface EventTimes {
  startsAt: string;
  endsAt: string;
}

/** Checks type, zone and times together, so a form gets every problem at once. */
function checkEventFields(
  context: AppContext,
  fields: {
    type: string;
    timeZone: string;
    startsAt: string;
    endsAt: string;
    format: string;
    meetingLink?: string | null;
  },
): Outcome<EventTimes> {
  const errors: FieldError[] = [];
  if (!context.config.eventTypes.includes(fields.type)) {
    errors.push({ field: 'type', message: `Choose one of: ${context.config.eventTypes.join(', ')}.` });
  }
  let startsAt: string | undefined;
  let endsAt: string | undefined;
  if (!isKnownTimeZone(fields.timeZone)) {
    errors.push({
      field: 'timeZone',
      message: `"${fields.timeZone}" is not a time zone we know; use a name such as Europe/London.`,
    });
  } else {
    startsAt = wallTimeToUtc(fields.startsAt, fields.timeZone);
    endsAt = wallTimeToUtc(fields.endsAt, fields.timeZone);
    if (startsAt === undefined) errors.push({ field: 'startsAt', message: 'That date does not exist.' });
    else if (startsAt <= context.now().toISOString()) {
      errors.push({ field: 'startsAt', message: 'The event must start in the future.' });
    }
    if (endsAt === undefined) errors.push({ field: 'endsAt', message: 'That date does not exist.' });
    else if (startsAt !== undefined && endsAt <= startsAt) {
      errors.push({ field: 'endsAt', message: 'The event must end after it starts.' });
    }
  }
  if (errors.length > 0 || startsAt === undefined || endsAt === undefined) {
    return refuse('validation_failed', errors.map((error) => `${error.field}: ${error.message}`).join(' '), errors);
  }
  return ok({ startsAt, endsAt });
}

export async function createEvent(
  context: AppContext,
  account: AccountRow,
  body: CreateEventBody,
): Promise<Outcome<EventRow>> {
  const times = checkEventFields(context, { ...body, format: body.format });
  if (!times.ok) return times;
  let review: ReviewRow | undefined;
  if (body.reviewSlug) {
    review = await context.store.findReviewBySlug(body.reviewSlug);
    const role = review ? await context.store.findReviewRole(review.id, account.id) : undefined;
    if (!review || !role) {
      return refuse('review_not_found', `You have no review at "${body.reviewSlug}".`, [
        { field: 'reviewSlug', message: 'Choose a review you are part of.' },
      ]);
    }
    if (!roleAllows(role, 'hostEvents')) {
      return refuse('forbidden', `As ${role} of this review you cannot host its events.`, [
        { field: 'reviewSlug', message: 'Your role on this review does not include hosting events.' },
      ]);
    }
  }
  const now = context.now().toISOString();
  const event = await context.store.events.createEvent(
    {
      reviewId: review?.id ?? null,
      type: body.type,
      title: body.title,
      description: body.description ?? '',
      format: body.format,
      venue: body.venue || null,
      address: body.address || null,
      region: body.region || null,
      accessibilityNotes: body.accessibilityNotes || null,
      meetingLink: body.meetingLink || null,
      startsAt: times.value.startsAt,
      endsAt: times.value.endsAt,
      timeZone: body.timeZone,
      capacity: body.capacity,
      status: body.draft ? 'draft' : 'proposed',
      proposedByAccountId: account.id,
      createdAt: now,
      updatedAt: now,
    },
    { accountId: account.id, role: 'host' },
  );
  return ok(event);
}

const placeFields = ['startsAt', 'endsAt', 'timeZone', 'format', 'venue', 'address', 'meetingLink'] as const;

/**
 * Edits an event. A change of time or place to a published event bumps its calendar SEQUENCE and
 * emails everyone registered an updated invite; more capacity promotes people from the waitlist.
 */
export async function updateEvent(
  context: AppContext,
  access: EventAccess,
  body: UpdateEventBody,
): Promise<Outcome<EventRow>> {
  const { event } = access;
  if (event.status === 'cancelled' || event.status === 'finished') {
    return refuse('event_status', `This event is ${event.status}; it can no longer change.`);
  }
  const timeZone = body.timeZone ?? event.timeZone;
  const times = checkEventFields(context, {
    type: body.type ?? event.type,
    timeZone,
    startsAt: body.startsAt ?? utcToWallTime(event.startsAt, timeZone),
    endsAt: body.endsAt ?? utcToWallTime(event.endsAt, timeZone),
    format: body.format ?? event.format,
  });
  if (!times.ok) return times;
  const now = context.now().toISOString();
  const next: EventRow = {
    ...event,
    ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
    startsAt: times.value.startsAt,
    endsAt: times.value.endsAt,
    timeZone,
  };
  const placeChanged = placeFields.some((field) => (next[field] ?? null) !== (event[field] ?? null));
  const result = await context.store.transaction(async (tx) => {
    await tx.events.lockEvent(event.id);
    const counts = await tx.events.countRegistrations(event.id);
    if (next.capacity < counts.confirmed) {
      return refuse<{ updated: EventRow; promoted: Awaited<ReturnType<typeof promoteFromWaitlist>> }>(
        'validation_failed',
        `capacity: ${counts.confirmed} people already have a place.`,
        [{ field: 'capacity', message: `${counts.confirmed} people already have a place; capacity cannot be less.` }],
      );
    }
    const updated = await tx.events.updateEvent(event.id, {
      type: next.type,
      title: next.title,
      description: next.description,
      format: next.format,
      venue: next.venue || null,
      address: next.address || null,
      region: next.region || null,
      accessibilityNotes: next.accessibilityNotes || null,
      meetingLink: next.meetingLink || null,
      startsAt: next.startsAt,
      endsAt: next.endsAt,
      timeZone: next.timeZone,
      capacity: next.capacity,
      ...(placeChanged ? { sequence: event.sequence + 1 } : {}),
      updatedAt: now,
    });
    if (!updated) throw new Error(`event ${event.id} vanished during its update`);
    const promoted = await promoteFromWaitlist(tx, updated, now);
    return ok({ updated, promoted });
  });
  if (!result.ok) return result;
  const { updated, promoted } = result.value;
  const mails = promoted.map((registration) =>
    registrationMail('promoted', updated, registration, {
      publicUrl: context.config.publicUrl,
      manageToken: null,
      now: context.now(),
    }),
  );
  if (placeChanged && updated.status === 'published') {
    const promotedIds = new Set(promoted.map((registration) => registration.id));
    for (const registration of await context.store.events.listRegistrations(event.id)) {
      if (registration.status === 'cancelled' || promotedIds.has(registration.id)) continue;
      mails.push(
        registrationMail('updated', updated, registration, {
          publicUrl: context.config.publicUrl,
          manageToken: null,
          now: context.now(),
        }),
      );
    }
  }
  await sendQuietly(context, mails);
  return ok(updated);
}

export async function approveEvent(context: AppContext, access: EventAccess): Promise<Outcome<EventRow>> {
  if (!access.canApprove) {
    return refuse(
      'forbidden',
      access.event.reviewId === null
        ? 'Only the instance owner approves standalone events.'
        : "Only the linked review's owners and organisers approve its events.",
    );
  }
  if (access.event.status !== 'proposed' && access.event.status !== 'draft') {
    return refuse('event_status', `This event is ${access.event.status}; only a proposed event can be approved.`);
  }
  const now = context.now().toISOString();
  const updated = await context.store.events.updateEvent(access.event.id, {
    status: 'published',
    approvedByAccountId: access.account.id,
    approvedAt: now,
    updatedAt: now,
  });
  return updated ? ok(updated) : refuse('event_not_found', `No event ${access.event.id}.`);
}

/** Cancels the event and sends everyone registered the calendar CANCEL. */
export async function cancelEvent(context: AppContext, access: EventAccess): Promise<Outcome<EventRow>> {
  const { event } = access;
  if (event.status === 'cancelled' || event.status === 'finished') {
    return refuse('event_status', `This event is ${event.status} already.`);
  }
  const now = context.now().toISOString();
  const updated = await context.store.events.updateEvent(event.id, {
    status: 'cancelled',
    sequence: event.sequence + 1,
    updatedAt: now,
  });
  if (!updated) return refuse('event_not_found', `No event ${event.id}.`);
  if (event.status === 'published') {
    const registrations = await context.store.events.listRegistrations(event.id);
    await sendQuietly(
      context,
      registrations
        .filter((registration) => registration.status !== 'cancelled')
        .map((registration) =>
          registrationMail('cancelled', updated, registration, {
            publicUrl: context.config.publicUrl,
            manageToken: null,
            now: context.now(),
          }),
        ),
    );
  }
  return ok(updated);
}

async function summarise(store: Store, event: EventRow, includePrivateReview: boolean): Promise<EventSummary> {
  const [counts, review] = await Promise.all([
    store.events.countRegistrations(event.id),
    event.reviewId === null ? Promise.resolve(undefined) : store.findReviewById(event.reviewId),
  ]);
  const shownReview = review && (includePrivateReview || review.visibility === 'public') ? review : undefined;
  return presentEventSummary(event, counts, shownReview);
}

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}

/** Published events, from today (or `from`) on, soonest first; with the types and regions to filter by. */
export async function listPublicEvents(context: AppContext, query: EventListQuery): Promise<EventList> {
  const endsFrom = query.from ? `${query.from}T00:00:00.000Z` : context.now().toISOString();
  const upcoming = await context.store.events.listEvents({ statuses: ['published'], endsFrom });
  const regions = [...new Set(upcoming.flatMap((event) => (event.region ? [event.region] : [])))].sort((a, b) =>
    a.localeCompare(b),
  );
  const events = upcoming.filter(
    (event) =>
      (query.type === undefined || event.type === query.type) &&
      (query.region === undefined || event.region === query.region) &&
      (query.to === undefined || event.startsAt < nextDay(query.to)),
  );
  return {
    types: context.config.eventTypes,
    regions,
    events: await Promise.all(events.map((event) => summarise(context.store, event, false))),
  };
}

/** A published, cancelled or finished event; drafts and proposals are not public. */
export async function getPublicEvent(context: AppContext, eventId: number): Promise<Outcome<EventDetail>> {
  const event = await context.store.events.findEvent(eventId);
  if (!event || event.status === 'draft' || event.status === 'proposed') {
    return refuse('event_not_found', `There is no event ${eventId}.`);
  }
  const questions = event.reviewId === null ? [] : await context.store.listIdentityQuestions(event.reviewId);
  return ok(presentEventDetail(await summarise(context.store, event, false), questions));
}

export async function getManagedEvent(context: AppContext, access: EventAccess): Promise<ManagedEvent> {
  const { event } = access;
  const [summary, hosts, registrations, counts] = await Promise.all([
    summarise(context.store, event, true),
    context.store.events.listEventHosts(event.id),
    context.store.events.listRegistrations(event.id),
    context.store.events.countRegistrations(event.id),
  ]);
  return presentManagedEvent(summary, event, hosts, registrations, counts, access.canApprove);
}

/** Events the account hosts, events waiting for its approval, and the reviews it may host for. */
export async function listManagedEvents(context: AppContext, account: AccountRow): Promise<ManagedEventList> {
  const reviews = await context.store.listReviewsForAccount(account.id, { archived: false });
  const approvable = reviews.filter(
    (review) => roleAllows(review.role, 'editReview') && roleAllows(review.role, 'hostEvents'),
  );
  const [hosting, awaiting] = await Promise.all([
    context.store.events.listEvents({ hostAccountId: account.id }),
    context.store.events.listEvents({
      statuses: ['proposed'],
      reviewIds: approvable.map((review) => review.id),
      standalone: account.isInstanceOwner,
    }),
  ]);
  return {
    types: context.config.eventTypes,
    hosting: await Promise.all(hosting.map((event) => summarise(context.store, event, true))),
    awaitingApproval: await Promise.all(awaiting.map((event) => summarise(context.store, event, true))),
    reviews: reviews
      .filter((review) => roleAllows(review.role, 'hostEvents'))
      .map((review) => ({ slug: review.slug, title: review.title })),
  };
}

/** A spreadsheet cell starting like a formula is defused with an apostrophe (names are typed by registrants). */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The attendee list for hosts: names, emails, status, waitlist place and attendance. No identity answers. */
export async function attendeeCsv(context: AppContext, access: EventAccess): Promise<string> {
  const registrations = await context.store.events.listRegistrations(access.event.id);
  return stringify(
    registrations.map((registration) => ({
      name: registration.name,
      email: registration.email,
      status: registration.status,
      waitlist_position: registration.position ?? '',
      registered_at: registration.createdAt,
      checked_in_at: registration.checkedInAt ?? '',
    })),
    {
      header: true,
      columns: ['name', 'email', 'status', 'waitlist_position', 'registered_at', 'checked_in_at'],
      cast: { string: defuse },
    },
  );
}
