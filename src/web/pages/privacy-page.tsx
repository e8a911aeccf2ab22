import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** The review's privacy notice, written by the server from the review's settings, in the reader's language. */
export function PrivacyPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith('cy') ? 'cy' : 'en';
  const notice = useQuery({
    queryKey: queryKeys.privacyNotice(slug, language),
    queryFn: () => api.privacyNotice(slug, language),
  });
  const title = notice.data?.review.title;
  usePageTitle(title ? t('privacy.noticeTitle', { title }) : t('privacy.noticeLoading'));

  if (notice.isPending) {
    return (
      <>
        <PageHeading>{t('privacy.noticeLoading')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (notice.isError) return <LoadError error={notice.error} />;

  const reviewHref = `/r/${encodeURIComponent(slug)}`;
  return (
    <article className="privacy-notice">
      <PageHeading>{t('privacy.noticeTitle', { title: notice.data.review.title })}</PageHeading>
      {notice.data.sections.map((section) => (
        <section key={section.id} aria-labelledby={`privacy-${section.id}`} className="section">
          <h2 id={`privacy-${section.id}`}>{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </section>
      ))}
      <p className="section">
        <Link href={`${reviewHref}/your-data`}>{t('privacy.yourDataLink')}</Link>
        {' · '}
        <Link href={reviewHref}>{t('privacy.backToReview')}</Link>
      </p>
    </article>
  );
}
