import { useTranslation } from 'react-i18next';
import type { Dashboard, PublishedCount } from '../../api.js';

/** Questions with more answers than this (seat lists) fold their table away until asked for. */
const foldAbove = 12;

/** Identity answer counts, one table per question, with small cells as the server suppressed them. */
export function IdentityCounts({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const threshold = dashboard.smallCellThreshold;
  return (
    <div className="dashboard-identity">
      <h3>{t('dashboard.identityTitle')}</h3>
      <p className="hint">{t('dashboard.identityIntro', { threshold })}</p>
      {dashboard.identity.length === 0 ? <p>{t('dashboard.noQuestions')}</p> : null}
      {dashboard.identity.map((question) =>
        question.options.length > foldAbove ? (
          <details key={question.questionId} className="dashboard-fold">
            <summary>
              {question.prompt} · {t('dashboard.showAll', { count: question.options.length })}
            </summary>
            <QuestionTable question={question} threshold={threshold} />
          </details>
        ) : (
          <QuestionTable key={question.questionId} question={question} threshold={threshold} />
        ),
      )}
    </div>
  );
}

function QuestionTable({ question, threshold }: { question: Dashboard['identity'][number]; threshold: number }) {
  const { t } = useTranslation();
  const display = (count: PublishedCount): string => {
    if (count.state === 'shown') return String(count.value);
    return count.state === 'small' ? t('dashboard.fewerThan', { threshold }) : t('dashboard.hidden');
  };
  return (
    <table className="data-table">
      <caption>{question.prompt}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.answer')}</th>
          <th scope="col" className="number">
            {t('dashboard.people')}
          </th>
        </tr>
      </thead>
      <tbody>
        {question.options.map((option) => (
          <tr key={option.optionId}>
            <th scope="row">{option.label}</th>
            <td className={option.count.state === 'shown' ? 'number' : 'number suppressed'}>{display(option.count)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('dashboard.answered')}</th>
          <td className={question.answered === null ? 'number suppressed' : 'number'}>
            {question.answered === null ? t('dashboard.hidden') : question.answered}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
