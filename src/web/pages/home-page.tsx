import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(undefined);
  const reviews = useQuery({ queryKey: queryKeys.reviews, queryFn: api.listReviews });

  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <p className="lead">{t('home.intro1')}</p>
      <p>{t('home.intro2')}</p>

      <section aria-labelledby="open-reviews" className="section">
        <h2 id="open-reviews">{t('home.openReviews')}</h2>
        {reviews.isPending ? <Loading /> : null}
        {reviews.isError ? <LoadError error={reviews.error} /> : null}
        {reviews.data && reviews.data.length === 0 ? <p>{t('home.noReviews')}</p> : null}
        {reviews.data && reviews.data.length > 0 ? (
          <ul className="card-list">
            {reviews.data.map((review) => (
              <li key={review.id} className="card">
                <Link href={`/r/${review.slug}`} className="card-link">
                  {review.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="for-organisers" className="section">
        <h2 id="for-organisers">{t('home.organisers')}</h2>
        <p>
          {t('home.organisersText')} <Link href="/sign-in">{t('home.signInLink')}</Link>
        </p>
      </section>
    </>
  );
}
