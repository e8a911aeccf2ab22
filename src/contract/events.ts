import { z } from 'zod';
import { emailSchema } from './accounts.js';
import { identityKinds } from './identity.js';

/**
 * Events: roundtables, workshops, hackathons, socials; registration with a waitlist, check-in and
 * the table plan. Times travel two ways: the host types a wall-clock time and picks the IANA time
 * zone it is in; the server stores UTC and answers with both.
 */
export const eventFormats = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof eventFormats)[number];
export const eventStatuses = ['draft', 'proposed', 'published', 'cancelled', 'finished'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const eventLimits = {
  titleMaxLength: 200,
  descriptionMaxLength: 5000,
  placeMaxLength: 300,
  notesMaxLength: 1000,
  capacityMax: 10_000,
  nameMaxLength: 120,
  tableSizeMin: 2,
  tableSizeMax: 20,
} as const;

/** `2026-12-03T18:30`: a wall-clock time in the event's time zone, as an HTML datetime-local input gives it. */
const wallTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give a date and time such as 2026-12-03T18:30.');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const eventIdParams = z.object({ eventId: z.coerce.number().int().positive() });
export const registrationIdParams = eventIdParams.extend({ registrationId: z.coerce.number().int().positive() });
export const registrationTokenParams = z.object({ token: z.string().min(20).max(100) });

export const createEventBody = z.strictObject({
  type: z.string().trim().min(1, 'Choose a type of event.'),
  title: z.string().trim().min(1, 'An event needs a title.').max(eventLimits.titleMaxLength),
  description: z.string().trim().max(eventLimits.descriptionMaxLength).default(''),
  format: z.enum(eventFormats),
  venue: optionalText(eventLimits.placeMaxLength),
  address: optionalText(eventLimits.placeMaxLength),
  region: optionalText(eventLimits.placeMaxLength),
  accessibilityNotes: optionalText(eventLimits.notesMaxLength),
  // http(s) only: the link is shown to registrants as a link, and z.url() alone accepts javascript: URLs.
  meetingLink: z
    .url({ protocol: /^https?$/, message: 'Give the full meeting address, starting https://' })
    .max(2000)
    .nullable()
    .optional(),
  startsAt: wallTimeSchema,
  endsAt: wallTimeSchema,
  timeZone: z.string().trim().min(1, 'Choose a time zone.').max(64),
  capacity: z
    .number()
    .int('Capacity is a whole number of people.')
    .min(1, 'Capacity must be at least 1 person.')
    .max(eventLimits.capacityMax),
  /** Link to a review (its facilitators and organisers may host); null or absent for a standalone event. */
  reviewSlug: z.string().min(1).max(80).nullable().optional(),
  /** Keep it as a draft rather than proposing it for approval now. */
  draft: z.boolean().optional(),
});
export type CreateEventBody = z.input<typeof createEventBody>;

export const updateEventBody = createEventBody.omit({ reviewSlug: true, draft: true }).partial();
export type UpdateEventBody = z.input<typeof updateEventBody>;

export const eventListQuery = z.object({
  type: z.string().max(60).optional(),
  region: z.string().max(300).optional(),
  /** First day to show (YYYY-MM-DD, UTC); default today. */
  from: z.iso.date().optional(),
  /** Last day to show (YYYY-MM-DD, UTC), inclusive. */
  to: z.iso.date().optional(),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

export const eventQuestionSchema = z.object({
  id: z.number().int(),
  prompt: z.string(),
  kind: z.enum(identityKinds),
  explanation: z.string(),
  /** A place (seat) question: `options` is empty; the seat picker loads the places separately. */
  usesPlaceList: z.boolean(),
  options: z.array(z.object({ id: z.number().int(), label: z.string() })),
});
export type EventQuestion = z.infer<typeof eventQuestionSchema>;

/**
 * The answers this browser's participant gave to the linked review's identity questions, read
 * through their own participant cookie, so the registration form can offer to reuse them.
 */
export const myEventAnswersSchema = z.object({
  answers: z.array(z.object({ questionId: z.number().int(), optionId: z.number().int() })),
});
export type MyEventAnswers = z.infer<typeof myEventAnswersSchema>;

export const eventQuestionParams = eventIdParams.extend({ questionId: z.coerce.number().int().positive() });

export const eventSummarySchema = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  format: z.enum(eventFormats),
  venue: z.string().nullable(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  accessibilityNotes: z.string().nullable(),
  /** UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  /** The same instants as wall-clock times in `timeZone` (YYYY-MM-DDTHH:mm). */
  localStartsAt: z.string(),
  localEndsAt: z.string(),
  capacity: z.number().int(),
  status: z.enum(eventStatuses),
  placesLeft: z.number().int(),
  waitlisted: z.number().int(),
  review: z.object({ slug: z.string(), title: z.string() }).nullable(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventDetailSchema = eventSummarySchema.extend({
  /** The linked review's identity questions, all optional here. */
  questions: z.array(eventQuestionSchema),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventListSchema = z.object({
  types: z.array(z.string()),
  regions: z.array(z.string()),
  events: z.array(eventSummarySchema),
});
export type EventList = z.infer<typeof eventListSchema>;

export const registerBody = z.strictObject({
  name: z.string().trim().min(1, 'Give your name.').max(eventLimits.nameMaxLength),
  email: emailSchema,
  answers: z
    .array(z.strictObject({ questionId: z.number().int().positive(), optionId: z.number().int().positive() }))
    .max(20)
    .default([]),
});
export type RegisterBody = z.input<typeof registerBody>;

export const registrationResultSchema = z.object({
  status: z.enum(registrationStatuses),
  position: z.number().int().nullable(),
  /** The registrant's own page: status, cancel, meeting link, check-in code. Also emailed. */
  manageUrl: z.string(),
});
export type RegistrationResult = z.infer<typeof registrationResultSchema>;

export const myRegistrationSchema = z.object({
  event: eventSummarySchema,
  name: z.string(),
  status: z.enum(registrationStatuses),
  position: z.number().int().nullable(),
  /** Only with a confirmed place on an online or hybrid event. */
  meetingLink: z.string().nullable(),
  /** An SVG QR code of the check-in address, for the door; only with a confirmed place. */
  checkInQrSvg: z.string().nullable(),
  checkInUrl: z.string().nullable(),
  checkedIn: z.boolean(),
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const managedRegistrationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  status: z.enum(registrationStatuses),
  position: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  registeredAt: z.string(),
});
export type ManagedRegistration = z.infer<typeof managedRegistrationSchema>;

export const managedEventSchema = eventSummarySchema.extend({
  meetingLink: z.string().nullable(),
  hosts: z.array(z.object({ displayName: z.string(), role: z.enum(['host', 'facilitator']) })),
  canApprove: z.boolean(),
  checkedIn: z.number().int(),
  registrations: z.array(managedRegistrationSchema),
});
export type ManagedEvent = z.infer<typeof managedEventSchema>;

export const managedEventListSchema = z.object({
  types: z.array(z.string()),
  hosting: z.array(eventSummarySchema),
  awaitingApproval: z.array(eventSummarySchema),
  /** Reviews on which the account may host events, for the "linked review" choice. */
  reviews: z.array(z.object({ slug: z.string(), title: z.string() })),
});
export type ManagedEventList = z.infer<typeof managedEventListSchema>;

export const checkInBody = z.strictObject({ present: z.boolean() });
export const checkInByCodeBody = z.strictObject({ code: z.string().min(20).max(100) });

export const tablePlanBody = z.strictObject({
  tableSize: z.number().int().min(eventLimits.tableSizeMin).max(eventLimits.tableSizeMax),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  /** Seat everyone with a confirmed place, or only those checked in. */
  basis: z.enum(['confirmed', 'checked_in']).default('confirmed'),
});
export type TablePlanBody = z.input<typeof tablePlanBody>;

export const swapSeatsBody = z.strictObject({
  first: z.number().int().positive(),
  second: z.number().int().positive(),
});

export const tablePersonSchema = z.object({
  registrationId: z.number().int(),
  name: z.string(),
  tradition: z.string().nullable(),
  group: z.string().nullable(),
  region: z.string().nullable(),
  checkedIn: z.boolean(),
});
export type TablePerson = z.infer<typeof tablePersonSchema>;

export const tablePlanSchema = z.object({
  seed: z.number().int(),
  tableSize: z.number().int(),
  updatedAt: z.string(),
  /** 0..1, how closely tables mirror the room (1 = every table has the room's mix). */
  mixing: z.number(),
  attributes: z.array(
    z.object({
      name: z.string(),
      values: z.number(),
      minDistinct: z.number(),
      meanDistinct: z.number(),
      balance: z.number(),
    }),
  ),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  tables: z.array(
    z.object({
      table: z.number().int(),
      mixing: z.number(),
      distinct: z.record(z.string(), z.number()),
      people: z.array(tablePersonSchema),
    }),
  ),
  /** Registrants with a place who are not at any table (e.g. arrived after the plan was made). */
  unseated: z.array(tablePersonSchema),
});
export type TablePlanView = z.infer<typeof tablePlanSchema>;
