import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EventForm } from '../components/events/event-form.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** Propose an event; an organiser (or the instance owner) approves it before it is listed. */
export function EventNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.new.title'));
  return (
    <RequireAccount>
      <p className="breadcrumb">
        <Link href="/events">{t('events.page.back')}</Link>
      </p>
      <PageHeading>{t('events.new.title')}</PageHeading>
      <p className="lead">{t('events.new.intro')}</p>
      <EventForm />
    </RequireAccount>
  );
}
