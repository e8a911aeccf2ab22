import type { EventRow, RegistrationRow } from '../../store/event-store.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { eventInvite } from './ics.js';
import { eventUrl, registrationUrl } from './links.js';

export type EventMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'updated' | 'cancelled' | 'reminder';

/** "Thursday 3 December 2026, 18:30 to 20:30 (Europe/London)", in the event's own zone. */
export function describeWhen(event: EventRow): string {
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: event.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: event.timeZone, hour: '2-digit', minute: '2-digit' });
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const sameDay = day.format(start) === day.format(end);
  const until = sameDay ? time.format(end) : `${day.format(end)}, ${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} to ${until} (${event.timeZone})`;
}

function describeWhere(event: EventRow, meetingLink: string | null): string {
  const lines: string[] = [];
  const place = [event.venue, event.address].filter(Boolean).join(', ');
  if (event.format !== 'online' && place) lines.push(`Where: ${place}`);
  if (event.format !== 'in_person')
    lines.push(meetingLink ? `Online: ${meetingLink}` : 'Online: the link comes with your confirmed place.');
  if (event.accessibilityNotes) lines.push(`Access: ${event.accessibilityNotes}`);
  return lines.join('\n');
}

/**
 * One email about a registration. Confirmed places (new, promoted, changed, reminded) carry the
 * calendar invite; a cancellation carries the CANCEL that removes it. The meeting link goes only to
 * people with a place.
 */
export function registrationMail(
  kind: EventMailKind,
  event: EventRow,
  registration: RegistrationRow,
  options: { publicUrl: string; manageToken: string | null; now: Date },
): OutgoingMail {
  const confirmed = registration.status === 'confirmed';
  const meetingLink = confirmed ? event.meetingLink : null;
  const subjects: Record<EventMailKind, string> = {
    confirmed: `Your place at ${event.title}`,
    waitlisted: `On the waitlist for ${event.title}`,
    promoted: `A place has opened up: you are going to ${event.title}`,
    updated: `Changed: ${event.title}`,
    cancelled: `Cancelled: ${event.title}`,
    reminder: `Tomorrow: ${event.title}`,
  };
  const openings: Record<EventMailKind, string> = {
    confirmed: 'Your place is confirmed.',
    waitlisted: `The event is full, so you are number ${registration.position ?? '?'} on the waitlist. If someone cancels, you move up and we email you at once.`,
    promoted: 'Someone cancelled, and the place is now yours.',
    updated: 'The time or place of this event has changed. The details below are the new ones.',
    cancelled: 'This event has been cancelled. We are sorry.',
    reminder: 'A reminder: this event is coming up.',
  };
  const link = options.manageToken
    ? `Your registration (details, check-in code, or cancel): ${registrationUrl(options.publicUrl, event.id, options.manageToken)}`
    : `The event: ${eventUrl(options.publicUrl, event.id)}`;
  const text = [
    `Hello ${registration.name},`,
    openings[kind],
    `${event.title}\nWhen: ${describeWhen(event)}\n${describeWhere(event, meetingLink)}`,
    kind === 'cancelled' ? '' : link,
  ]
    .filter(Boolean)
    .join('\n\n');
  const withInvite = kind === 'cancelled' || (confirmed && kind !== 'waitlisted');
  return {
    to: registration.email,
    subject: subjects[kind],
    text,
    ...(withInvite
      ? {
          icalEvent: {
            filename: 'invite.ics',
            method: kind === 'cancelled' ? ('CANCEL' as const) : ('REQUEST' as const),
            content: eventInvite(event, {
              publicUrl: options.publicUrl,
              method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
              meetingLink,
              now: options.now,
            }),
          },
        }
      : {}),
  };
}
