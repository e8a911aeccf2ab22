import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { ModerationQueueView } from '../components/organise/moderation-queue.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** /organise/:slug/moderation: the review's moderation queue. */
export function ModerationPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Moderation slug={slug} />
    </RequireAccount>
  );
}

function Moderation({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  usePageTitle(review.data ? t('moderationQueue.pageTitle', { title: review.data.title }) : t('manage.loading'));

  if (review.isPending) return <Loading />;
  if (review.isError) {
    return (
      <>
        <PageHeading>{t('manage.unavailable')}</PageHeading>
        <LoadError error={review.error} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>{t('moderationQueue.back')}</Link>
      </p>
      <PageHeading>{t('moderationQueue.heading')}</PageHeading>
      <p className="lead">{review.data.title}</p>
      <p>{t('moderationQueue.intro')}</p>
      <ModerationQueueView slug={slug} />
    </>
  );
}
