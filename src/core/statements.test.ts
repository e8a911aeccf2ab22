import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseStatementText, statementTextKey } from './statements.js';

describe('normaliseStatementText', () => {
  it('trims and folds inner white space', () => {
    expect(normaliseStatementText('  We lost\n\ntouch   with voters.  ')).toBe('We lost touch with voters.');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => normaliseStatementText(normaliseStatementText(text)) === normaliseStatementText(text),
      ),
    );
  });
});

describe('statementTextKey', () => {
  it('treats case, punctuation and spacing differences as the same statement', () => {
    expect(statementTextKey('We lost touch with voters.')).toBe(statementTextKey('we LOST touch  with voters!'));
  });

  it('keeps statements with different words apart', () => {
    expect(statementTextKey('We lost touch with voters')).not.toBe(statementTextKey('We lost touch with members'));
  });

  it('keeps Welsh letters with diacritics', () => {
    expect(statementTextKey('Mae’n bwysig gwrando ar bawb')).toContain('bwysig');
    expect(statementTextKey('Tŷ')).toBe('tŷ');
  });
});
