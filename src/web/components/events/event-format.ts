import type { EventSummary } from '../../../contract/events.js';

/**
 * The event's date and time as the venue's clock shows them, in the reader's language. Welsh falls
 * back to numbers when the browser lacks Welsh month names.
 */
export function formatEventWhen(event: EventSummary, language: string): string {
  const locale = language === 'cy' ? 'cy-GB' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: event.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone: event.timeZone, hour: '2-digit', minute: '2-digit' });
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const endText = day.format(start) === day.format(end) ? time.format(end) : `${day.format(end)} ${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)}–${endText} (${event.timeZone})`;
}

/** The browser's own zone, the default for a new event. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
}

/** Every zone the browser knows, for the picker; a short list when it cannot say. */
export function knownTimeZones(): string[] {
  const withList = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = withList.supportedValuesOf?.('timeZone') ?? [];
  return zones.length > 0 ? zones : ['Europe/London', 'Europe/Dublin', 'Europe/Paris', 'UTC'];
}
