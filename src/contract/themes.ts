import { z } from 'zod';

/** A count after small-cell suppression (core/small-cells.ts): shown, "fewer than the threshold", or hidden as a complement. */
export const suppressedCellSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('shown'), value: z.number().int() }),
  z.object({ state: z.literal('small') }),
  z.object({ state: z.literal('complement') }),
]);
export type SuppressedCell = z.infer<typeof suppressedCellSchema>;

export const themeExampleSchema = z.object({
  sourceKind: z.enum(['prompt_answer', 'voter_voice']),
  sourceId: z.number().int(),
  text: z.string(),
});

export const themeSummarySchema = z.object({
  text: z.string(),
  model: z.string(),
  /** Exactly what was sent (JSON of the chat messages), so a reader can judge the draft. */
  prompt: z.string(),
  createdAt: z.string(),
});

export const themeViewItemSchema = z.object({
  id: z.string(),
  /** The organiser's name when renamed, else the automatic one (its most distinctive words). */
  label: z.string(),
  automaticLabel: z.string(),
  customLabel: z.string().nullable(),
  terms: z.array(z.string()),
  count: suppressedCellSchema,
  /** The 2–3 answers or voices nearest the theme's centre, with their current text. */
  examples: z.array(themeExampleSchema),
  /** The latest machine-written draft, if one was made. */
  summary: themeSummarySchema.nullable(),
});
export type ThemeViewItem = z.infer<typeof themeViewItemSchema>;

/** Answers per theme and group (seat, or one identity question's answers), each theme's row suppressed. */
export const themeBreakdownSchema = z.object({
  kind: z.enum(['seat', 'identity']),
  title: z.string(),
  /** Column names; null for answers whose group is not known. */
  groups: z.array(z.string().nullable()),
  rows: z.array(
    z.object({ themeId: z.string(), cells: z.array(suppressedCellSchema), total: z.number().int().nullable() }),
  ),
});
export type ThemeBreakdown = z.infer<typeof themeBreakdownSchema>;

export const themesViewSchema = z.object({
  run: z
    .object({
      id: z.number().int(),
      createdAt: z.string(),
      /** Answers and voices the run grouped. */
      answerCount: z.number().int(),
      total: z.number().int().nullable(),
      threshold: z.number().int(),
      unclassified: suppressedCellSchema,
      themes: z.array(themeViewItemSchema),
      breakdowns: z.array(themeBreakdownSchema),
    })
    .nullable(),
  /** A run is under way or due on this server. */
  running: z.boolean(),
  /** Organiser edits made since the latest run (renames already show; merges and splits after the run). */
  pendingEdits: z.number().int(),
  /** Answers and voices added since the latest run, and how many trigger an automatic run. */
  newAnswers: z.number().int(),
  everyNAnswers: z.number().int(),
  /** Machine-written summaries can be drafted (an OpenAI-compatible endpoint is configured). */
  summariesAvailable: z.boolean(),
});
export type ThemesView = z.infer<typeof themesViewSchema>;

export const themeLimits = { labelMaxLength: 120, mergeMax: 12 } as const;

export const renameThemeBody = z.strictObject({
  /** Empty goes back to the automatic label. */
  label: z
    .string()
    .trim()
    .max(themeLimits.labelMaxLength, `A theme name is at most ${themeLimits.labelMaxLength} characters.`),
});

export const mergeThemesBody = z.strictObject({
  themeIds: z
    .array(z.string().min(1).max(60))
    .min(2, 'Choose at least two themes to merge.')
    .max(themeLimits.mergeMax)
    .refine((ids) => new Set(ids).size === ids.length, 'Choose different themes to merge.'),
});

export const themeIdParam = z.string().regex(/^theme-\d+(\.\d+)*$/, 'A theme id looks like theme-3 or theme-3.1.');
