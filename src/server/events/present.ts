import type {
  EventDetail,
  EventQuestion,
  EventSummary,
  ManagedEvent,
  ManagedRegistration,
} from '../../contract/events.js';
import type { EventHostRow, EventRow, RegistrationRow } from '../../store/event-store.js';
import type { IdentityQuestionRow, ReviewRow } from '../../store/store.js';
import { utcToWallTime } from './time.js';

/**
 * The only way event rows become JSON. Token hashes never leave; the meeting link only in the
 * manager's view and in a confirmed registrant's own view; emails only to hosts.
 */

export interface EventCounts {
  confirmed: number;
  waitlisted: number;
  checkedIn: number;
}

export function presentEventSummary(
  event: EventRow,
  counts: EventCounts,
  review: Pick<ReviewRow, 'slug' | 'title'> | undefined,
): EventSummary {
  return {
    id: event.id,
    type: event.type,
    title: event.title,
    description: event.description,
    format: event.format,
    venue: event.venue,
    address: event.address,
    region: event.region,
    accessibilityNotes: event.accessibilityNotes,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    localStartsAt: utcToWallTime(event.startsAt, event.timeZone),
    localEndsAt: utcToWallTime(event.endsAt, event.timeZone),
    capacity: event.capacity,
    status: event.status,
    placesLeft: Math.max(0, event.capacity - counts.confirmed),
    waitlisted: counts.waitlisted,
    review: review ? { slug: review.slug, title: review.title } : null,
  };
}

/**
 * Questions a registrant may answer: the review's own. A place question comes without its options
 * (there may be hundreds); the seat picker loads them once from the event's places endpoint.
 */
export function presentEventQuestions(questions: IdentityQuestionRow[]): EventQuestion[] {
  return questions.map((question) => ({
    id: question.id,
    prompt: question.prompt,
    kind: question.kind,
    explanation: question.explanation,
    usesPlaceList: question.usesPlaceList,
    options: question.usesPlaceList ? [] : question.options.map((option) => ({ id: option.id, label: option.label })),
  }));
}

export function presentEventDetail(summary: EventSummary, questions: IdentityQuestionRow[]): EventDetail {
  return { ...summary, questions: presentEventQuestions(questions) };
}

export function presentManagedRegistration(registration: RegistrationRow): ManagedRegistration {
  return {
    id: registration.id,
    name: registration.name,
    email: registration.email,
    status: registration.status,
    position: registration.position,
    checkedInAt: registration.checkedInAt,
    registeredAt: registration.createdAt,
  };
}

export function presentManagedEvent(
  summary: EventSummary,
  event: EventRow,
  hosts: EventHostRow[],
  registrations: RegistrationRow[],
  counts: EventCounts,
  canApprove: boolean,
): ManagedEvent {
  return {
    ...summary,
    meetingLink: event.meetingLink,
    hosts: hosts.map((host) => ({ displayName: host.displayName, role: host.role })),
    canApprove,
    checkedIn: counts.checkedIn,
    registrations: registrations.map(presentManagedRegistration),
  };
}
