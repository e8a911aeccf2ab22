import type { MemberListProblemDetails } from '../../api.js';
import { ApiError } from '../../api.js';
import { type CsvLineProblem, CsvLineProblems } from './csv-line-problems.js';

/** The bad lines of a refused member list, when the error is one. */
export function memberListProblems(error: unknown): CsvLineProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'member_list_invalid') return undefined;
  const lines = (error.problem as Partial<MemberListProblemDetails>).lines;
  return Array.isArray(lines) ? lines : undefined;
}

export function InvitationProblems({ problems }: { problems: CsvLineProblem[] }) {
  return <CsvLineProblems kind="invitations" problems={problems} />;
}
