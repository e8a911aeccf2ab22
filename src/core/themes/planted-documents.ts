import { createRandom } from '../analysis/random.js';
import type { ThemeDocument } from './term-matrix.js';

/** Vocabularies of planted topics for tests: no word is shared between topics. */
export const plantedVocabularies: readonly (readonly string[])[] = [
  ['leader', 'charisma', 'trust', 'weak', 'prime', 'minister', 'authority', 'vision'],
  ['economy', 'bill', 'price', 'wage', 'tax', 'rent', 'mortgage', 'inflation'],
  ['brexit', 'europe', 'referendum', 'remain', 'leave', 'customs', 'market', 'rejoin'],
  ['canvass', 'volunteer', 'leaflet', 'door', 'marginal', 'turnout', 'postal', 'activist'],
  ['council', 'pothole', 'bus', 'hospital', 'library', 'bin', 'parking', 'street'],
];

/** Words any answer may use, whatever its topic. */
export const plantedNoise: readonly string[] = ['year', 'policy', 'time', 'country', 'problem', 'week'];

/**
 * Answers on `topicCount` planted topics: each has 3–6 words of its topic and, with probability
 * `noiseShare`, one shared noise word. Ids are `<prefix>-<index>`; `topics` holds each answer's topic.
 */
export function plantedDocuments(options: {
  readonly count: number;
  readonly topicCount: number;
  readonly seed: number;
  readonly noiseShare?: number;
  readonly prefix?: string;
}): { documents: ThemeDocument[]; topics: number[] } {
  const random = createRandom(options.seed);
  const documents: ThemeDocument[] = [];
  const topics: number[] = [];
  for (let index = 0; index < options.count; index++) {
    const topic = index % options.topicCount;
    const vocabulary = plantedVocabularies[topic] as readonly string[];
    const length = 3 + Math.floor(random() * 4);
    const terms: string[] = [];
    for (let word = 0; word < length; word++) {
      terms.push(vocabulary[Math.floor(random() * vocabulary.length)] as string);
    }
    if (random() < (options.noiseShare ?? 0.5)) {
      terms.push(plantedNoise[Math.floor(random() * plantedNoise.length)] as string);
    }
    documents.push({ id: `${options.prefix ?? 'answer'}-${index}`, terms });
    topics.push(topic);
  }
  return { documents, topics };
}
