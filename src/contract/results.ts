import { z } from 'zod';
import { suppressedCellSchema } from './themes.js';

/**
 * The public results of a review (`GET /api/reviews/:slug/results`). Built by `core/report` from the
 * latest analysis. Privacy: the opinion map is a density grid (no points, no participant ids), and
 * every count about a declared group (tradition, seat…) of fewer than `method.smallCellThreshold`
 * people is null, as is any count that would let a hidden one be worked out from totals.
 */
const point = z.object({ x: z.number(), y: z.number() });
const interval = z.object({ agreeRate: z.number(), lower: z.number(), upper: z.number() });

export const groupRateSchema = z.object({
  label: z.number().int(),
  voters: z.number().int(),
  agreeRate: z.number(),
  disagreeRate: z.number(),
  passRate: z.number(),
  lower: z.number(),
  upper: z.number(),
});

const declaredRateSchema = z.object({
  label: z.string(),
  /** Null: fewer than the threshold (or hidden so that a small count cannot be derived). */
  voters: z.number().int().nullable(),
  rate: interval.nullable(),
});

export const reportMethodSchema = z.object({
  minVotesForGroups: z.number(),
  maxGroups: z.number(),
  confidence: z.number(),
  commonGroundAgree: z.number(),
  declaredMinVoters: z.number(),
  smallCellThreshold: z.number(),
  dividesShown: z.number(),
  surpriseUsualGap: z.number(),
  surpriseGap: z.number(),
  surpriseMinShared: z.number(),
  representativeShown: z.number(),
});

/**
 * "How was this for you?" feedback: responses per rating (1–5, then words only), small cells
 * suppressed together with their total; below the threshold only "fewer than" the total shows.
 */
export const feedbackSectionSchema = z.object({
  responses: suppressedCellSchema,
  /** Per rating 1 to 5, then responses with words and no rating; empty when the responses are too few. */
  ratings: z.array(z.object({ rating: z.number().int().nullable(), count: suppressedCellSchema })),
  /** The sum the rating counts add up to, or null when showing it would give a hidden count away. */
  total: z.number().int().nullable(),
});

/**
 * Themes of the open answers from the latest theme run, with the organisers' names. No answer text:
 * a theme's words show only when it holds at least the threshold of answers.
 */
export const themesSectionSchema = z.object({
  createdAt: z.string(),
  themes: z.array(z.object({ label: z.string(), count: suppressedCellSchema, terms: z.array(z.string()) })),
  unclassified: suppressedCellSchema,
  total: z.number().int().nullable(),
});

/** Locked (published) reports of the review's events: what was agreed, disputed, asked and to be done. */
export const eventOutcomesSectionSchema = z.array(
  z.object({
    eventId: z.number().int(),
    title: z.string(),
    startsAt: z.string(),
    timeZone: z.string(),
    summary: z.string(),
    sections: z.array(
      z.object({
        kind: z.enum(['agreement', 'disagreement', 'question', 'action']),
        items: z.array(z.string()),
      }),
    ),
  }),
);

export const resultsSchema = z.object({
  review: z.object({ slug: z.string(), title: z.string(), status: z.enum(['draft', 'open', 'closed']) }),
  version: z.number().int(),
  createdAt: z.string(),
  counts: z.object({
    participants: z.number().int(),
    takingPart: z.number().int(),
    inGroups: z.number().int(),
    votes: z.number().int(),
    statements: z.number().int(),
    groups: z.number().int(),
  }),
  map: z.object({
    gridSize: z.number().int(),
    scale: z.number(),
    cells: z.array(z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable(), count: z.number() })),
    groups: z.array(z.object({ label: z.number().int(), centre: point, outline: z.array(point) })),
    /** Only the requester's own position, from their own votes. */
    viewer: z.object({ x: z.number(), y: z.number(), nearestGroup: z.number().int().nullable() }).nullable(),
  }),
  groups: z.array(
    z.object({
      label: z.number().int(),
      size: z.number().int(),
      statements: z.array(
        z.object({
          statementId: z.number().int(),
          text: z.string(),
          repfulFor: z.enum(['agree', 'disagree']),
          group: groupRateSchema,
          others: groupRateSchema,
        }),
      ),
    }),
  ),
  commonGround: z.array(
    z.object({
      statementId: z.number().int(),
      text: z.string(),
      groups: z.array(groupRateSchema),
      declared: z.array(
        z.object({ questionId: z.number().int(), prompt: z.string(), options: z.array(declaredRateSchema) }),
      ),
    }),
  ),
  divides: z.array(
    z.object({
      statementId: z.number().int(),
      text: z.string(),
      divisiveness: z.number(),
      groups: z.array(groupRateSchema),
    }),
  ),
  surprises: z.array(
    z.object({
      statementId: z.number().int(),
      text: z.string(),
      questionId: z.number().int(),
      prompt: z.string(),
      label: z.string(),
      ally: z.string(),
      usualDifference: z.number(),
      rate: interval,
      allyRate: interval,
    }),
  ),
  breakdowns: z.array(
    z.object({
      questionId: z.number().int(),
      prompt: z.string(),
      kind: z.string(),
      rows: z.array(z.string().nullable()),
      columns: z.array(z.number().int().nullable()),
      table: z.object({
        cells: z.array(z.array(z.number().int().nullable())),
        rowTotals: z.array(z.number().int().nullable()),
        columnTotals: z.array(z.number().int()),
        total: z.number().int(),
      }),
    }),
  ),
  method: reportMethodSchema,
  /** Present only when the review has feedback, a theme run, or published event reports. */
  feedback: feedbackSectionSchema.optional(),
  themes: themesSectionSchema.optional(),
  eventOutcomes: eventOutcomesSectionSchema.optional(),
});
export type Results = z.infer<typeof resultsSchema>;

/** The export files: `GET /api/reviews/:slug/export/<file>`. */
export const exportFiles = [
  'statements.csv',
  'statements.json',
  'votes.csv',
  'votes.json',
  'groups.csv',
  'groups.json',
  'report.csv',
  'report.json',
] as const;
export type ExportFile = (typeof exportFiles)[number];
