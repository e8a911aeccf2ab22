import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  answerPromptBody,
  createPromptBody,
  feedbackBody,
  feedbackSummarySchema,
  idempotencyKey,
  managedPromptSchema,
  participantPromptsSchema,
  promotedStatementSchema,
  promoteStatementBody,
  recordVoiceBody,
  reviewAnswerSchema,
  updatePromptBody,
  voiceFormSchema,
  voiceOptionsSchema,
  voterVoiceSchema,
} from '../../../contract/index.js';
import {
  answerPrompt,
  createPrompt,
  deleteAnswer,
  deletePrompt,
  feedbackSummary,
  participantPrompts,
  promoteToStatement,
  recordVoice,
  setVoiceOptions,
  sourcesByKind,
  submitFeedback,
  updatePrompt,
  voiceForm,
} from '../../commands/listening.js';
import { themesScheduler } from '../../commands/themes.js';
import type { App, AppContext } from '../../context.js';
import { fieldError, unwrap } from '../../errors.js';
import { presentManagedPrompt, presentReviewAnswer, presentVoterVoice } from '../../presenters/listening.js';
import { authoriseReview } from '../authorise.js';
import { ensureParticipant, findParticipant, loadVisibleReview } from '../participation/resolve.js';

const tags = ['listening'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const promptParams = slugParams.extend({
  promptId: z.coerce.number().int().positive('A prompt id is a positive whole number.'),
});

/**
 * The idempotency key of a voice: the `Idempotency-Key` header (the usual place) or the body's
 * `idempotencyKey` (for clients that cannot set headers); both, if given, must agree.
 */
function voiceIdempotencyKey(request: FastifyRequest, fromBody: string | undefined): string {
  const header = request.headers['idempotency-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader === undefined) {
    if (fromBody === undefined) {
      throw fieldError(
        'idempotencyKey',
        'Send an Idempotency-Key header (or idempotencyKey) so retries do not duplicate.',
      );
    }
    return fromBody;
  }
  const parsed = idempotencyKey.safeParse(fromHeader);
  if (!parsed.success) throw fieldError('idempotencyKey', parsed.error.issues[0]?.message ?? 'Not a valid key.');
  if (fromBody !== undefined && fromBody !== parsed.data) {
    throw fieldError('idempotencyKey', 'The Idempotency-Key header and idempotencyKey differ.');
  }
  return parsed.data;
}

/**
 * Listening: prompts and answers, the feedback form, voter voices and promoting a sentence of an
 * answer or voice into a statement. Participant routes live under /api/reviews, the team's under
 * /api/manage with their declared permission.
 */
export function registerListeningRoutes(app: App, context: AppContext): void {
  // Participants

  app.get(
    '/reviews/:slug/prompts',
    {
      schema: {
        tags,
        summary: 'The review’s prompts with this participant’s own answers',
        params: slugParams,
        response: { 200: participantPromptsSchema },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      return participantPrompts(context, review, participant);
    },
  );

  app.put(
    '/reviews/:slug/prompts/:promptId/answer',
    {
      schema: {
        tags,
        summary: 'Answer a prompt, or change the answer, while the review is open',
        params: promptParams,
        body: answerPromptBody,
        response: { 200: participantPromptsSchema },
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await ensureParticipant(context, request, reply, review);
      unwrap(await answerPrompt(context, review, participant, request.params.promptId, request.body.text));
      themesScheduler(context).answersChanged(review.id);
      return participantPrompts(context, review, participant);
    },
  );

  app.delete(
    '/reviews/:slug/prompts/:promptId/answer',
    {
      schema: {
        tags,
        summary: 'Withdraw one’s answer to a prompt while the review is open',
        params: promptParams,
        response: { 200: participantPromptsSchema },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      if (participant) unwrap(await deleteAnswer(context, review, participant, request.params.promptId));
      return participantPrompts(context, review, participant);
    },
  );

  app.post(
    '/reviews/:slug/feedback',
    {
      schema: {
        tags,
        summary: 'Tell the organisers how taking part was: a rating 1–5, a comment, or both',
        params: slugParams,
        body: feedbackBody,
      },
    },
    async (request, reply) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const participant = await findParticipant(context, request, review);
      unwrap(await submitFeedback(context, review, participant, request.body));
      return reply.code(204).send();
    },
  );

  // Organisers: prompts, voice options, feedback

  const manage = '/manage/reviews/:slug';

  app.get(
    `${manage}/prompts`,
    {
      config: { permission: 'view' },
      schema: {
        tags,
        summary: 'The review’s prompts with answer counts',
        params: slugParams,
        response: { 200: z.array(managedPromptSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'view');
      return (await context.store.listening.listPrompts(review.id)).map(presentManagedPrompt);
    },
  );

  app.post(
    `${manage}/prompts`,
    {
      config: { permission: 'editReview', audit: 'prompt.create' },
      schema: {
        tags,
        summary: 'Add an open question (length limit 2,000 characters unless given)',
        params: slugParams,
        body: createPromptBody,
        response: { 201: managedPromptSchema },
      },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      const prompt = unwrap(await createPrompt(context, review, request.body));
      return reply.code(201).send(presentManagedPrompt(prompt));
    },
  );

  app.patch(
    `${manage}/prompts/:promptId`,
    {
      config: { permission: 'editReview', audit: 'prompt.update' },
      schema: {
        tags,
        summary: 'Change a prompt’s wording or length limit',
        params: promptParams,
        body: updatePromptBody,
        response: { 200: managedPromptSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return presentManagedPrompt(unwrap(await updatePrompt(context, review, request.params.promptId, request.body)));
    },
  );

  app.delete(
    `${manage}/prompts/:promptId`,
    {
      config: { permission: 'editReview', audit: 'prompt.delete' },
      schema: { tags, summary: 'Delete a prompt nobody has answered (409 once answered)', params: promptParams },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      unwrap(await deletePrompt(context, review, request.params.promptId));
      return reply.code(204).send();
    },
  );

  app.get(
    `${manage}/voice-options`,
    {
      config: { permission: 'view' },
      schema: {
        tags,
        summary: 'The option lists for voter voices',
        params: slugParams,
        response: { 200: voiceOptionsSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'view');
      return context.store.listening.listVoiceOptions(review.id);
    },
  );

  app.put(
    `${manage}/voice-options`,
    {
      config: { permission: 'editReview', audit: 'voice-options.replace' },
      schema: {
        tags,
        summary: 'Replace the past-vote and intention option lists (recorded voices keep their labels)',
        params: slugParams,
        body: voiceOptionsSchema,
        response: { 200: voiceOptionsSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return setVoiceOptions(context, review, request.body);
    },
  );

  app.get(
    `${manage}/feedback`,
    {
      config: { permission: 'viewDashboard' },
      schema: {
        tags,
        summary: 'Feedback counts per rating, the average, and the comments, newest first',
        params: slugParams,
        response: { 200: feedbackSummarySchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewDashboard');
      return feedbackSummary(context, review);
    },
  );

  // Canvassers

  app.get(
    `${manage}/voices/form`,
    {
      config: { permission: 'recordVoices' },
      schema: {
        tags,
        summary: 'What the canvasser form needs: the seats and the option lists',
        params: slugParams,
        response: { 200: voiceFormSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'recordVoices');
      return voiceForm(context, review);
    },
  );

  app.post(
    `${manage}/voices`,
    {
      config: { permission: 'recordVoices', audit: 'voice.record' },
      schema: {
        tags,
        summary:
          'Record a voter voice. Needs an Idempotency-Key header (or idempotencyKey): a replay answers as the first time, without a duplicate; the same key with other content is 409',
        params: slugParams,
        body: recordVoiceBody,
        response: { 201: voterVoiceSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'recordVoices');
      const key = voiceIdempotencyKey(request, request.body.idempotencyKey);
      const { created, voice } = unwrap(await recordVoice(context, review, account, request.body, key));
      if (created) themesScheduler(context).answersChanged(review.id);
      const statementIds = created ? [] : ((await sourcesByKind(context, review)).voter_voice.get(voice.id) ?? []);
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(presentVoterVoice(voice, statementIds));
    },
  );

  // Moderators: reading answers and voices, promoting a sentence

  app.get(
    `${manage}/answers`,
    {
      config: { permission: 'moderate' },
      schema: {
        tags,
        summary: 'Every answer to the review’s prompts, oldest first, without who wrote it',
        params: slugParams,
        response: { 200: z.array(reviewAnswerSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const [answers, sources] = await Promise.all([
        context.store.listening.listPromptAnswers(review.id),
        sourcesByKind(context, review),
      ]);
      return answers.map((answer) => presentReviewAnswer(answer, sources.prompt_answer.get(answer.id) ?? []));
    },
  );

  app.get(
    `${manage}/voices`,
    {
      config: { permission: 'moderate' },
      schema: {
        tags,
        summary: 'Every voter voice of the review, oldest first',
        params: slugParams,
        response: { 200: z.array(voterVoiceSchema) },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const [voices, sources] = await Promise.all([
        context.store.listening.listVoterVoices(review.id),
        sourcesByKind(context, review),
      ]);
      return voices.map((voice) => presentVoterVoice(voice, sources.voter_voice.get(voice.id) ?? []));
    },
  );

  app.post(
    `${manage}/statements/promote`,
    {
      config: { permission: 'moderate', audit: 'statement.promote' },
      schema: {
        tags,
        summary:
          'Make a statement from a sentence of an answer or a voice (edited to at most 280 characters); it enters accepted and keeps the link to its source',
        params: slugParams,
        body: promoteStatementBody,
        response: { 201: promotedStatementSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'moderate');
      const { statement, source } = unwrap(await promoteToStatement(context, review, account, request.body));
      return reply.code(201).send({
        id: statement.id,
        text: statement.text,
        moderation: statement.moderation,
        sourceKind: source.sourceKind,
        sourceId: source.sourceId,
      });
    },
  );
}
