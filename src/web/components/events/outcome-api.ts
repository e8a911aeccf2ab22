/**
 * Calls for run sheets, outcomes, the event report and volunteers, beside `events-api.ts`. Types only
 * from the contract.
 */
import type {
  AgendaBody,
  ApplyTemplateBody,
  AttendeeReportView,
  EventOutcomesView,
  OutcomeView,
  PublicReportView,
  RunSheetTemplateView,
  RunSheetView,
  RunStepBody,
  SuggestionBody,
  SuggestionView,
  VolunteerList,
  VolunteerListQuery,
  VolunteerOfferBody,
  VolunteerOfferView,
} from '../../../contract/event-outcomes.js';
import { request } from '../../api.js';

export type {
  AgendaBody,
  AttendeeReportView,
  EventOutcomesView,
  OutcomeView,
  PublicReportView,
  RunSheetTemplateView,
  RunSheetView,
  SuggestionView,
  VolunteerList,
  VolunteerListQuery,
  VolunteerOfferView,
};

const manage = (eventId: number) => `/api/manage/events/${eventId}`;
const registration = (token: string) => `/api/event-registrations/${encodeURIComponent(token)}`;

export const outcomeApi = {
  templates: (language: 'en' | 'cy') =>
    request<{ templates: RunSheetTemplateView[] }>('GET', `/api/manage/run-sheet-templates?lang=${language}`),
  runSheet: (eventId: number) => request<RunSheetView>('GET', `${manage(eventId)}/run-sheet`),
  applyTemplate: (eventId: number, body: ApplyTemplateBody) =>
    request<RunSheetView>('POST', `${manage(eventId)}/run-sheet/template`, body),
  saveAgenda: (eventId: number, body: AgendaBody) => request<RunSheetView>('PUT', `${manage(eventId)}/run-sheet`, body),
  step: (eventId: number, body: RunStepBody) =>
    request<RunSheetView>('POST', `${manage(eventId)}/run-sheet/step`, body),

  outcomes: (eventId: number) => request<EventOutcomesView>('GET', `${manage(eventId)}/outcomes`),
  captureStatement: (eventId: number, text: string) =>
    request<unknown>('POST', `${manage(eventId)}/statements`, { text }),
  addOutcome: (eventId: number, body: { kind: OutcomeView['kind']; text: string }) =>
    request<OutcomeView>('POST', `${manage(eventId)}/outcomes`, body),
  removeOutcome: (eventId: number, outcomeId: number) =>
    request<void>('DELETE', `${manage(eventId)}/outcomes/${outcomeId}`),
  saveSummary: (eventId: number, summary: string) =>
    request<EventOutcomesView>('PUT', `${manage(eventId)}/report`, { summary }),
  finish: (eventId: number) => request<EventOutcomesView>('POST', `${manage(eventId)}/finish`),
  decide: (eventId: number, suggestionId: number, decision: 'accept' | 'decline') =>
    request<SuggestionView>('POST', `${manage(eventId)}/report/suggestions/${suggestionId}/decision`, { decision }),

  attendeeReport: (token: string) => request<AttendeeReportView>('GET', `${registration(token)}/report`),
  suggest: (token: string, body: SuggestionBody) =>
    request<SuggestionView>('POST', `${registration(token)}/report/suggestions`, body),
  publicReport: (eventId: number) => request<PublicReportView>('GET', `/api/events/${eventId}/report`),

  offerToVolunteer: (body: VolunteerOfferBody) => request<{ received: true }>('POST', '/api/volunteers', body),
  volunteers: (query: VolunteerListQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    const text = params.toString();
    return request<VolunteerList>('GET', `/api/manage/volunteers${text ? `?${text}` : ''}`);
  },
  assignVolunteer: (offerId: number, eventId: number) =>
    request<VolunteerOfferView>('POST', `/api/manage/volunteers/${offerId}/assignments`, { eventId }),
};

export const outcomeKeys = {
  runSheet: (eventId: number) => ['events', 'managed', eventId, 'run-sheet'] as const,
  templates: (language: string) => ['run-sheet-templates', language] as const,
  outcomes: (eventId: number) => ['events', 'managed', eventId, 'outcomes'] as const,
  attendeeReport: (token: string) => ['events', 'registration', token, 'report'] as const,
  publicReport: (eventId: number) => ['events', 'detail', eventId, 'report'] as const,
  volunteers: (query: VolunteerListQuery) => ['volunteers', query] as const,
};
