/** Limits shared by the server's validation and the browser's forms, so both refuse the same input. */
export const limits = {
  statementMaxLength: 280,
  rejectionReasonMaxLength: 500,
  moderationPageSizeMax: 200,
  moderationBulkMax: 500,
  reviewTitleMaxLength: 200,
  reviewIntroductionMaxLength: 20_000,
  slugMaxLength: 80,
  identityPromptMaxLength: 300,
  identityExplanationMaxLength: 500,
  identityOptionMaxLength: 120,
  identityOptionsMax: 700,
  identityQuestionsMax: 20,
  emailMaxLength: 254,
  passwordMinLength: 12,
  passwordMaxLength: 256,
  displayNameMaxLength: 100,
  memberListMaxCharacters: 2_000_000,
  /** Ten years: longer than any review should keep identifying data. */
  retentionDaysMax: 3650,
  privacyContactMaxLength: 200,
} as const;

/** Votes as Pol.is records them: agree +1, disagree −1, pass 0. */
export const voteValues = [-1, 0, 1] as const;
export type VoteValue = (typeof voteValues)[number];
