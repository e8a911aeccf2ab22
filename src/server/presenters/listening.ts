import type { ManagedPrompt, ReviewAnswer, VoterVoice } from '../../contract/listening.js';
import type { PromptAnswerRow, PromptRow, VoterVoiceRow } from '../../store/listening-queries.js';

/**
 * Listening rows as JSON. Answers never carry their participant, and voices never carry who
 * recorded them: moderators judge the words, not the people.
 */

export function presentManagedPrompt(prompt: PromptRow): ManagedPrompt {
  return {
    id: prompt.id,
    text: prompt.text,
    maxLength: prompt.maxLength,
    position: prompt.position,
    answerCount: prompt.answerCount,
  };
}

export function presentReviewAnswer(answer: PromptAnswerRow, statementIds: readonly number[]): ReviewAnswer {
  return {
    id: answer.id,
    promptId: answer.promptId,
    text: answer.text,
    createdAt: answer.createdAt,
    updatedAt: answer.updatedAt,
    statementIds: [...statementIds],
  };
}

export function presentVoterVoice(voice: VoterVoiceRow, statementIds: readonly number[]): VoterVoice {
  return {
    id: voice.id,
    placeId: voice.placeId,
    placeCode: voice.placeCode,
    placeName: voice.placeName,
    pastVote: voice.pastVote,
    intention: voice.intention,
    text: voice.text,
    createdAt: voice.createdAt,
    statementIds: [...statementIds],
  };
}
