import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberListProblemDetails } from '../../api.js';
import { ApiError } from '../../api.js';
import en from '../../i18n/en.json';

type CsvLineProblem = MemberListProblemDetails['lines'][number];

/** The bad lines of a refused member list, when the error is one. */
export function memberListProblems(error: unknown): CsvLineProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'member_list_invalid') return undefined;
  const lines = (error.problem as Partial<MemberListProblemDetails>).lines;
  return Array.isArray(lines) ? lines : undefined;
}

function isKnownCode(code: string): code is keyof typeof en.invitations.problemCodes {
  return Object.hasOwn(en.invitations.problemCodes, code);
}

/**
 * Every bad line of a refused list, as a table (line, column, what is wrong). It takes focus when it
 * appears, so keyboard and screen-reader users land on what to fix rather than on the button.
 */
export function InvitationProblems({ problems }: { problems: CsvLineProblem[] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="alert alert-error invitation-problems">
      <h3 id="invitation-problems-heading" ref={heading} tabIndex={-1}>
        {t('invitations.problems.title')}
      </h3>
      <p>{t('invitations.problems.summary', { number: problems.length })}</p>
      <div className="table-scroll">
        <table className="invitation-table">
          <caption className="visually-hidden">{t('invitations.problems.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invitations.problems.line')}</th>
              <th scope="col">{t('invitations.problems.column')}</th>
              <th scope="col">{t('invitations.problems.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr key={`${problem.line}-${problem.column ?? ''}-${problem.code}`}>
                <td>{problem.line}</td>
                <td>{problem.column ?? t('invitations.problems.wholeLine')}</td>
                <td>
                  {isKnownCode(problem.code)
                    ? t(`invitations.problemCodes.${problem.code}`, { ...problem.params })
                    : problem.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
