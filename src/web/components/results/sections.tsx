import { useTranslation } from 'react-i18next';
import type { Results } from '../../../contract/results.js';
import { count, groupColour, groupLetter, percent } from './format.js';
import { RateBar } from './rate-bar.js';

type Rate = { agreeRate: number; lower: number; upper: number };

/** "between 71% and 80%" from a Wilson interval, in whole percentages. */
function useRange() {
  const { t, i18n } = useTranslation();
  return (rate: Rate) =>
    t('results.between', {
      lower: percent(Math.floor(rate.lower * 100) / 100, i18n.language),
      upper: percent(Math.ceil(rate.upper * 100) / 100, i18n.language),
    });
}

export function CountsSection({ counts }: { counts: Results['counts'] }) {
  const { t, i18n } = useTranslation();
  const items: Array<[string, number]> = [
    [t('results.counts.participants'), counts.participants],
    [t('results.counts.votes'), counts.votes],
    [t('results.counts.statements'), counts.statements],
    [t('results.counts.inGroups'), counts.inGroups],
    [t('results.counts.groups'), counts.groups],
  ];
  return (
    <dl className="results-counts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{count(value, i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function GroupsSection({ groups }: { groups: Results['groups'] }) {
  const { t, i18n } = useTranslation();
  if (groups.length === 0) return <p>{t('results.groups.none')}</p>;
  return (
    <>
      {groups.map((group) => {
        const name = t('results.groupName', { group: groupLetter(group.label) });
        return (
          <section key={group.label} className="results-group" aria-labelledby={`group-${group.label}`}>
            <h3 id={`group-${group.label}`}>
              <span className="swatch" style={{ background: groupColour(group.label) }} aria-hidden="true" />
              {t('results.groups.heading', { group: name, people: count(group.size, i18n.language) })}
            </h3>
            {group.statements.length === 0 ? (
              <p>{t('results.groups.noStatements')}</p>
            ) : (
              <ul className="results-statements">
                {group.statements.map((statement) => (
                  <li key={statement.statementId}>
                    <p className="results-statement-text">{statement.text}</p>
                    <RateBar
                      agree={statement.group.agreeRate}
                      disagree={statement.group.disagreeRate}
                      pass={statement.group.passRate}
                    />
                    <p className="results-figure">
                      {t(statement.repfulFor === 'agree' ? 'results.groups.agreeLine' : 'results.groups.disagreeLine', {
                        group: name,
                        share: percent(
                          statement.repfulFor === 'agree' ? statement.group.agreeRate : statement.group.disagreeRate,
                          i18n.language,
                        ),
                        others: percent(
                          statement.repfulFor === 'agree' ? statement.others.agreeRate : statement.others.disagreeRate,
                          i18n.language,
                        ),
                      })}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

export function CommonGroundSection({
  statements,
  method,
}: {
  statements: Results['commonGround'];
  method: Results['method'];
}) {
  const { t, i18n } = useTranslation();
  const range = useRange();
  if (statements.length === 0) return <p>{t('results.commonGround.none')}</p>;
  return (
    <ul className="results-statements">
      {statements.map((statement) => (
        <li key={statement.statementId}>
          <p className="results-statement-text">{statement.text}</p>
          <ul className="results-rates">
            {statement.groups.map((group) => (
              <li key={group.label}>
                {t('results.agreeRange', {
                  range: range(group),
                  who: t('results.groupName', { group: groupLetter(group.label) }),
                })}
              </li>
            ))}
            {statement.declared.flatMap((question) => {
              // Hidden and empty options are named together, so a small review's list stays short.
              const names = (options: typeof question.options) =>
                new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
                  options.map((option) => option.label),
                );
              const hidden = question.options.filter((option) => !option.rate && option.voters !== 0);
              const empty = question.options.filter((option) => !option.rate && option.voters === 0);
              return [
                ...question.options.flatMap((option) =>
                  option.rate
                    ? [
                        <li key={`${question.questionId}:${option.label}`}>
                          {t('results.agreeRange', { range: range(option.rate), who: option.label })}
                        </li>,
                      ]
                    : [],
                ),
                hidden.length > 0 ? (
                  <li key={`${question.questionId}:hidden`}>
                    {t('results.commonGround.suppressed', {
                      who: names(hidden),
                      threshold: method.smallCellThreshold,
                    })}
                  </li>
                ) : null,
                empty.length > 0 ? (
                  <li key={`${question.questionId}:empty`}>
                    {t('results.commonGround.noVoters', { who: names(empty) })}
                  </li>
                ) : null,
              ];
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function DividesSection({ statements }: { statements: Results['divides'] }) {
  const { t, i18n } = useTranslation();
  if (statements.length === 0) return <p>{t('results.divides.none')}</p>;
  return (
    <ul className="results-statements">
      {statements.map((statement) => (
        <li key={statement.statementId}>
          <p className="results-statement-text">{statement.text}</p>
          {statement.groups.map((group) => {
            const name = t('results.groupName', { group: groupLetter(group.label) });
            return (
              <div key={group.label} className="results-divide-row">
                <p className="results-figure">
                  {t('results.divides.line', {
                    group: name,
                    agree: percent(group.agreeRate, i18n.language),
                    disagree: percent(group.disagreeRate, i18n.language),
                  })}
                </p>
                <RateBar agree={group.agreeRate} disagree={group.disagreeRate} pass={group.passRate} />
              </div>
            );
          })}
        </li>
      ))}
    </ul>
  );
}

export function SurprisesSection({
  surprises,
  method,
}: {
  surprises: Results['surprises'];
  method: Results['method'];
}) {
  const { t, i18n } = useTranslation();
  const range = useRange();
  return (
    <>
      <p>
        {t('results.surprises.definition', {
          usual: percent(method.surpriseUsualGap, i18n.language),
          gap: percent(method.surpriseGap, i18n.language),
        })}
      </p>
      {surprises.length === 0 ? (
        <p>{t('results.surprises.none')}</p>
      ) : (
        <ul className="results-statements">
          {surprises.map((surprise) => (
            <li key={`${surprise.statementId}:${surprise.label}:${surprise.ally}`}>
              <p className="results-statement-text">{surprise.text}</p>
              <p className="results-figure">
                {t('results.surprises.line', {
                  who: surprise.label,
                  ally: surprise.ally,
                  usual: percent(surprise.usualDifference, i18n.language),
                  range: range(surprise.rate),
                  allyRange: range(surprise.allyRate),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function BreakdownsSection({
  breakdowns,
  method,
}: {
  breakdowns: Results['breakdowns'];
  method: Results['method'];
}) {
  const { t, i18n } = useTranslation();
  if (breakdowns.length === 0) return <p>{t('results.breakdowns.none')}</p>;
  const hidden = t('results.breakdowns.hidden', { threshold: method.smallCellThreshold });
  const show = (value: number | null) => (value === null ? hidden : count(value, i18n.language));
  return (
    <>
      {breakdowns.map((breakdown) => {
        const rowLabel = (label: string | null) => label ?? t('results.breakdowns.noAnswer');
        const shownTotals = breakdown.table.rowTotals.map((value) => value ?? 0);
        const largest = Math.max(1, ...shownTotals);
        return (
          <section key={breakdown.questionId} className="results-breakdown">
            <h3>{breakdown.prompt}</h3>
            <ul className="breakdown-chart" aria-hidden="true">
              {breakdown.rows.map((label, row) => {
                const total = breakdown.table.rowTotals[row] ?? null;
                return (
                  <li key={label ?? 'none'}>
                    <span className="breakdown-chart-label">{rowLabel(label)}</span>
                    <span className="breakdown-chart-bar" style={{ width: `${((total ?? 0) / largest) * 100}%` }} />
                    <span className="breakdown-chart-value">{show(total)}</span>
                  </li>
                );
              })}
            </ul>
            {/* A narrow screen scrolls the table sideways; a focusable region lets keyboards scroll it too. */}
            <section
              className="table-scroll"
              aria-label={t('results.breakdowns.caption', { question: breakdown.prompt })}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
              tabIndex={0}
            >
              <table className="data-table">
                <caption>{t('results.breakdowns.caption', { question: breakdown.prompt })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.breakdowns.answer')}</th>
                    {breakdown.columns.map((column) => (
                      <th scope="col" key={column ?? 'none'}>
                        {column === null
                          ? t('results.breakdowns.noGroup')
                          : t('results.groupName', { group: groupLetter(column) })}
                      </th>
                    ))}
                    <th scope="col">{t('results.breakdowns.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {breakdown.rows.map((label, row) => (
                    <tr key={label ?? 'none'}>
                      <th scope="row">{rowLabel(label)}</th>
                      {breakdown.columns.map((column, position) => (
                        <td key={column ?? 'none'}>{show(breakdown.table.cells[row]?.[position] ?? null)}</td>
                      ))}
                      <td>{show(breakdown.table.rowTotals[row] ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('results.breakdowns.total')}</th>
                    {breakdown.table.columnTotals.map((value, position) => (
                      <td key={breakdown.columns[position] ?? 'none'}>{count(value, i18n.language)}</td>
                    ))}
                    <td>{count(breakdown.table.total, i18n.language)}</td>
                  </tr>
                </tfoot>
              </table>
            </section>
          </section>
        );
      })}
      <p className="hint">{t('results.breakdowns.note', { threshold: method.smallCellThreshold })}</p>
    </>
  );
}

export function MethodSection({ method }: { method: Results['method'] }) {
  const { t, i18n } = useTranslation();
  const values = {
    votes: method.minVotesForGroups,
    maxGroups: method.maxGroups,
    confidence: percent(method.confidence, i18n.language),
    agree: percent(method.commonGroundAgree, i18n.language),
    declaredVoters: method.declaredMinVoters,
    threshold: method.smallCellThreshold,
    divides: method.dividesShown,
  };
  return (
    <>
      <p>{t('results.method.groups', values)}</p>
      <p>{t('results.method.commonGround', values)}</p>
      <p>{t('results.method.uncertainty', values)}</p>
      <p>{t('results.method.divides', values)}</p>
      <p>{t('results.method.privacy', values)}</p>
    </>
  );
}
