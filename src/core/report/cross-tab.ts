/**
 * How many people of each declared answer sit in each opinion group: rows are the options, then "no
 * answer"; columns are the groups (in `labels` order), then "not in a group" (not yet in the
 * conversation). Only counts leave here, so the analysis can store it without any participant id.
 */
export function identityByGroup(
  answers: ArrayLike<number>,
  optionCount: number,
  groupOfParticipant: ArrayLike<number>,
  labels: readonly number[],
): number[][] {
  const columnOf = new Map(labels.map((label, column) => [label, column]));
  const noGroup = labels.length;
  const noAnswer = optionCount;
  const table = Array.from({ length: optionCount + 1 }, () => new Array<number>(labels.length + 1).fill(0));
  const participantCount = Math.max(answers.length, groupOfParticipant.length);
  for (let participant = 0; participant < participantCount; participant++) {
    const answer = answers[participant] ?? -1;
    const row = answer >= 0 && answer < optionCount ? answer : noAnswer;
    const group = groupOfParticipant[participant] ?? -1;
    const column = group >= 0 ? (columnOf.get(group) ?? noGroup) : noGroup;
    const cells = table[row] as number[];
    cells[column] = (cells[column] as number) + 1;
  }
  return table;
}
