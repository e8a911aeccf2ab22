import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { EventRow } from '../../store/event-store.js';

export type InviteMethod = 'REQUEST' | 'CANCEL';

/**
 * An iCalendar invitation for one event. Start and end are written in UTC (`DTSTART:…Z`): every
 * calendar reads them the same way and shows them in the reader's own zone, without a VTIMEZONE
 * block we would have to generate. The host's zone travels as X-WR-TIMEZONE for clients that show
 * it. The UID is stable per event and SEQUENCE grows with each change of time or place, so an
 * update replaces the earlier invite instead of adding a second entry.
 */
export function eventInvite(
  event: EventRow,
  options: { publicUrl: string; method: InviteMethod; meetingLink: string | null; now: Date },
): string {
  const host = new URL(options.publicUrl).hostname || 'localhost';
  const calendar = ical({
    prodId: { company: 'Common Ground', product: 'events', language: 'EN' },
    method: options.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: event.title,
    x: { 'X-WR-TIMEZONE': event.timeZone },
  });
  const place = [event.venue, event.address].filter((part): part is string => Boolean(part)).join(', ');
  const location = place || options.meetingLink || null;
  const url = `${options.publicUrl}/events/${event.id}`;
  const description = [event.description, options.meetingLink ? `Join online: ${options.meetingLink}` : '', url]
    .filter(Boolean)
    .join('\n\n');
  calendar.createEvent({
    id: `event-${event.id}@${host}`,
    sequence: event.sequence,
    stamp: options.now,
    start: new Date(event.startsAt),
    end: new Date(event.endsAt),
    summary: event.title,
    description,
    location,
    url,
    status:
      options.method === 'CANCEL' || event.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
