import { type AgendaItemDraft, agendaMinutes } from './templates.js';

/**
 * Rules for an event's agenda and its live timer. Times are ISO strings or epoch milliseconds passed
 * in; nothing here reads a clock.
 */

export const agendaLimits = {
  minutesMin: 1,
  minutesMax: 240,
  itemsMax: 40,
  titleMaxLength: 200,
  promptsMax: 12,
  promptMaxLength: 500,
} as const;

export interface AgendaProblem {
  /** A path such as `items.2.minutes`, or `items` for the whole agenda. */
  field: string;
  message: string;
}

/** Whole minutes between the event's start and end (rounded down). */
export function eventMinutes(startsAt: string, endsAt: string): number {
  return Math.floor((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/**
 * Every problem with an agenda at once: each item's minutes within 1–240 and a title, and the total
 * fitting the time between the event's start and end.
 */
export function checkAgenda(items: readonly AgendaItemDraft[], availableMinutes: number): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  if (items.length === 0) problems.push({ field: 'items', message: 'An agenda needs at least one item.' });
  if (items.length > agendaLimits.itemsMax) {
    problems.push({ field: 'items', message: `An agenda has at most ${agendaLimits.itemsMax} items.` });
  }
  items.forEach((item, index) => {
    if (
      !Number.isInteger(item.minutes) ||
      item.minutes < agendaLimits.minutesMin ||
      item.minutes > agendaLimits.minutesMax
    ) {
      problems.push({
        field: `items.${index}.minutes`,
        message: `Give a whole number of minutes from ${agendaLimits.minutesMin} to ${agendaLimits.minutesMax}.`,
      });
    }
    if (item.title.trim() === '') problems.push({ field: `items.${index}.title`, message: 'Each item needs a title.' });
  });
  const total = agendaMinutes(items);
  if (problems.length === 0 && total > availableMinutes) {
    problems.push({
      field: 'items',
      message: `The agenda takes ${total} minutes but the event lasts ${availableMinutes}.`,
    });
  }
  return problems;
}

/**
 * Milliseconds left on an item started at `startedAt` (negative once it overruns). The browser
 * calls this every second from the server's `startedAt`, so a reload loses no time.
 */
export function millisecondsLeft(minutes: number, startedAt: string, nowMs: number): number {
  return Date.parse(startedAt) + minutes * 60_000 - nowMs;
}

/** The id of the item before or after the current one; undefined at either end. */
export function neighbourItem(
  itemIds: readonly number[],
  currentItemId: number | null,
  direction: 'next' | 'previous',
): number | undefined {
  if (currentItemId === null) return direction === 'next' ? itemIds[0] : undefined;
  const index = itemIds.indexOf(currentItemId);
  if (index === -1) return itemIds[0];
  return itemIds[direction === 'next' ? index + 1 : index - 1];
}
