import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import en from '../../i18n/en.json';

export interface PlaceLineProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The bad lines of a refused place list, when the error is one. */
export function placeListProblems(error: unknown): PlaceLineProblem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'place_list_invalid') return undefined;
  const lines = error.problem.lines;
  return Array.isArray(lines) ? lines : undefined;
}

function isKnownCode(code: string): code is keyof typeof en.places.problemCodes {
  return Object.hasOwn(en.places.problemCodes, code);
}

/**
 * Every bad line of a refused place list as a table (line, column, what is wrong), in the reader's
 * language. It takes focus when it appears, so keyboard and screen-reader users land on what to fix.
 */
export function PlaceProblems({ problems }: { problems: PlaceLineProblem[] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="alert alert-error place-problems">
      <h3 id="place-problems-heading" ref={heading} tabIndex={-1}>
        {t('places.problems.title')}
      </h3>
      <p>{t('places.problems.summary', { count: problems.length })}</p>
      <div className="table-scroll">
        <table className="invitation-table">
          <caption className="visually-hidden">{t('places.problems.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('places.problems.line')}</th>
              <th scope="col">{t('places.problems.column')}</th>
              <th scope="col">{t('places.problems.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr key={`${problem.line}-${problem.column ?? ''}-${problem.code}`}>
                <td>{problem.line}</td>
                <td>{problem.column ?? t('places.problems.wholeLine')}</td>
                <td>
                  {isKnownCode(problem.code)
                    ? t(`places.problemCodes.${problem.code}`, { ...problem.params })
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
