import { z } from 'zod';

const groupCellSchema = z.object({
  label: z.number().int(),
  agree: z.number().int(),
  disagree: z.number().int(),
  pass: z.number().int(),
  /** Agrees over votes seen, with its Wilson interval (90%, one-tailed bounds). */
  agreeRate: z.number(),
  lower: z.number(),
  upper: z.number(),
});

/**
 * One stored analysis of a review, as the API serves it. Participants appear only as anonymous points
 * on the opinion map (no ids), so the result can be shared without linking votes to people.
 */
export const analysisSummarySchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  voteEventCount: z.number().int(),
  seed: z.number().int(),
  participantCount: z.number().int(),
  participantsInConversation: z.number().int(),
  groups: z.array(z.object({ label: z.number().int(), size: z.number().int() })),
  statements: z.array(
    z.object({
      statementId: z.number().int(),
      active: z.boolean(),
      groupAwareConsensus: z.number(),
      divisiveness: z.number(),
      commonGround: z.boolean(),
      bridging: z.number().nullable(),
      /** Routing weight (Pol.is priority), stored so every app instance routes participants alike; absent in old analyses. */
      priority: z.number().optional(),
      majority: z.enum(['agree', 'disagree']).nullable(),
      representativeFor: z.array(z.object({ label: z.number().int(), repfulFor: z.enum(['agree', 'disagree']) })),
      groups: z.array(groupCellSchema),
      identity: z.array(
        z.object({
          questionId: z.number().int(),
          options: z.array(
            groupCellSchema.omit({ label: true }).extend({ optionIndex: z.number().int(), label: z.string() }),
          ),
        }),
      ),
    }),
  ),
  points: z.array(z.object({ x: z.number(), y: z.number(), group: z.number().int().nullable() })),
  /**
   * The PCA, aligned with `statements`, so one participant's own position can be computed from their
   * votes on request without storing anyone's position by id. Absent in analyses stored before it.
   */
  projection: z
    .object({ center: z.array(z.number()), first: z.array(z.number()), second: z.array(z.number()) })
    .optional(),
  /**
   * People per identity option (rows, then "no answer") × opinion group (columns in `groups` order,
   * then "not in a group"): counts only, unsuppressed, for the report to suppress. Absent before it.
   */
  identityGroups: z
    .array(z.object({ questionId: z.number().int(), counts: z.array(z.array(z.number().int())) }))
    .optional(),
});
export type AnalysisSummary = z.infer<typeof analysisSummarySchema>;
/** What the worker stores; version, time and vote count come from the store row. */
export type StoredAnalysisSummary = Omit<AnalysisSummary, 'version' | 'createdAt' | 'voteEventCount'>;
