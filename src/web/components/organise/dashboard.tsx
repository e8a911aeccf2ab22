import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ReviewPermission, roleAllows } from '../../../core/review-rules.js';
import { api, type ManagedReview, queryKeys } from '../../api.js';
import { LoadError, Loading } from '../query-state.js';
import { IdentityCounts } from './dashboard-identity.js';

/** Figures this fresh are good enough; the dashboard also refreshes when the tab regains focus. */
const refreshMs = 30_000;

/**
 * The top of a review's console: where each part of the console is (only the parts the viewer's role
 * may use), then the dashboard for roles that may see it.
 */
export function ConsoleOverview({ review }: { review: ManagedReview }) {
  return (
    <>
      <ConsoleNav review={review} />
      {roleAllows(review.role, 'viewDashboard') ? <Dashboard slug={review.slug} /> : null}
    </>
  );
}

const sections: ReadonlyArray<{ key: string; path: string; permission: ReviewPermission }> = [
  { key: 'moderation', path: 'moderation', permission: 'moderate' },
  { key: 'listening', path: 'prompts', permission: 'moderate' },
  { key: 'voices', path: 'voices', permission: 'recordVoices' },
  { key: 'invitations', path: 'invitations', permission: 'invite' },
  { key: 'team', path: 'team', permission: 'manageTeam' },
  { key: 'audit', path: 'audit', permission: 'viewAudit' },
];

function ConsoleNav({ review }: { review: ManagedReview }) {
  const { t } = useTranslation();
  const base = `/organise/${encodeURIComponent(review.slug)}`;
  const links = sections.filter((section) => roleAllows(review.role, section.permission));
  return (
    <nav aria-label={t('console.nav')} className="console-nav">
      <p className="console-role">{t('console.yourRole', { role: t(`roles.${review.role}`) })}</p>
      {links.length > 0 ? (
        <ul>
          {links.map((section) => (
            <li key={section.key}>
              <Link href={`${base}/${section.path}`}>{t(`console.${section.key}`)}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </nav>
  );
}

function Dashboard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const dashboard = useQuery({
    queryKey: queryKeys.dashboard(slug),
    queryFn: () => api.dashboard(slug),
    refetchInterval: refreshMs,
  });
  return (
    <section aria-labelledby="dashboard-heading" className="section panel dashboard">
      <h2 id="dashboard-heading">{t('dashboard.title')}</h2>
      {dashboard.isPending ? <Loading /> : null}
      {dashboard.isError ? <LoadError error={dashboard.error} /> : null}
      {dashboard.data ? (
        <>
          <ul className="dashboard-figures">
            <li>
              <strong>{t('dashboard.participants', { count: dashboard.data.participants.total })}</strong>
              <span>{t('dashboard.verified', { count: dashboard.data.participants.verified })}</span>
              <span>{t('dashboard.activeToday', { count: dashboard.data.participants.activeToday })}</span>
            </li>
            <li>
              <strong>{t('dashboard.votes', { count: dashboard.data.votes })}</strong>
            </li>
            <li>
              <strong>
                {t('dashboard.statements', {
                  count:
                    dashboard.data.statements.pending +
                    dashboard.data.statements.accepted +
                    dashboard.data.statements.rejected,
                })}
              </strong>
              <span>{t('dashboard.statementStates', dashboard.data.statements)}</span>
            </li>
          </ul>
          <p>
            <Link href={dashboard.data.resultsPath}>{t('dashboard.resultsLink')}</Link>
          </p>
          <IdentityCounts dashboard={dashboard.data} />
        </>
      ) : null}
    </section>
  );
}
