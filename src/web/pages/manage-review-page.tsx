import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ReviewPermission, roleAllows } from '../../core/review-rules.js';
import { api, queryKeys } from '../api.js';
import { ConsoleOverview } from '../components/organise/dashboard.js';
import { IdentityQuestionsEditor } from '../components/organise/identity-questions-editor.js';
import { InviteLink } from '../components/organise/invite-link.js';
import { PlaceListEditor } from '../components/organise/place-list-editor.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { SeedStatementsForm } from '../components/organise/seed-statements-form.js';
import { SettingsForm } from '../components/organise/settings-form.js';
import { StatementModeration } from '../components/organise/statement-moderation.js';
import { StatusControls } from '../components/organise/status-controls.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { ResultsPanel } from '../components/results/results-panel.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function ManageReviewPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <ManageReview slug={slug} />
    </RequireAccount>
  );
}

function ManageReview({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  usePageTitle(review.data ? t('manage.pageTitle', { title: review.data.title }) : t('manage.loading'));

  if (review.isPending) return <Loading />;
  if (review.isError) {
    return (
      <>
        <PageHeading>{t('manage.unavailable')}</PageHeading>
        <LoadError error={review.error} />
      </>
    );
  }
  const data = review.data;
  // The server refuses what a role may not do; the page also leaves out the controls for it.
  const can = (permission: ReviewPermission) => roleAllows(data.role, permission);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/organise">{t('manage.back')}</Link>
      </p>
      <PageHeading>{data.title}</PageHeading>
      <ConsoleOverview review={data} />
      {can('editReview') ? (
        <>
          <StatusControls review={data} />
          <SeedStatementsForm slug={slug} />
          <PlaceListEditor slug={slug} />
          <IdentityQuestionsEditor slug={slug} />
        </>
      ) : null}
      {roleAllows(data.role, 'moderate') ? (
        <section aria-labelledby="moderation-link-heading" className="section">
          <h2 id="moderation-link-heading">{t('moderationQueue.heading')}</h2>
          <p>{t('moderationQueue.linkIntro')}</p>
          <p>
            <Link href={`/organise/${encodeURIComponent(slug)}/moderation`}>{t('moderationQueue.link')}</Link>
          </p>
        </section>
      ) : null}
      {can('moderate') ? <StatementModeration slug={slug} /> : null}
      {can('invite') ? (
        <>
          <section aria-labelledby="invitations-link-heading" className="section">
            <h2 id="invitations-link-heading">{t('invitations.title')}</h2>
            <p>{t('invitations.manageLinkHint')}</p>
            <p>
              <Link href={`/organise/${encodeURIComponent(slug)}/invitations`}>{t('invitations.manageLink')}</Link>
            </p>
          </section>
          <InviteLink slug={slug} />
        </>
      ) : null}
      <ResultsPanel review={data} canEdit={roleAllows(data.role, 'editReview')} />
      {can('editReview') ? <SettingsForm key={data.id} review={data} /> : null}
    </>
  );
}
