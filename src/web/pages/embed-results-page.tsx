import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, queryKeys } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { CommonGroundSection, CountsSection } from '../components/results/sections.js';
import { useLiveResults } from '../components/results/use-live-results.js';
import { EmbedFrame } from '../embed/embed-frame.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import '../components/results/results.css';

/** How many common-ground statements fit an embedded card; the full page has them all. */
const shownStatements = 5;

/**
 * A review's results for other sites: the counts and the strongest common ground, live, with the full
 * report a click away. Only results the organisers made public show (the frame has no team session).
 */
export function EmbedResultsPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const results = useQuery({ queryKey: queryKeys.results(slug), queryFn: () => api.results(slug) });
  useLiveResults(slug, results.data?.version);
  usePageTitle(results.data ? t('results.pageTitle', { title: results.data.review.title }) : t('results.title'));
  const fullPageHref = `/r/${encodeURIComponent(slug)}/results`;

  let body: ReactNode;
  if (results.isPending) {
    body = <Loading />;
  } else if (results.isError) {
    const code = results.error instanceof ApiError ? results.error.code : '';
    body = (
      <>
        <PageHeading>{t('results.title')}</PageHeading>
        {code === 'analysis_not_ready' ? (
          <p className="alert alert-info">{t('results.notReady')}</p>
        ) : code === 'results_not_public' || code === 'invite_required' ? (
          <p className="alert alert-info">{t('embed.resultsNotPublic')}</p>
        ) : (
          <LoadError error={results.error} />
        )}
      </>
    );
  } else {
    const data = results.data;
    body = (
      <article className="results">
        <PageHeading>{t('results.pageTitle', { title: data.review.title })}</PageHeading>
        <CountsSection counts={data.counts} />
        <section className="section results-section" aria-labelledby="embed-common-ground">
          <h2 id="embed-common-ground">{t('results.commonGround.title')}</h2>
          <CommonGroundSection statements={data.commonGround.slice(0, shownStatements)} method={data.method} />
          {data.commonGround.length > shownStatements ? (
            <p>{t('embed.moreCommonGround', { count: data.commonGround.length - shownStatements })}</p>
          ) : null}
        </section>
      </article>
    );
  }
  return <EmbedFrame fullPageHref={fullPageHref}>{body}</EmbedFrame>;
}
