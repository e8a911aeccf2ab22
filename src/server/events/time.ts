/**
 * Wall-clock times in IANA time zones, with Intl only (Node's bundled ICU keeps the tz database up
 * to date with Node; no extra package). Hosts type the time people will see on the clock at the
 * venue; we store the UTC instant and the zone, and derive the wall time again for display.
 */

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallParts(instant: number, timeZone: string): [number, number, number, number, number, number] {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const [year, month, day, hour, minute, second] = wallParts(whole, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
}

/**
 * `2026-12-03T18:30` in `Europe/London` → `2026-12-03T18:30:00.000Z`. Undefined for a date that does
 * not exist (31 February). A time skipped by a clock change lands just after the change.
 */
export function wallTimeToUtc(wallTime: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wallTime);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  const firstOffset = zoneOffset(asUtc, timeZone);
  let instant = asUtc - firstOffset;
  const secondOffset = zoneOffset(instant, timeZone);
  if (secondOffset !== firstOffset) instant = asUtc - secondOffset;
  return new Date(instant).toISOString();
}

/** `2026-12-03T18:30:00.000Z` in `Europe/London` → `2026-12-03T18:30`. */
export function utcToWallTime(iso: string, timeZone: string): string {
  const [year, month, day, hour, minute] = wallParts(Date.parse(iso), timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}
