import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useSession } from '../../hooks/use-session.js';
import { PageHeading } from '../page-heading.js';
import { LoadError, Loading } from '../query-state.js';

/** Organiser pages render only for a signed-in account; others get a way to sign in. */
export function RequireAccount({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <LoadError error={session.error} />;
  if (!session.data.account) {
    return (
      <>
        <PageHeading>{t('organise.signInNeededTitle')}</PageHeading>
        <p>
          {t('organise.signInNeeded')} <Link href="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </>
    );
  }
  return <>{children}</>;
}
