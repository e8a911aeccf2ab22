import { z } from 'zod';
import { identityKinds } from './identity.js';

/** A count of people as published: the number, or why it is hidden (see core/small-cells.ts). */
export const publishedCountSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('shown'), value: z.number().int() }),
  /** 1 to threshold − 1 people: "fewer than 10". */
  z.object({ state: z.literal('small') }),
  /** Hidden so that a small count beside it cannot be worked out from the total. */
  z.object({ state: z.literal('complement') }),
]);
export type PublishedCount = z.infer<typeof publishedCountSchema>;

export const dashboardSchema = z.object({
  participants: z.object({
    total: z.number().int(),
    /** Joined through a personal invitation ("one person one voice"). */
    verified: z.number().int(),
    /** Voted since midnight UTC. */
    activeToday: z.number().int(),
  }),
  /** Current votes (a changed vote counts once). */
  votes: z.number().int(),
  statements: z.object({
    pending: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  }),
  identity: z.array(
    z.object({
      questionId: z.number().int(),
      prompt: z.string(),
      kind: z.enum(identityKinds),
      /** Participants who answered; null when showing it would give a small count away. */
      answered: z.number().int().nullable(),
      options: z.array(z.object({ optionId: z.number().int(), label: z.string(), count: publishedCountSchema })),
    }),
  ),
  smallCellThreshold: z.number().int(),
  /** Where the live results page is, for the console's link. */
  resultsPath: z.string(),
  /** The start of "today" (UTC) for `activeToday`. */
  activeSince: z.string(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The browser path of a review's live results page. */
export const resultsPagePath = (slug: string): string => `/r/${encodeURIComponent(slug)}/results`;
