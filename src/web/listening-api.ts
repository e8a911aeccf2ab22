/**
 * Calls for prompts, feedback and voter voices (the listening part of the API), beside `api.ts`
 * so that shared file stays small. Types only from src/contract, as everywhere in the web app.
 */
import type {
  AnswerPromptBody,
  CreatePromptBody,
  FeedbackBody,
  FeedbackSummary,
  ManagedPrompt,
  ParticipantPrompts,
  PromotedStatement,
  PromoteStatementBody,
  RecordVoiceBody,
  ReviewAnswer,
  UpdatePromptBody,
  VoiceForm,
  VoiceOptions,
  VoterVoice,
} from '../contract/listening.js';
import { request } from './api.js';

export type {
  FeedbackSummary,
  ManagedPrompt,
  ParticipantPrompts,
  PromotedStatement,
  RecordVoiceBody,
  ReviewAnswer,
  VoiceForm,
  VoiceOptions,
  VoterVoice,
};

const reviewPath = (slug: string) => `/api/reviews/${encodeURIComponent(slug)}`;
const managePath = (slug: string) => `/api/manage/reviews/${encodeURIComponent(slug)}`;

export const listeningApi = {
  prompts: (slug: string) => request<ParticipantPrompts>('GET', `${reviewPath(slug)}/prompts`),
  answerPrompt: (slug: string, promptId: number, body: AnswerPromptBody) =>
    request<ParticipantPrompts>('PUT', `${reviewPath(slug)}/prompts/${promptId}/answer`, body),
  withdrawAnswer: (slug: string, promptId: number) =>
    request<ParticipantPrompts>('DELETE', `${reviewPath(slug)}/prompts/${promptId}/answer`),
  sendFeedback: (slug: string, body: FeedbackBody) => request<void>('POST', `${reviewPath(slug)}/feedback`, body),

  managedPrompts: (slug: string) => request<ManagedPrompt[]>('GET', `${managePath(slug)}/prompts`),
  createPrompt: (slug: string, body: CreatePromptBody) =>
    request<ManagedPrompt>('POST', `${managePath(slug)}/prompts`, body),
  updatePrompt: (slug: string, promptId: number, body: UpdatePromptBody) =>
    request<ManagedPrompt>('PATCH', `${managePath(slug)}/prompts/${promptId}`, body),
  deletePrompt: (slug: string, promptId: number) => request<void>('DELETE', `${managePath(slug)}/prompts/${promptId}`),
  voiceOptions: (slug: string) => request<VoiceOptions>('GET', `${managePath(slug)}/voice-options`),
  setVoiceOptions: (slug: string, body: VoiceOptions) =>
    request<VoiceOptions>('PUT', `${managePath(slug)}/voice-options`, body),
  feedback: (slug: string) => request<FeedbackSummary>('GET', `${managePath(slug)}/feedback`),
  answers: (slug: string) => request<ReviewAnswer[]>('GET', `${managePath(slug)}/answers`),
  voices: (slug: string) => request<VoterVoice[]>('GET', `${managePath(slug)}/voices`),
  voiceForm: (slug: string) => request<VoiceForm>('GET', `${managePath(slug)}/voices/form`),
  /** The key travels in the body (same meaning as the Idempotency-Key header), so `request` stays as it is. */
  recordVoice: (slug: string, body: RecordVoiceBody & { idempotencyKey: string }) =>
    request<VoterVoice>('POST', `${managePath(slug)}/voices`, body),
  promote: (slug: string, body: PromoteStatementBody) =>
    request<PromotedStatement>('POST', `${managePath(slug)}/statements/promote`, body),
};

export const listeningKeys = {
  prompts: (slug: string) => ['prompts', slug] as const,
  managedPrompts: (slug: string) => ['manage', 'prompts', slug] as const,
  voiceOptions: (slug: string) => ['manage', 'voice-options', slug] as const,
  feedback: (slug: string) => ['manage', 'feedback', slug] as const,
  answers: (slug: string) => ['manage', 'answers', slug] as const,
  voices: (slug: string) => ['manage', 'voices', slug] as const,
  voiceForm: (slug: string) => ['manage', 'voice-form', slug] as const,
  themes: (slug: string) => ['manage', 'themes', slug] as const,
};
