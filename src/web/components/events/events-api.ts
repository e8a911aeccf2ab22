/**
 * The events calls, beside the main `api` object so event work stays in its own files. Types only
 * from the contract, as everywhere in the browser.
 */
import type {
  CreateEventBody,
  EventDetail,
  EventList,
  EventListQuery,
  ManagedEvent,
  ManagedEventList,
  ManagedRegistration,
  MyEventAnswers,
  MyRegistration,
  RegisterBody,
  RegistrationResult,
  TablePlanBody,
  TablePlanView,
  UpdateEventBody,
} from '../../../contract/events.js';
import { type PlaceOption, request } from '../../api.js';

export type {
  EventDetail,
  EventList,
  EventListQuery,
  ManagedEvent,
  ManagedEventList,
  ManagedRegistration,
  MyRegistration,
  RegistrationResult,
  TablePlanView,
};

const manage = (eventId: number) => `/api/manage/events/${eventId}`;

function queryString(query: EventListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const eventsApi = {
  list: (query: EventListQuery) => request<EventList>('GET', `/api/events${queryString(query)}`),
  get: (eventId: number) => request<EventDetail>('GET', `/api/events/${eventId}`),
  register: (eventId: number, body: RegisterBody) =>
    request<RegistrationResult>('POST', `/api/events/${eventId}/registrations`, body),
  /** This browser's own answers to the linked review's questions (its participant cookie), or none. */
  myAnswers: (eventId: number) => request<MyEventAnswers>('GET', `/api/events/${eventId}/my-answers`),
  placeOptions: (eventId: number, questionId: number) =>
    request<PlaceOption[]>('GET', `/api/events/${eventId}/questions/${questionId}/places`),
  myRegistration: (token: string) =>
    request<MyRegistration>('GET', `/api/event-registrations/${encodeURIComponent(token)}`),
  cancelRegistration: (token: string) =>
    request<MyRegistration>('POST', `/api/event-registrations/${encodeURIComponent(token)}/cancel`),

  managed: () => request<ManagedEventList>('GET', '/api/manage/events'),
  create: (body: CreateEventBody) => request<ManagedEvent>('POST', '/api/manage/events', body),
  managedEvent: (eventId: number) => request<ManagedEvent>('GET', manage(eventId)),
  update: (eventId: number, body: UpdateEventBody) => request<ManagedEvent>('PATCH', manage(eventId), body),
  approve: (eventId: number) => request<ManagedEvent>('POST', `${manage(eventId)}/approve`),
  cancel: (eventId: number) => request<ManagedEvent>('POST', `${manage(eventId)}/cancel`),
  attendeesCsvUrl: (eventId: number) => `${manage(eventId)}/attendees.csv`,
  setAttendance: (eventId: number, registrationId: number, present: boolean) =>
    request<ManagedRegistration>('POST', `${manage(eventId)}/registrations/${registrationId}/check-in`, { present }),
  checkInByCode: (eventId: number, code: string) =>
    request<ManagedRegistration>('POST', `${manage(eventId)}/check-in`, { code }),
  tablePlan: (eventId: number) => request<TablePlanView>('GET', `${manage(eventId)}/table-plan`),
  planTables: (eventId: number, body: TablePlanBody) =>
    request<TablePlanView>('POST', `${manage(eventId)}/table-plan`, body),
  swapSeats: (eventId: number, first: number, second: number) =>
    request<TablePlanView>('POST', `${manage(eventId)}/table-plan/swap`, { first, second }),
  replanForCheckIn: (eventId: number) => request<TablePlanView>('POST', `${manage(eventId)}/table-plan/check-in`),
};

export const eventKeys = {
  list: (query: EventListQuery) => ['events', 'list', query] as const,
  detail: (eventId: number) => ['events', 'detail', eventId] as const,
  registration: (token: string) => ['events', 'registration', token] as const,
  myAnswers: (eventId: number) => ['events', 'my-answers', eventId] as const,
  placeOptions: (eventId: number, questionId: number) => ['events', 'places', eventId, questionId] as const,
  managed: ['events', 'managed'] as const,
  managedEvent: (eventId: number) => ['events', 'managed', eventId] as const,
  tablePlan: (eventId: number) => ['events', 'managed', eventId, 'table-plan'] as const,
};
