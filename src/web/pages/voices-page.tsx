import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { VoiceForm } from '../components/organise/voice-form.js';
import { VoiceQueueStatus } from '../components/organise/voice-queue-status.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { listeningApi, listeningKeys } from '../listening-api.js';
import { useVoiceQueue } from '../offline-queue-hook.js';

/**
 * /organise/:slug/voices: canvasser mode. Load it while online; after that it works without a
 * connection, keeping each voice on the phone until the server confirms it.
 */
export function VoicesPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Voices slug={slug} />
    </RequireAccount>
  );
}

function Voices({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  // Seats and options do not change during a round: no refetching on focus or reconnect.
  const form = useQuery({
    queryKey: listeningKeys.voiceForm(slug),
    queryFn: () => listeningApi.voiceForm(slug),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const queue = useVoiceQueue(slug);
  usePageTitle(review.data ? t('listening.voices.pageTitle', { title: review.data.title }) : t('manage.loading'));

  if (review.isPending || form.isPending) return <Loading />;
  if (review.isError || form.isError) {
    return (
      <>
        <PageHeading>{t('manage.unavailable')}</PageHeading>
        <LoadError error={review.error ?? form.error} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>{t('moderationQueue.back')}</Link>
      </p>
      <PageHeading>{t('listening.voices.heading')}</PageHeading>
      <p className="lead">{review.data.title}</p>
      <p>{t('listening.voices.intro')}</p>
      <VoiceQueueStatus queue={queue} />
      {form.data.places.length === 0 ? (
        <p className="alert alert-info">{t('listening.voices.noPlaces')}</p>
      ) : (
        <VoiceForm form={form.data} onRecord={queue.record} />
      )}
    </>
  );
}
