import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { StatusBadge } from '../components/organise/status-badge.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function OrganiseListPage() {
  const { t } = useTranslation();
  usePageTitle(t('organise.title'));
  return (
    <RequireAccount>
      <ReviewList />
    </RequireAccount>
  );
}

function ReviewList() {
  const { t } = useTranslation();
  const reviews = useQuery({ queryKey: queryKeys.managedReviews, queryFn: api.managedReviews });
  return (
    <>
      <PageHeading>{t('organise.title')}</PageHeading>
      <p>
        <Link href="/organise/new" className="button button-primary">
          {t('organise.create')}
        </Link>
      </p>
      {reviews.isPending ? <Loading /> : null}
      {reviews.isError ? <LoadError error={reviews.error} /> : null}
      {reviews.data && reviews.data.length === 0 ? <p>{t('organise.none')}</p> : null}
      {reviews.data && reviews.data.length > 0 ? (
        <ul className="card-list">
          {reviews.data.map((review) => (
            <li key={review.id} className="card">
              <Link href={`/organise/${review.slug}`} className="card-link">
                {review.title}
              </Link>
              <p className="card-meta">
                <StatusBadge status={review.status} />{' '}
                {t('organise.counts', {
                  statements: review.statementCount,
                  participants: review.participantCount,
                  votes: review.voteCount,
                })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <ArchivedReviews />
    </>
  );
}

/** Archived reviews stay out of the list above; they are fetched only when asked for. */
function ArchivedReviews() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const archived = useQuery({
    queryKey: queryKeys.archivedReviews,
    queryFn: api.archivedReviews,
    enabled: open,
  });
  return (
    <details className="about" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('organise.archivedTitle')}</summary>
      {archived.isPending && open ? <Loading /> : null}
      {archived.isError ? <LoadError error={archived.error} /> : null}
      {archived.data && archived.data.length === 0 ? <p>{t('organise.archivedNone')}</p> : null}
      {archived.data && archived.data.length > 0 ? (
        <ul className="card-list">
          {archived.data.map((review) => (
            <li key={review.id} className="card">
              <Link href={`/organise/${review.slug}`} className="card-link">
                {review.title}
              </Link>
              <p className="card-meta">
                <StatusBadge status={review.status} /> {t('organise.archivedBadge')}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
