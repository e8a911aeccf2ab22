import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { FormAlert } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { forgetIdentityDone } from './review-page.js';

/**
 * A participant's rights in one review: download everything held about this browser's participant,
 * or erase it after a confirmation step. What erasure does to votes follows the review's setting.
 */
export function YourDataPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const participation = useQuery({ queryKey: queryKeys.participation(slug), queryFn: () => api.participation(slug) });
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () => api.eraseMyData(slug),
    onSuccess: async () => {
      forgetIdentityDone(slug);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: queryKeys.participation(slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.myVotes(slug) });
    },
  });
  const title = participation.data?.review.title;
  usePageTitle(title ? t('privacy.yourDataTitle', { title }) : t('privacy.yourDataLoading'));
  const erasedRef = useRef<HTMLParagraphElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (erase.isSuccess) erasedRef.current?.focus();
  }, [erase.isSuccess]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (participation.isPending) {
    return (
      <>
        <PageHeading>{t('privacy.yourDataLoading')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (participation.isError) return <LoadError error={participation.error} />;

  const { review, participant } = participation.data;
  const reviewHref = `/r/${encodeURIComponent(slug)}`;
  const links = (
    <p className="section">
      <Link href={`${reviewHref}/privacy`}>{t('privacy.readNotice')}</Link>
      {' · '}
      <Link href={reviewHref}>{t('privacy.backToReview')}</Link>
    </p>
  );

  if (erase.isSuccess) {
    return (
      <article>
        <PageHeading>{t('privacy.yourDataTitle', { title: review.title })}</PageHeading>
        <p ref={erasedRef} tabIndex={-1} role="status" className="alert alert-success">
          {t('privacy.erased')}
        </p>
        {links}
      </article>
    );
  }

  return (
    <article>
      <PageHeading>{t('privacy.yourDataTitle', { title: review.title })}</PageHeading>
      {!participant.joined ? (
        <p className="alert alert-info">{t('privacy.notJoined')}</p>
      ) : (
        <>
          <section aria-labelledby="download-heading" className="section">
            <h2 id="download-heading">{t('privacy.downloadTitle')}</h2>
            <p>{t('privacy.downloadText')}</p>
            <a className="button button-secondary" href={api.myDataUrl(slug)} download={`${slug}-my-data.json`}>
              {t('privacy.download')}
            </a>
          </section>
          <section aria-labelledby="erase-heading" className="section">
            <h2 id="erase-heading">{t('privacy.eraseTitle')}</h2>
            <p>{review.votesOnErasure === 'anonymise' ? t('privacy.eraseAnonymise') : t('privacy.eraseRemove')}</p>
            <p>{t('privacy.eraseAfter')}</p>
            <FormAlert error={erase.error} />
            {confirming ? (
              <div className="panel">
                <h3 id="confirm-erase-heading" ref={confirmRef} tabIndex={-1}>
                  {t('privacy.confirmTitle')}
                </h3>
                <p>{t('privacy.confirmText')}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => erase.mutate()}
                    disabled={erase.isPending}
                  >
                    {t('privacy.confirm')}
                  </button>{' '}
                  <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                    {t('privacy.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                {t('privacy.erase')}
              </button>
            )}
          </section>
        </>
      )}
      {links}
    </article>
  );
}
