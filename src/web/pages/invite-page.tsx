import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** Accepts a one-off invite (which sets the participant cookie) and moves on to the review. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation();
  usePageTitle(t('invite.title'));
  const [, navigate] = useLocation();
  const accept = useMutation({
    mutationFn: () => api.acceptInvite(token),
    onSuccess: ({ slug }) => navigate(`/r/${slug}`, { replace: true }),
  });
  const { mutate } = accept;
  const started = useRef(false);

  useEffect(() => {
    // An invite works once; React's development double-run of effects must not spend it twice.
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);

  return (
    <>
      <PageHeading>{t('invite.title')}</PageHeading>
      {accept.isError ? (
        <>
          <LoadError error={accept.error} />
          <p>
            <Link href="/">{t('notFound.home')}</Link>
          </p>
        </>
      ) : (
        <Loading />
      )}
    </>
  );
}
