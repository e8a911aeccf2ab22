import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type AuditEvent, api, queryKeys } from '../api.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** The review's audit log, newest first; the API answers only owners, so others see its refusal. */
export function AuditPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Audit slug={slug} />
    </RequireAccount>
  );
}

function Audit({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  const log = useInfiniteQuery({
    queryKey: queryKeys.auditLog(slug),
    queryFn: ({ pageParam }) => api.auditLog(slug, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
  usePageTitle(review.data ? t('audit.pageTitle', { title: review.data.title }) : t('audit.title'));
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>{review.data?.title ?? t('manage.back')}</Link>
      </p>
      <PageHeading>{t('audit.title')}</PageHeading>
      <p>{t('audit.intro')}</p>
      {log.isPending ? <Loading /> : null}
      {log.isError ? <LoadError error={log.error} /> : null}
      {log.data && events.length === 0 ? <p>{t('audit.none')}</p> : null}
      {events.length > 0 ? (
        <>
          <p className="hint" aria-live="polite">
            {t('audit.entries', { count: events.length })}
          </p>
          <div className="table-scroll">
            <table className="data-table audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <AuditRow key={event.id} event={event} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {log.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t('audit.older')}
        </button>
      ) : null}
    </>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const when = new Date(event.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  // Actions are open-ended (each route names its own); unknown ones show their code.
  const action = t(`audit.actions.${event.action}`, { defaultValue: event.action });
  const ids = Object.entries(event.params).map(([name, id]) => `${name} ${id}`);
  const details = [...ids, event.summary].filter((part) => part !== '').join(' · ');
  return (
    <tr>
      <th scope="row">
        <time dateTime={event.at}>{when}</time>
      </th>
      <td>{event.actor ?? t('audit.unknownActor')}</td>
      <td>{action}</td>
      <td className="audit-details">{details}</td>
    </tr>
  );
}
