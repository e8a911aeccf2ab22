import type {
  RunSheetView,
  SuggestionView,
  VolunteerCapability,
  VolunteerOfferView,
} from '../../contract/event-outcomes.js';
import { eventMinutes } from '../../core/run-sheets/agenda.js';
import { agendaMinutes, type RunSheetLanguage } from '../../core/run-sheets/templates.js';
import type { RunSheetRow, SuggestionRow, VolunteerOfferRow } from '../../store/event-outcome-store.js';
import type { EventRow } from '../../store/event-store.js';

/**
 * The only way run sheet, suggestion and volunteer rows become JSON. Suggestions never carry the
 * registration that made them, so no view can put a name beside one.
 */

export function presentRunSheet(event: EventRow, sheet: RunSheetRow, now: Date): RunSheetView {
  return {
    eventId: event.id,
    eventTitle: event.title,
    template: sheet.template,
    language: sheet.language === 'cy' ? 'cy' : ('en' satisfies RunSheetLanguage),
    currentItemId: sheet.currentItemId,
    items: sheet.items.map((item) => ({
      id: item.id,
      title: item.title,
      minutes: item.minutes,
      prompts: item.prompts,
      startedAt: item.startedAt,
    })),
    totalMinutes: agendaMinutes(sheet.items),
    eventMinutes: eventMinutes(event.startsAt, event.endsAt),
    serverNow: now.toISOString(),
  };
}

export function presentSuggestion(row: SuggestionRow): SuggestionView {
  return {
    id: row.id,
    outcomeId: row.outcomeId,
    kind: row.kind,
    text: row.text,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export function presentVolunteerOffer(
  row: VolunteerOfferRow,
  eventTitles: ReadonlyMap<number, string>,
): VolunteerOfferView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    capabilities: row.capabilities as VolunteerCapability[],
    area: row.area,
    availability: row.availability,
    createdAt: row.createdAt,
    assignedEvents: row.assignedEventIds.map((id) => ({ id, title: eventTitles.get(id) ?? `#${id}` })),
  };
}
