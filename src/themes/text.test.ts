import { describe, expect, it } from 'vitest';
import { createAnswerReader, readAnswers } from './text.js';

describe('createAnswerReader', () => {
  const read = createAnswerReader();

  it('gives lemmas of content words, with the words as written', () => {
    const { terms, words } = read('The volunteers were knocking on doors in the villages.');
    expect(terms).toEqual(['volunteer', 'knock', 'door', 'village']);
    expect(words).toEqual(['volunteers', 'knocking', 'doors', 'villages']);
  });

  it('drops stop words, the question’s own vocabulary and punctuation', () => {
    expect(read('I think people just didnt vote for the party, honestly!').terms).toEqual([]);
    expect(read('...').terms).toEqual([]);
    expect(read('').terms).toEqual([]);
  });

  it('reads sentence-initial words like the rest (lower-cased before tagging)', () => {
    expect(read('Prices keep going up.').terms).toContain('price');
    expect(read('Leaflets arrived late.').terms).toContain('leaflet');
  });

  it('keeps a word the lemmatiser cannot handle rather than failing', () => {
    expect(() => read('the leader wasnt trusted')).not.toThrow();
    expect(read('the leader wasnt trusted').terms).toContain('leader');
  });

  it('drops extra stop words given by the caller', () => {
    const withoutParty = createAnswerReader({ extraStopWords: ['Labour'] });
    expect(withoutParty('Labour lost the north').terms).toEqual(['north']);
    // wink's lemmas use American spelling; the written word keeps the answer's.
    expect(read('Labour lost the north')).toEqual({ terms: ['labor', 'north'], words: ['labour', 'north'] });
  });

  it('reads answers into documents under their ids', () => {
    expect(readAnswers([{ id: '7', text: 'Brexit split us' }], read)).toEqual([
      { id: '7', terms: ['brexit', 'split'], words: ['brexit', 'split'] },
    ]);
  });
});
