import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  createStatementBody,
  identityAnswersBody,
  inviteTokenParams,
  myVoteSchema,
  participationSchema,
  reviewSchema,
  statementSchema,
  voteBody,
} from '../../../contract/index.js';
import { idempotencyKey } from '../../../contract/listening.js';
import { hashToken } from '../../auth/tokens.js';
import { redeemInvite } from '../../commands/invitations.js';
import {
  addParticipantStatement,
  answerIdentityQuestions,
  buildParticipation,
  castVote,
  loadParticipantView,
} from '../../commands/participation.js';
import type { App, AppContext } from '../../context.js';
import { AppError, fieldError, unwrap } from '../../errors.js';
import { presentReview, presentStatement } from '../../presenters/presenters.js';
import { ensureParticipant, findParticipant, loadVisibleReview, setParticipantCookie } from './resolve.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const voteParams = slugParams.extend({
  statementId: z.coerce.number().int().positive('A statement id is a positive whole number.'),
});
const tags = ['participation'];

/** The optional `Idempotency-Key` header of a vote, checked as the listening routes check theirs. */
function voteIdempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(value);
  if (!parsed.success) throw fieldError('idempotencyKey', parsed.error.issues[0]?.message ?? 'Not a valid key.');
  return parsed.data;
}

/** The participant's side of a review: read, join, answer, vote, add statements. */
export function registerParticipationRoutes(app: App, context: AppContext): void {
  app.get(
    '/reviews',
    { schema: { tags, summary: 'Public reviews that are open now', response: { 200: z.array(reviewSchema) } } },
    async () => (await context.store.listPublicOpenReviews()).map(presentReview),
  );

  app.get(
    '/reviews/:slug/participation',
    {
      schema: {
        tags,
        summary: 'The review as this participant sees it, with their progress and next statement',
        params: slugParams,
        response: { 200: participationSchema },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      return buildParticipation(context, review, participant, context.pickNextStatement);
    },
  );

  app.post(
    '/reviews/:slug/join',
    {
      schema: {
        tags,
        summary: 'Join a public review pseudonymously (sets the participant cookie)',
        params: slugParams,
        response: { 200: participationSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await ensureParticipant(context, request, reply, review);
      return buildParticipation(context, review, participant, context.pickNextStatement);
    },
  );

  app.put(
    '/reviews/:slug/identity-answers',
    {
      schema: {
        tags,
        summary: 'Answer (or skip, with null) the review’s optional identity questions',
        params: slugParams,
        body: identityAnswersBody,
        response: { 200: participationSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await ensureParticipant(context, request, reply, review);
      unwrap(await answerIdentityQuestions(context, review, participant, request.body));
      return buildParticipation(context, review, participant, context.pickNextStatement);
    },
  );

  app.put(
    '/reviews/:slug/votes/:statementId',
    {
      schema: {
        tags,
        summary:
          'Vote agree (1), disagree (-1) or pass (0); voting again changes the vote. An optional Idempotency-Key header makes retries safe: a repeat records nothing and answers as the first time; the same key with another vote is 409',
        params: voteParams,
        body: voteBody,
        response: { 200: participationSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await ensureParticipant(context, request, reply, review);
      const key = voteIdempotencyKey(request);
      const view = await loadParticipantView(context.store, review, participant);
      const { statementId } = request.params;
      unwrap(await castVote(context, review, participant, statementId, request.body.value, key, view));
      return buildParticipation(context, review, participant, context.pickNextStatement, view);
    },
  );

  app.get(
    '/reviews/:slug/my-votes',
    {
      schema: {
        tags,
        summary: 'This participant’s current votes, newest first',
        params: slugParams,
        response: { 200: z.array(myVoteSchema) },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      if (!participant) return [];
      const [votes, statements] = await Promise.all([
        context.store.listParticipantVotes(review.id, participant.id),
        context.store.listStatements(review.id),
      ]);
      const textById = new Map(statements.map((statement) => [statement.id, statement.text]));
      return votes.map((vote) => ({
        statementId: vote.statementId,
        text: textById.get(vote.statementId) ?? '',
        value: vote.value,
        votedAt: vote.votedAt,
      }));
    },
  );

  app.post(
    '/reviews/:slug/statements',
    {
      schema: {
        tags,
        summary: 'Add a statement of your own (at most 280 characters)',
        params: slugParams,
        body: createStatementBody,
        response: { 201: statementSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await ensureParticipant(context, request, reply, review);
      const statement = unwrap(await addParticipantStatement(context, review, participant, request.body.text));
      return reply.code(201).send(presentStatement(statement));
    },
  );

  app.post(
    '/invites/:token/accept',
    {
      schema: {
        tags,
        summary: 'Accept a one-off invite link: joins its review and sets the participant cookie',
        params: inviteTokenParams,
        response: { 200: z.object({ slug: z.string() }) },
      },
    },
    async (request, reply) => {
      const invite = await context.store.findInviteByTokenHash(hashToken(request.params.token));
      if (!invite)
        throw new AppError('invite_not_found', 'This invite link is not valid. Ask the organisers for a new one.');
      const review = await context.store.findReviewById(invite.reviewId);
      if (!review) throw new AppError('invite_not_found', 'The review of this invite no longer exists.');
      const existing = await findParticipant(context, request, review);
      if (existing) return { slug: review.slug };
      const { token } = unwrap(await redeemInvite(context, review, invite));
      setParticipantCookie(reply, context, review, token);
      // No participant id here: beside the request log's invite link it would tie an invite to a participant.
      request.log.info({ reviewId: review.id }, 'invite accepted');
      return { slug: review.slug };
    },
  );
}
