import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ApiError, api, queryKeys } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { OpinionMap } from '../components/results/opinion-map.js';
import { EventOutcomesSection, FeedbackSection, ThemesSection } from '../components/results/report-extras.js';
import {
  BreakdownsSection,
  CommonGroundSection,
  CountsSection,
  DividesSection,
  GroupsSection,
  MethodSection,
  SurprisesSection,
} from '../components/results/sections.js';
import { useLiveResults } from '../components/results/use-live-results.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import '../components/results/results.css';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section results-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The live results of a review: loaded on its own (React.lazy), so participants' voting code stays small. */
export default function ResultsPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const results = useQuery({ queryKey: queryKeys.results(slug), queryFn: () => api.results(slug) });
  const notReady = results.error instanceof ApiError && results.error.code === 'analysis_not_ready';
  // Listen even before the first analysis exists, so the page fills in as soon as there is one.
  useLiveResults(slug, results.data?.version);
  usePageTitle(results.data ? t('results.pageTitle', { title: results.data.review.title }) : t('results.title'));

  if (results.isPending) {
    return (
      <>
        <PageHeading>{t('results.title')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (results.isError) {
    return (
      <>
        <PageHeading>{t('results.title')}</PageHeading>
        {notReady ? (
          <p className="alert alert-info" role="status">
            {t('results.notReady')}
          </p>
        ) : (
          <LoadError error={results.error} />
        )}
        <p>
          <Link href={`/r/${slug}`}>{t('results.backToReview')}</Link>
        </p>
      </>
    );
  }

  const data = results.data;
  const updated = new Date(data.createdAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <article className="results">
      <PageHeading>{t('results.pageTitle', { title: data.review.title })}</PageHeading>
      <p className="results-live" role="status" aria-live="polite" data-version={data.version}>
        {t('results.updated', { time: updated, version: data.version })}
      </p>
      <p className="results-actions">
        <Link href={`/r/${slug}`}>{t('results.backToReview')}</Link>
        <button type="button" className="button button-secondary button-small" onClick={() => window.print()}>
          {t('results.print')}
        </button>
      </p>
      <CountsSection counts={data.counts} />
      <Section id="results-map" title={t('results.map.heading')}>
        <p>{t('results.map.intro')}</p>
        <OpinionMap map={data.map} groups={data.groups} />
      </Section>
      <Section id="results-groups" title={t('results.groups.title')}>
        <GroupsSection groups={data.groups} />
      </Section>
      <Section id="results-common-ground" title={t('results.commonGround.title')}>
        <p>{t('results.commonGround.intro')}</p>
        <CommonGroundSection statements={data.commonGround} method={data.method} />
      </Section>
      <Section id="results-divides" title={t('results.divides.title')}>
        <DividesSection statements={data.divides} />
      </Section>
      <Section id="results-surprises" title={t('results.surprises.title')}>
        <SurprisesSection surprises={data.surprises} method={data.method} />
      </Section>
      <Section id="results-breakdowns" title={t('results.breakdowns.title')}>
        <BreakdownsSection breakdowns={data.breakdowns} method={data.method} />
      </Section>
      {data.themes ? (
        <Section id="results-themes" title={t('results.themes.title')}>
          <ThemesSection themes={data.themes} threshold={data.method.smallCellThreshold} />
        </Section>
      ) : null}
      {data.eventOutcomes ? (
        <Section id="results-events" title={t('results.events.title')}>
          <EventOutcomesSection events={data.eventOutcomes} />
        </Section>
      ) : null}
      {data.feedback ? (
        <Section id="results-feedback" title={t('results.feedback.title')}>
          <p>{t('results.feedback.intro')}</p>
          <FeedbackSection feedback={data.feedback} threshold={data.method.smallCellThreshold} />
        </Section>
      ) : null}
      <Section id="results-method" title={t('results.method.title')}>
        <MethodSection method={data.method} />
      </Section>
    </article>
  );
}
