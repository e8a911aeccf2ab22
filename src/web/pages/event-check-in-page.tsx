import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { CheckInDesk } from '../components/events/check-in.js';
import { eventKeys, eventsApi } from '../components/events/events-api.js';
import { FormAlert, StatusMessage } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/**
 * The door page. Scanning a registrant's QR code on a signed-in host's phone opens this page with
 * `?code=`, which checks them in at once; the name search is for everyone else.
 */
export function EventCheckInPage({ eventId }: { eventId: number }) {
  return (
    <RequireAccount>
      <Door eventId={eventId} />
    </RequireAccount>
  );
}

function Door({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const code = new URLSearchParams(useSearch()).get('code');
  const event = useQuery({ queryKey: eventKeys.managedEvent(eventId), queryFn: () => eventsApi.managedEvent(eventId) });
  usePageTitle(event.data ? t('events.checkIn.pageTitle', { title: event.data.title }) : t('events.page.loading'));
  const byCode = useMutation({
    mutationFn: (value: string) => eventsApi.checkInByCode(eventId, value),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eventKeys.managedEvent(eventId) }),
  });
  const tried = useRef<string | null>(null);
  useEffect(() => {
    if (code && tried.current !== code) {
      tried.current = code;
      byCode.mutate(code);
    }
  }, [code, byCode]);

  if (event.isPending) return <Loading />;
  if (event.isError) {
    return (
      <>
        <PageHeading>{t('events.page.notFound')}</PageHeading>
        <LoadError error={event.error} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/events/${eventId}`}>{t('events.checkIn.back', { title: event.data.title })}</Link>
      </p>
      <PageHeading>{t('events.checkIn.pageTitle', { title: event.data.title })}</PageHeading>
      <StatusMessage message={byCode.data ? t('events.checkIn.done', { name: byCode.data.name }) : undefined} />
      <FormAlert error={byCode.error} />
      <CheckInDesk event={event.data} />
    </>
  );
}
