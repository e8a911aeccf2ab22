import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type ManagedReview, queryKeys } from '../../api.js';
import { FormAlert } from '../form-fields.js';
import { StatusBadge } from './status-badge.js';

/** Open, close or return a review to draft; shows where participants find it. */
export function StatusControls({ review }: { review: ManagedReview }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (status: ManagedReview['status']) => api.updateReview(review.slug, { status }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.managedReview(review.slug), next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedReviews });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews });
      void queryClient.invalidateQueries({ queryKey: queryKeys.participation(review.slug) });
    },
  });
  const targets = (['open', 'closed', 'draft'] as const).filter((status) => status !== review.status);
  const archived = review.archivedAt !== null;
  const archive = useMutation({
    mutationFn: () => (archived ? api.unarchiveReview(review.slug) : api.archiveReview(review.slug)),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.managedReview(review.slug), next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedReviews });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews });
      void queryClient.invalidateQueries({ queryKey: queryKeys.participation(review.slug) });
    },
  });

  return (
    <section aria-labelledby="status-heading" className="section panel">
      <h2 id="status-heading">{t('manage.statusTitle')}</h2>
      <p>
        {t('manage.statusNow')} <StatusBadge status={review.status} />
      </p>
      <p>
        {t('manage.participantLink')}{' '}
        <Link href={`/r/${review.slug}`}>{`${window.location.origin}/r/${review.slug}`}</Link>
      </p>
      <p className="card-meta">
        {t('organise.counts', {
          statements: review.statementCount,
          participants: review.participantCount,
          votes: review.voteCount,
        })}
      </p>
      <FormAlert error={update.error} />
      <div className="button-row">
        {targets.map((status) => (
          <button
            key={status}
            type="button"
            className={status === 'open' ? 'button button-primary' : 'button button-secondary'}
            disabled={update.isPending}
            onClick={() => update.mutate(status)}
          >
            {t(`manage.setStatus.${status}`)}
          </button>
        ))}
      </div>
      {archived ? <p className="alert alert-info">{t('manage.archivedNotice')}</p> : null}
      <FormAlert error={archive.error} />
      <p className="hint" id="archive-hint">
        {t('manage.archiveHint')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          aria-describedby="archive-hint"
          disabled={archive.isPending}
          onClick={() => archive.mutate()}
        >
          {archived ? t('manage.unarchive') : t('manage.archive')}
        </button>
      </div>
    </section>
  );
}
