import { z } from 'zod';
import { outcomeKinds } from '../core/event-report.js';
import { agendaLimits } from '../core/run-sheets/agenda.js';
import { runSheetLanguages, runSheetTemplateIds } from '../core/run-sheets/templates.js';
import { emailSchema } from './accounts.js';
import { eventIdParams } from './events.js';
import { statementText } from './statements.js';

/**
 * Run sheets (the roundtable guide as a timed agenda), outcomes captured at an event, the event
 * report with attendees' suggestions, and volunteers.
 */
export { outcomeKinds, runSheetLanguages, runSheetTemplateIds };
export const volunteerCapabilities = ['host', 'facilitate', 'venue', 'food', 'tech'] as const;
export type VolunteerCapability = (typeof volunteerCapabilities)[number];
export const reportPhases = ['draft', 'open', 'locked'] as const;

export const outcomeLimits = { textMaxLength: 1000, summaryMaxLength: 5000 } as const;

export const outcomeIdParams = eventIdParams.extend({ outcomeId: z.coerce.number().int().positive() });
export const suggestionIdParams = eventIdParams.extend({ suggestionId: z.coerce.number().int().positive() });
export const offerIdParams = z.object({ offerId: z.coerce.number().int().positive() });

// Run sheets

export const runSheetTemplateSchema = z.object({
  id: z.enum(runSheetTemplateIds),
  name: z.string(),
  totalMinutes: z.number().int(),
  items: z.array(z.object({ title: z.string(), minutes: z.number().int(), prompts: z.array(z.string()) })),
});
export const runSheetTemplateListSchema = z.object({ templates: z.array(runSheetTemplateSchema) });
export const runSheetTemplateQuery = z.object({ lang: z.enum(runSheetLanguages).default('en') });
export type RunSheetTemplateView = z.infer<typeof runSheetTemplateSchema>;

export const applyTemplateBody = z.strictObject({
  template: z.enum(runSheetTemplateIds),
  language: z.enum(runSheetLanguages),
});
export type ApplyTemplateBody = z.infer<typeof applyTemplateBody>;

export const agendaItemBody = z.strictObject({
  title: z.string().trim().min(1, 'Each item needs a title.').max(agendaLimits.titleMaxLength),
  minutes: z
    .number()
    .int('Give a whole number of minutes.')
    .min(agendaLimits.minutesMin, `At least ${agendaLimits.minutesMin} minute.`)
    .max(agendaLimits.minutesMax, `At most ${agendaLimits.minutesMax} minutes.`),
  prompts: z.array(z.string().trim().min(1).max(agendaLimits.promptMaxLength)).max(agendaLimits.promptsMax),
});
export const agendaBody = z.strictObject({
  items: z.array(agendaItemBody).min(1, 'An agenda needs at least one item.').max(agendaLimits.itemsMax),
});
export type AgendaBody = z.infer<typeof agendaBody>;

/**
 * Move the run to an item (null: stop). `startedAt` is when the facilitator pressed the button, sent
 * when a phone was offline and replays the step later; the server keeps it only if it is recent.
 */
export const runStepBody = z.strictObject({
  itemId: z.number().int().positive().nullable(),
  startedAt: z.iso.datetime().optional(),
});
export type RunStepBody = z.infer<typeof runStepBody>;

export const agendaItemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  minutes: z.number().int(),
  prompts: z.array(z.string()),
  startedAt: z.string().nullable(),
});
export const runSheetSchema = z.object({
  eventId: z.number().int(),
  eventTitle: z.string(),
  template: z.string().nullable(),
  language: z.enum(runSheetLanguages),
  currentItemId: z.number().int().nullable(),
  items: z.array(agendaItemSchema),
  totalMinutes: z.number().int(),
  /** Minutes between the event's start and end: the agenda must fit. */
  eventMinutes: z.number().int(),
  /** The server's clock when answering, so a phone with a wrong clock still counts down right. */
  serverNow: z.string(),
});
export type RunSheetView = z.infer<typeof runSheetSchema>;
export type AgendaItemView = z.infer<typeof agendaItemSchema>;

// Outcomes and the report

