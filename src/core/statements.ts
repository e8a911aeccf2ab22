/**
 * Statement text rules shared by every way a statement arrives (seed list, participant, event).
 */

/** Collapses runs of white space (including newlines) to one space and trims, so stored text is tidy. */
export function normaliseStatementText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The key two statements share when they are "the same statement": Unicode-compatibility folded,
 * case-folded, punctuation and spacing ignored. "We lost touch with voters." and
 * "we lost touch  with voters" are duplicates; a changed word is not.
 */
export function statementTextKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en-GB')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
