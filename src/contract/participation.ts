import { z } from 'zod';
import { identityQuestionSchema } from './identity.js';
import { voteValues } from './limits.js';
import { reviewSchema } from './reviews.js';
import { statementSchema } from './statements.js';

export const voteBody = z.strictObject({
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)], {
    error: `A vote is one of ${voteValues.join(', ')} (disagree, pass, agree).`,
  }),
});
export type VoteBody = z.infer<typeof voteBody>;

/**
 * Everything the participant page needs in one response: the review, the questions with the
 * participant's own answers, their progress, and the next statement to vote on.
 */
export const participationSchema = z.object({
  review: reviewSchema,
  participant: z.object({
    joined: z.boolean(),
    answers: z.record(z.string(), z.number().int()),
  }),
  identityQuestions: z.array(identityQuestionSchema),
  progress: z.object({
    voted: z.number().int(),
    remaining: z.number().int(),
    total: z.number().int(),
  }),
  nextStatement: statementSchema.nullable(),
});
export type Participation = z.infer<typeof participationSchema>;

export const myVoteSchema = z.object({
  statementId: z.number().int(),
  text: z.string(),
  value: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
  votedAt: z.string(),
});
export type MyVote = z.infer<typeof myVoteSchema>;

export const inviteTokenParams = z.object({ token: z.string().min(16).max(128) });
