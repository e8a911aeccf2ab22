import { adjustedRandIndex } from '../src/core/analysis/ari.js';
import { createRandom } from '../src/core/analysis/random.js';
import { extractThemes } from '../src/core/themes/extract.js';
import { labelledAnswers, labelledTopics } from '../src/themes/fixtures/labelled-answers.js';
import { createAnswerReader, readAnswers, type ThemeAnswer } from '../src/themes/text.js';

/** One benchmark size for the theme engine. */
export interface ThemesBenchCase {
  readonly name: string;
  readonly answerCount: number;
}

export const themesBenchCases: readonly ThemesBenchCase[] = [{ name: 'themes-100k', answerCount: 100_000 }];

/**
 * Synthetic answers from the labelled set's wording, with a seeded generator: each answer is one to
 * three runs of 3–10 consecutive words cut from labelled answers, of its own topic with probability
 * 0.8 and of another topic otherwise, so answers are realistic in length and vocabulary, mostly about
 * one topic, and noisy.
 */
export function syntheticAnswers(count: number, seed: number): { answers: ThemeAnswer[]; topics: Int32Array } {
  const random = createRandom(seed);
  const wordsByTopic = labelledTopics.map((topic) =>
    labelledAnswers.filter((answer) => answer.topic === topic).map((answer) => answer.text.split(/\s+/)),
  );
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const answers: ThemeAnswer[] = [];
  const topics = new Int32Array(count);
  for (let index = 0; index < count; index++) {
    const topic = Math.floor(random() * labelledTopics.length);
    topics[index] = topic;
    const runs = 1 + Math.floor(random() * 3);
    const parts: string[] = [];
    for (let run = 0; run < runs; run++) {
      const source = random() < 0.8 ? topic : Math.floor(random() * labelledTopics.length);
      const words = pick(wordsByTopic[source] as string[][]);
      const length = Math.min(words.length, 3 + Math.floor(random() * 8));
      const start = Math.floor(random() * (words.length - length + 1));
      parts.push(words.slice(start, start + length).join(' '));
    }
    answers.push({ id: `answer-${index}`, text: parts.join('. ') });
  }
  return { answers, topics };
}

/**
 * Runs one case in this process and returns its figures: time to read (lemmatise) the answers, time
 * to extract themes, and peak memory (maxRSS, so run each case in its own process: bench/run.ts does).
 */
export function runThemesBench(benchCase: ThemesBenchCase): Record<string, unknown> {
  const generationStart = performance.now();
  const { answers, topics } = syntheticAnswers(benchCase.answerCount, 2024);
  const generationMs = performance.now() - generationStart;

  const readStart = performance.now();
  const reader = createAnswerReader();
  const documents = readAnswers(answers, reader);
  const readMs = performance.now() - readStart;

  const extractStart = performance.now();
  const run = extractThemes(documents, { seed: 1 });
  const extractMs = performance.now() - extractStart;

  const themeOfAnswer = new Map<string, number>();
  run.themes.forEach((theme, index) => {
    for (const answerId of theme.answerIds) themeOfAnswer.set(answerId, index);
  });
  const found = answers.map((answer) => themeOfAnswer.get(answer.id) ?? -1);
  return {
    case: benchCase.name,
    answers: benchCase.answerCount,
    generatedTopics: labelledTopics.length,
    foundThemes: run.themes.length,
    unclassified: run.unclassifiedAnswerIds.length,
    generation: { value: Math.round(generationMs), unit: 'ms' },
    readAnswers: { value: Math.round(readMs), unit: 'ms' },
    extractThemes: { value: Math.round(extractMs), unit: 'ms' },
    total: { value: Math.round(readMs + extractMs), unit: 'ms' },
    ariVsGenerated: Number(adjustedRandIndex(found, topics).toFixed(4)),
    labels: run.themes.map((theme) => theme.label),
    peakRss: { value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' },
  };
}

// `tsx bench/themes.ts CASE` runs one case and prints its JSON (used by bench/run.ts).
const requested = process.argv[2];
if (requested && import.meta.url === `file://${process.argv[1]}`) {
  const benchCase = themesBenchCases.find((candidate) => candidate.name === requested);
  if (!benchCase) {
    process.stderr.write(`unknown case ${requested}; one of ${themesBenchCases.map((c) => c.name).join(', ')}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(runThemesBench(benchCase))}\n`);
  }
}
