// A namespace import: in a worker thread under tsx the CommonJS package has named exports but no default.
import * as stopword from 'stopword';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction } from 'wink-nlp';
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
 * Creates a reader over wink-nlp with its packaged English model (no network). Only the `pos` step
 * runs: lemmas need part-of-speech tags; sentence boundaries, entities, negation and sentiment are not
 * used (leaving out `sbd` saved a fifth of the time and changed no lemma of the labelled set). The text
 * is lower-cased first, or the tagger takes capitalised sentence starts ("Prices", "Leaflets") for
 * proper nouns and leaves them unlemmatised.
 * Loading the model takes a moment, so create one reader and reuse it.
 */
export function createAnswerReader(options: AnswerReaderOptions = {}): AnswerReader {
  const nlp = winkNLP(model, ['pos']);
  const its = nlp.its;
  // wink's type declarations give `its.lemma` an addons parameter that `out` does not accept, though it runs.
  const lemma = its.lemma as unknown as ItsFunction<string>;
  const stopWords = new Set<string>([
    ...stopword.eng,
    ...domainStopWords,
    ...(options.extraStopWords ?? []).map((word) => word.toLowerCase()),
  ]);
  return (text) => {
    const tokens = nlp.readDoc(text.toLowerCase()).tokens();
    // Whole columns at once: much cheaper than four calls per token through `each`.
    const types = tokens.out(its.type);
    const stopFlags = tokens.out(its.stopWordFlag) as unknown as boolean[];
    const values = tokens.out(its.value);
    const lemmas = tokens.out(lemma) as (string | undefined)[];
    const normals = tokens.out(its.normal);
    const terms: string[] = [];
    const words: string[] = [];
    for (let index = 0; index < types.length; index++) {
      if (types[index] !== 'word' || stopFlags[index] === true) continue;
      const written = (values[index] as string).replace(/['’]s$/, '');
      // The lemmatiser returns undefined for some misspellings tagged as verbs ("wasnt"); keep the word then.
      const base = lemmas[index] ?? (normals[index] as string);
      if (!wordPattern.test(base) || stopWords.has(base) || stopWords.has(written)) continue;
      terms.push(base);
      words.push(wordPattern.test(written) ? written : base);
    }
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
