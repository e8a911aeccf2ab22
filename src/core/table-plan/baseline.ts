import { createRandom } from '../analysis/random.js';
import { shuffled } from './search.js';
import type { Registrant } from './types.js';

/**
 * The baseline the planner is judged against: registrants shuffled with the seed and dealt into
 * `tableCount` tables of even size, ignoring attributes and requests.
 */
export function randomAssignment(registrants: readonly Registrant[], tableCount: number, seed: number): string[][] {
  const order = shuffled(
    registrants.map((registrant) => registrant.id),
    createRandom(seed),
  );
  const tables: string[][] = Array.from({ length: tableCount }, () => []);
  order.forEach((id, index) => {
    tables[index % tableCount]!.push(id);
  });
  return tables;
}
