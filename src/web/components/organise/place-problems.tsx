import { ApiError } from '../../api.js';
import { type CsvLineProblem, CsvLineProblems } from './csv-line-problems.js';

/** The bad lines of a refused place list, when the error is one. */
export function placeListProblems(error: unknown): CsvLineProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'place_list_invalid') return undefined;
  const lines = error.problem.lines;
  return Array.isArray(lines) ? (lines as CsvLineProblem[]) : undefined;
}

export function PlaceProblems({ problems }: { problems: CsvLineProblem[] }) {
  return <CsvLineProblems kind="places" problems={problems} />;
}
