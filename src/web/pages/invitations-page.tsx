import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, queryKeys } from '../api.js';
import { InvitationCounts } from '../components/organise/invitation-counts.js';
import { InvitationImport } from '../components/organise/invitation-import.js';
import { InvitationList } from '../components/organise/invitation-list.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** Invitations from a member list: import, counts, and each invitee with resend and withdraw. */
export function InvitationsPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Invitations slug={slug} />
    </RequireAccount>
  );
}

function Invitations({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  const invitations = useQuery({ queryKey: queryKeys.invitations(slug), queryFn: () => api.invitations(slug) });
  usePageTitle(review.data ? t('invitations.pageTitle', { title: review.data.title }) : t('invitations.loading'));

  if (review.isPending) return <Loading />;
  if (review.isError) {
    return (
      <>
        <PageHeading>{t('invitations.title')}</PageHeading>
        <LoadError error={review.error} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>
          {t('invitations.back', { title: review.data.title })}
        </Link>
      </p>
      <PageHeading>{t('invitations.pageTitle', { title: review.data.title })}</PageHeading>
      <p className="lead">{t('invitations.intro')}</p>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? <LoadError error={invitations.error} /> : null}
      {invitations.data ? <InvitationCounts counts={invitations.data.counts} /> : null}
      <InvitationImport slug={slug} />
      {invitations.data ? <InvitationList slug={slug} invitations={invitations.data.invitations} /> : null}
    </>
  );
}