export const captureStatementBody = z.strictObject({ text: statementText });
export const outcomeBody = z.strictObject({
  kind: z.enum(outcomeKinds),
  text: z.string().trim().min(1, 'Write the outcome.').max(outcomeLimits.textMaxLength),
});
export const outcomeTextBody = outcomeBody.pick({ text: true });
export const reportSummaryBody = z.strictObject({
  summary: z.string().trim().max(outcomeLimits.summaryMaxLength),
});
export const suggestionDecisionBody = z.strictObject({ decision: z.enum(['accept', 'decline']) });
export const suggestionBody = z.strictObject({
  text: z.string().trim().min(1, 'Write your suggestion.').max(outcomeLimits.textMaxLength),
  /** The outcome whose wording to change; absent to suggest something missing (then give `kind`). */
  outcomeId: z.number().int().positive().optional(),
  kind: z.enum(outcomeKinds).optional(),
});
export type SuggestionBody = z.infer<typeof suggestionBody>;

export const outcomeSchema = z.object({ id: z.number().int(), kind: z.enum(outcomeKinds), text: z.string() });
export const eventStatementSchema = z.object({
  statementId: z.number().int(),
  text: z.string(),
  moderation: z.enum(['pending', 'accepted', 'rejected']),
});
export const reportContentSchema = z.object({
  summary: z.string(),
  sections: z.array(
    z.object({ kind: z.enum(outcomeKinds), items: z.array(z.object({ id: z.number().int(), text: z.string() })) }),
  ),
  statements: z.array(z.string()),
});
export const suggestionSchema = z.object({
  id: z.number().int(),
  outcomeId: z.number().int().nullable(),
  kind: z.enum(outcomeKinds).nullable(),
  text: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
});
export const reportStateSchema = z.object({
  phase: z.enum(reportPhases),
  finishedAt: z.string().nullable(),
  locksAt: z.string().nullable(),
  content: reportContentSchema,
});
export const eventOutcomesSchema = z.object({
  eventId: z.number().int(),
  reviewSlug: z.string().nullable(),
  outcomes: z.array(outcomeSchema),
  statements: z.array(eventStatementSchema),
  report: reportStateSchema,
  /** Suggestions from attendees, without who made them. */
  suggestions: z.array(suggestionSchema),
});
export type EventOutcomesView = z.infer<typeof eventOutcomesSchema>;
export type OutcomeView = z.infer<typeof outcomeSchema>;
export type SuggestionView = z.infer<typeof suggestionSchema>;
export type ReportContent = z.infer<typeof reportContentSchema>;

export const attendeeReportSchema = reportStateSchema.extend({
  eventTitle: z.string(),
  mySuggestions: z.array(suggestionSchema),
});
export type AttendeeReportView = z.infer<typeof attendeeReportSchema>;
export const publicReportSchema = reportStateSchema.extend({ eventTitle: z.string() });
export type PublicReportView = z.infer<typeof publicReportSchema>;

// Volunteers

export const volunteerOfferBody = z.strictObject({
  name: z.string().trim().min(1, 'Give your name.').max(120),
  email: emailSchema,
  capabilities: z
    .array(z.enum(volunteerCapabilities))
    .min(1, 'Choose at least one way you can help.')
    .max(volunteerCapabilities.length),
  area: z.string().trim().min(1, 'Say where you are.').max(200),
  availability: z.string().trim().min(1, 'Say when you are free.').max(1000),
  consent: z.literal(true, 'Tick the box so we may keep your details and contact you.'),
});
export type VolunteerOfferBody = z.infer<typeof volunteerOfferBody>;
export const volunteerReceivedSchema = z.object({ received: z.literal(true) });

export const volunteerListQuery = z.object({
  capability: z.enum(volunteerCapabilities).optional(),
  area: z.string().trim().max(200).optional(),
  unassigned: z.enum(['true', 'false']).optional(),
});
export type VolunteerListQuery = z.infer<typeof volunteerListQuery>;
export const assignVolunteerBody = z.strictObject({ eventId: z.number().int().positive() });

export const volunteerOfferSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  capabilities: z.array(z.enum(volunteerCapabilities)),
  area: z.string(),
  availability: z.string(),
  createdAt: z.string(),
  assignedEvents: z.array(z.object({ id: z.number().int(), title: z.string() })),
});
export const volunteerListSchema = z.object({
  offers: z.array(volunteerOfferSchema),
  /** Events an offer can be assigned to: not cancelled or finished, from today on. */
  events: z.array(z.object({ id: z.number().int(), title: z.string(), startsAt: z.string() })),
});
export type VolunteerOfferView = z.infer<typeof volunteerOfferSchema>;
export type VolunteerList = z.infer<typeof volunteerListSchema>;
