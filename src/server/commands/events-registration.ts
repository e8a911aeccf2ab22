import QRCode from 'qrcode';
import type { MyRegistration, RegisterBody, RegistrationResult } from '../../contract/events.js';
import {
  type EventRow,
  type RegistrationAnswer,
  type RegistrationRow,
  storeEventConstraints,
} from '../../store/event-store.js';
import { type Store, StoreConflictError } from '../../store/store.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import { checkInCodeFor, checkInUrl, registrationUrl } from '../events/links.js';
import { registrationMail } from '../events/mail.js';
import { presentEventSummary, presentManagedRegistration } from '../events/present.js';
import type { OutgoingMail } from '../mail/mailer.js';
import type { EventAccess } from './events.js';

/**
 * Sends after the commit; a failed send must not undo a registration or a promotion (the
 * registrant's page shows the same facts). Failures are returned so the route can log them.
 */
export async function sendQuietly(context: AppContext, mails: OutgoingMail[]): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const mail of mails) {
    try {
      await context.mailer.send(mail);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}

/**
 * Fills free places from the head of the waitlist and renumbers the rest from 1. Call inside the
 * transaction that freed the places, after `lockEvent`, so two cancellations cannot both promote
 * the same person or overfill the room.
 */
export async function promoteFromWaitlist(tx: Store, event: EventRow, now: string): Promise<RegistrationRow[]> {
  const promoted: RegistrationRow[] = [];
  if (event.status !== 'published' && event.status !== 'proposed' && event.status !== 'draft') return promoted;
  const counts = await tx.events.countRegistrations(event.id);
  let free = event.capacity - counts.confirmed;
  const waiting = (await tx.events.listRegistrations(event.id)).filter((row) => row.status === 'waitlisted');
  let position = 0;
  for (const registration of waiting) {
    if (free > 0) {
      promoted.push(
        await tx.events.updateRegistration(registration.id, { status: 'confirmed', position: null, updatedAt: now }),
      );
      free -= 1;
    } else {
      position += 1;
      if (registration.position !== position) {
        await tx.events.updateRegistration(registration.id, { position, updatedAt: now });
      }
    }
  }
  return promoted;
}

function checkAnswers(
  answers: RegistrationAnswer[],
  questions: Array<{ id: number; usesPlaceList: boolean; options: Array<{ id: number }> }>,
): Outcome<RegistrationAnswer[]> {
  const seen = new Set<number>();
  for (const [index, answer] of answers.entries()) {
    const question = questions.find((candidate) => candidate.id === answer.questionId);
    const field = `answers.${index}`;
    if (!question || seen.has(answer.questionId)) {
      return refuse('validation_failed', `${field}: not a question of this event, or answered twice.`, [
        { field, message: 'Not a question of this event, or answered twice.' },
      ]);
    }
    if (!question.options.some((option) => option.id === answer.optionId)) {
      const message = question.usesPlaceList
        ? 'Not a place on this question’s list.'
        : 'Not an option of that question.';
      return refuse('validation_failed', `${field}: ${message}`, [{ field, message }]);
    }
    seen.add(answer.questionId);
  }
  return ok(answers);
}

/**
 * Registers one person: a place while there is room, otherwise the end of the waitlist (not an
 * error). The capacity check and the insert run in one transaction with the event locked, so
 * concurrent registrations cannot overfill it. One registration per email; someone who cancelled
 * may register again (back at the end of the queue).
 */
export async function register(
  context: AppContext,
  eventId: number,
  body: { name: string; email: string; answers: RegistrationAnswer[] },
): Promise<Outcome<RegistrationResult & { mailFailures: unknown[] }>> {
  const event = await context.store.events.findEvent(eventId);
  if (!event || event.status === 'draft' || event.status === 'proposed') {
    return refuse('event_not_found', `There is no event ${eventId}.`);
  }
  const now = context.now();
  if (event.status !== 'published') return refuse('event_not_open', `This event is ${event.status}.`);
  if (event.startsAt <= now.toISOString()) return refuse('event_not_open', 'This event has already started.');
  const questions = event.reviewId === null ? [] : await context.store.listIdentityQuestions(event.reviewId);
  const answers = checkAnswers(body.answers, questions);
  if (!answers.ok) return answers;

  const manageToken = newToken();
  const alreadyRegistered = () =>
    refuse<RegistrationRow>('already_registered', `${body.email} is already registered for this event.`, [
      {
        field: 'email',
        message: 'This email is already registered. Use the link in your confirmation email to see or cancel it.',
      },
    ]);
  const outcome = await context.store
    .transaction(async (tx): Promise<Outcome<RegistrationRow>> => {
      await tx.events.lockEvent(event.id);
      const existing = await tx.events.findRegistrationByEmail(event.id, body.email);
      if (existing && existing.status !== 'cancelled') return alreadyRegistered();
      const counts = await tx.events.countRegistrations(event.id);
      const status = counts.confirmed < event.capacity ? 'confirmed' : 'waitlisted';
      const position = status === 'waitlisted' ? await tx.events.nextWaitlistPosition(event.id) : null;
      const values = {
        name: body.name,
        answers: answers.value,
        status,
        position,
        manageTokenHash: hashToken(manageToken),
        checkInTokenHash: hashToken(checkInCodeFor(manageToken)),
      } as const;
      if (existing) {
        return ok(
          await tx.events.updateRegistration(existing.id, {
            ...values,
            checkedInAt: null,
            updatedAt: now.toISOString(),
          }),
        );
      }
      return ok(
        await tx.events.createRegistration({
          eventId: event.id,
          email: body.email,
          opinionGroup: null,
          createdAt: now.toISOString(),
          ...values,
        }),
      );
    })
    .catch((error: unknown) => {
      // Two registrations of one address racing past the check: the unique index decides.
      if (error instanceof StoreConflictError && error.constraint === storeEventConstraints.registrationEmail) {
        return alreadyRegistered();
      }
      throw error;
    });
  if (!outcome.ok) return outcome;
  const registration = outcome.value;
  const mailFailures = await sendQuietly(context, [
    registrationMail(registration.status === 'confirmed' ? 'confirmed' : 'waitlisted', event, registration, {
      publicUrl: context.config.publicUrl,
      manageToken,
      now,
    }),
  ]);
  return ok({
    status: registration.status,
    position: registration.position,
    manageUrl: registrationUrl(context.config.publicUrl, event.id, manageToken),
    mailFailures,
  });
}

async function findByToken(
  context: AppContext,
  token: string,
): Promise<Outcome<{ registration: RegistrationRow; event: EventRow }>> {
  const registration = await context.store.events.findRegistrationByManageTokenHash(hashToken(token));
  const event = registration ? await context.store.events.findEvent(registration.eventId) : undefined;
  if (!registration || !event) return refuse('registration_not_found', 'This registration link is not valid.');
  return ok({ registration, event });
}

/** The registrant's own page: status, and for a confirmed place the meeting link and check-in QR code. */
export async function myRegistration(context: AppContext, token: string): Promise<Outcome<MyRegistration>> {
  const found = await findByToken(context, token);
  if (!found.ok) return found;
  const { registration, event } = found.value;
  const counts = await context.store.events.countRegistrations(event.id);
  const review = event.reviewId === null ? undefined : await context.store.findReviewById(event.reviewId);
  const confirmed = registration.status === 'confirmed' && event.status === 'published';
  const url = confirmed ? checkInUrl(context.config.publicUrl, event.id, checkInCodeFor(token)) : null;
  return ok({
    event: presentEventSummary(event, counts, review?.visibility === 'public' ? review : undefined),
    name: registration.name,
    status: registration.status,
    position: registration.position,
    meetingLink: confirmed && event.format !== 'in_person' ? event.meetingLink : null,
    checkInUrl: url,
    checkInQrSvg: url ? await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
    checkedIn: registration.checkedInAt !== null,
  });
}

/**
 * Cancels through the registrant's link. Freeing a confirmed place promotes the head of the
 * waitlist in the same transaction (event locked), then emails them their place.
 */
export async function cancelRegistration(
  context: AppContext,
  token: string,
): Promise<Outcome<{ registration: MyRegistration; mailFailures: unknown[] }>> {
  const found = await findByToken(context, token);
  if (!found.ok) return found;
  const { event } = found.value;
  const now = context.now().toISOString();
  const promoted = await context.store.transaction(async (tx) => {
    await tx.events.lockEvent(event.id);
    const current = await tx.events.findRegistration(event.id, found.value.registration.id);
    if (!current || current.status === 'cancelled') return [];
    await tx.events.updateRegistration(current.id, { status: 'cancelled', position: null, updatedAt: now });
    return event.startsAt > now ? promoteFromWaitlist(tx, event, now) : [];
  });
  const mailFailures = await sendQuietly(
    context,
    promoted.map((registration) =>
      registrationMail('promoted', event, registration, {
        publicUrl: context.config.publicUrl,
        manageToken: null,
        now: context.now(),
      }),
    ),
  );
  const view = await myRegistration(context, token);
  if (!view.ok) return view;
  return ok({ registration: view.value, mailFailures });
}

export async function setAttendance(
  context: AppContext,
  access: EventAccess,
  registrationId: number,
  present: boolean,
) {
  const registration = await context.store.events.findRegistration(access.event.id, registrationId);
  if (!registration) return refuse('registration_not_found', `No registration ${registrationId} for this event.`);
  return recordAttendance(context, registration, present);
}

/** Check-in by the code in a registrant's QR code; a code for another event is not found here. */
export async function checkInByCode(context: AppContext, access: EventAccess, code: string) {
  const registration = await context.store.events.findRegistrationByCheckInTokenHash(hashToken(code));
  if (!registration || registration.eventId !== access.event.id) {
    return refuse('registration_not_found', 'This check-in code is not for this event.');
  }
  return recordAttendance(context, registration, true);
}

async function recordAttendance(context: AppContext, registration: RegistrationRow, present: boolean) {
  if (registration.status !== 'confirmed') {
    return refuse(
      'event_status',
      `${registration.name} is ${registration.status}, not confirmed; give them a place first.`,
    );
  }
  const updated = await context.store.events.updateRegistration(registration.id, {
    checkedInAt: present ? (registration.checkedInAt ?? context.now().toISOString()) : null,
    updatedAt: context.now().toISOString(),
  });
  return ok(presentManagedRegistration(updated));
}

export type { RegisterBody };
