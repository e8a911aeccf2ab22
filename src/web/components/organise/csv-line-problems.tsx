import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../i18n/en.json';

/** One bad line of a refused CSV import, as the API reports it. */
export interface CsvLineProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** Which import the problems belong to: it picks the strings and the element names. */
export type CsvImportKind = 'invitations' | 'places';

const classNames: Record<CsvImportKind, string> = { invitations: 'invitation-problems', places: 'place-problems' };

function isKnownCode(kind: CsvImportKind, code: string): boolean {
  return Object.hasOwn(en[kind].problemCodes, code);
}

/**
 * Every bad line of a refused list, as a table (line, column, what is wrong) in the reader's language;
 * the server's English message is the fallback for a code the page does not know. It takes focus when
 * it appears, so keyboard and screen-reader users land on what to fix rather than on the button.
 */
export function CsvLineProblems({ kind, problems }: { kind: CsvImportKind; problems: CsvLineProblem[] }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const className = classNames[kind];
  return (
    <div className={`alert alert-error ${className}`}>
      <h3 id={`${className}-heading`} ref={heading} tabIndex={-1}>
        {t(`${kind}.problems.title`)}
      </h3>
      <p>{t(`${kind}.problems.summary`, { count: problems.length, number: problems.length })}</p>
      <div className="table-scroll">
        <table className="invitation-table">
          <caption className="visually-hidden">{t(`${kind}.problems.caption`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`${kind}.problems.line`)}</th>
              <th scope="col">{t(`${kind}.problems.column`)}</th>
              <th scope="col">{t(`${kind}.problems.problem`)}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem) => (
              <tr key={`${problem.line}-${problem.column ?? ''}-${problem.code}`}>
                <td>{problem.line}</td>
                <td>{problem.column ?? t(`${kind}.problems.wholeLine`)}</td>
                <td>
                  {isKnownCode(kind, problem.code)
                    ? t(`${kind}.problemCodes.${problem.code}`, { ...problem.params })
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
