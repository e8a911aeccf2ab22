import stopword from 'stopword';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemToken, type ItsFunction } from 'wink-nlp';
import type { ThemeDocument } from '../core/themes/term-matrix.js';

/**
 * Words that say nothing about why a campaign was lost, however often answers use them: the question's
 * own vocabulary ("vote", "election", "lose"), fillers, and contractions typed without an apostrophe.
 * English stop words come from the stopword package and wink's own stop-word flag.
 */
export const domainStopWords: readonly string[] = [
  'people',
  'voter',
  'vote',
  'party',
  'election',
  'think',
  'lose',
  'lost',
  'win',
  'just',
  'really',
  'thing',
  'stuff',
  'lot',
  'lots',
  'need',
  'seem',
  'feel',
  'know',
  'want',
  'say',
  'tell',
  'go',
  'look',
  'see',
  'nobody',
  'anybody',
  'everyone',
  'anyone',
  'anything',
  'everything',
  'nothing',
  'honestly',
  'obviously',
  'simply',
  'simple',
  'plain',
  'enough',
  'even',
  'ever',
  'always',
  'didnt',
  'dont',
  'doesnt',
  'wasnt',
  'werent',
  'cant',
  'couldnt',
  'wont',
  'isnt',
  'idk',
  'dunno',
  'tbh',
];

/** Settings for {@link createAnswerReader}. */
export interface AnswerReaderOptions {
  /** More words to ignore (lower case), e.g. the name of the party running the review. */
  readonly extraStopWords?: readonly string[];
}

/** Turns one answer's text into its content terms (lemmas) and the words as written. */
export type AnswerReader = (text: string) => { terms: string[]; words: string[] };

const wordPattern = /^[a-z][a-z'-]*[a-z]$|^[a-z]$/;

/**
 * Creates a reader over wink-nlp with its packaged English model (no network). Only the `sbd` and `pos`
 * steps run: lemmas need part-of-speech tags, and entities, negation and sentiment are not used.
 * Loading the model takes a moment, so create one reader and reuse it.
 */
export function createAnswerReader(options: AnswerReaderOptions = {}): AnswerReader {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  // wink's type declarations give `its.lemma` an addons parameter that `out` does not accept, though it runs.
  const lemma = its.lemma as unknown as ItsFunction<string>;
  const stopWords = new Set<string>([
    ...stopword.eng,
    ...domainStopWords,
    ...(options.extraStopWords ?? []).map((word) => word.toLowerCase()),
  ]);
  return (text) => {
    const terms: string[] = [];
    const words: string[] = [];
    nlp
      .readDoc(text.toLowerCase())
      .tokens()
      .each((token: ItemToken) => {
        if (token.out(its.type) !== 'word' || token.out(its.stopWordFlag) === true) return;

        const written = token
          .out(its.value)
          .toLowerCase()
          .replace(/['’]s$/, '');
        // The lemmatiser returns undefined for some misspellings tagged as verbs ("wasnt"); keep the word then.
        const base = ((token.out(lemma) as string | undefined) ?? token.out(its.normal)).toLowerCase();
        if (!wordPattern.test(base) || stopWords.has(base) || stopWords.has(written)) return;
        terms.push(base);
        words.push(wordPattern.test(written) ? written : base);
      });
    return { terms, words };
  };
}

/** An answer to group into themes: free text under an id unique among the answers themed together. */
export interface ThemeAnswer {
  readonly id: string;
  readonly text: string;
}

/** Reads each answer into a {@link ThemeDocument} for the pure engine. */
export function readAnswers(answers: readonly ThemeAnswer[], reader: AnswerReader): ThemeDocument[] {
  return answers.map((answer) => ({ id: answer.id, ...reader(answer.text) }));
}
