import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EventFacts } from '../components/events/event-summary.js';
import { eventKeys, eventsApi } from '../components/events/events-api.js';
import { AttendeeReport } from '../components/events/outcome-report.js';
import { FormAlert, StatusMessage } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** The registrant's own page from their emailed link: status, check-in code, meeting link, cancel. */
export function EventRegistrationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  usePageTitle(t('events.mine.title'));
  const registration = useQuery({
    queryKey: eventKeys.registration(token),
    queryFn: () => eventsApi.myRegistration(token),
  });
  const cancel = useMutation({
    mutationFn: () => eventsApi.cancelRegistration(token),
    onSuccess: (view) => queryClient.setQueryData(eventKeys.registration(token), view),
  });
  if (registration.isPending) return <Loading />;
  if (registration.isError) {
    return (
      <>
        <PageHeading>{t('events.mine.title')}</PageHeading>
        <LoadError error={registration.error} />
      </>
    );
  }
  const data = registration.data;
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/events/${data.event.id}`}>{data.event.title}</Link>
      </p>
      <PageHeading>{t('events.mine.title')}</PageHeading>
      <p className="lead">
        {data.status === 'waitlisted'
          ? t('events.mine.waitlisted', { name: data.name, position: data.position ?? '' })
          : t(`events.mine.${data.status}`, { name: data.name })}
      </p>
      <StatusMessage message={cancel.isSuccess ? t('events.mine.cancelledNow') : undefined} />
      <EventFacts event={data.event} />
      {data.meetingLink ? (
        <p>
          {t('events.mine.meetingLink')} <a href={data.meetingLink}>{data.meetingLink}</a>
        </p>
      ) : null}
      {data.checkInQrSvg && data.checkInUrl ? (
        <section aria-labelledby="qr-heading">
          <h2 id="qr-heading">{t('events.mine.qrTitle')}</h2>
          <p>{t('events.mine.qrIntro')}</p>
          <img
            className="check-in-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.checkInQrSvg)}`}
            alt={t('events.mine.qrAlt', { name: data.name })}
            width={200}
            height={200}
          />
        </section>
      ) : null}
      {data.status !== 'cancelled' && data.event.status === 'published' ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('events.mine.cancelTitle')}</h2>
          <p>{t('events.mine.cancelIntro')}</p>
          <FormAlert error={cancel.error} />
          <button
            type="button"
            className="button button-danger"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
          >
            {t('events.mine.cancel')}
          </button>
        </section>
      ) : null}
      <AttendeeReport token={token} />
    </>
  );
}
