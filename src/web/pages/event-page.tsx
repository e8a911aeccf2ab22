import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EventFacts } from '../components/events/event-summary.js';
import { eventKeys, eventsApi } from '../components/events/events-api.js';
import { PublishedReport } from '../components/events/outcome-report.js';
import { RegistrationForm } from '../components/events/registration-form.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** One event: its facts and the registration form (or why it takes none). */
export function EventPage({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const event = useQuery({ queryKey: eventKeys.detail(eventId), queryFn: () => eventsApi.get(eventId) });
  usePageTitle(event.data?.title ?? t('events.page.loading'));
  if (event.isPending) return <Loading />;
  if (event.isError) {
    return (
      <>
        <PageHeading>{t('events.page.notFound')}</PageHeading>
        <LoadError error={event.error} />
      </>
    );
  }
  const data = event.data;
  const open = data.status === 'published' && new Date(data.startsAt) > new Date();
  return (
    <>
      <p className="breadcrumb">
        <Link href="/events">{t('events.page.back')}</Link>
      </p>
      <PageHeading>{data.title}</PageHeading>
      {data.status === 'cancelled' ? <p className="alert alert-error">{t('events.page.cancelled')}</p> : null}
      {data.description ? <p className="lead event-description">{data.description}</p> : null}
      <EventFacts event={data} />
      {data.format !== 'in_person' ? <p className="hint">{t('events.page.linkAfterRegistering')}</p> : null}
      {open ? <RegistrationForm event={data} /> : <p>{t('events.page.closed')}</p>}
      <PublishedReport eventId={data.id} />
    </>
  );
}
