import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CheckInDesk } from '../components/events/check-in.js';
import { EventFacts } from '../components/events/event-summary.js';
import { eventKeys, eventsApi, type ManagedEvent } from '../components/events/events-api.js';
import { OutcomePanel } from '../components/events/outcome-panel.js';
import { RegistrationList } from '../components/events/registration-list.js';
import { TablePlan } from '../components/events/table-plan.js';
import { FormAlert } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** A host's page for one event: status and approval, registrations and waitlist, table plan, door. */
export function EventManagePage({ eventId }: { eventId: number }) {
  return (
    <RequireAccount>
      <ManageEvent eventId={eventId} />
    </RequireAccount>
  );
}

function ManageEvent({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const event = useQuery({ queryKey: eventKeys.managedEvent(eventId), queryFn: () => eventsApi.managedEvent(eventId) });
  usePageTitle(event.data ? t('events.manage.pageTitle', { title: event.data.title }) : t('events.page.loading'));
  const onChanged = async (updated: ManagedEvent) => {
    queryClient.setQueryData(eventKeys.managedEvent(eventId), updated);
    await queryClient.invalidateQueries({ queryKey: ['events'] });
  };
  const approve = useMutation({ mutationFn: () => eventsApi.approve(eventId), onSuccess: onChanged });
  const cancel = useMutation({ mutationFn: () => eventsApi.cancel(eventId), onSuccess: onChanged });

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
  const live = data.status === 'published';
  return (
    <>
      <p className="breadcrumb">
        <Link href="/events">{t('events.page.back')}</Link>
      </p>
      <PageHeading>{t('events.manage.pageTitle', { title: data.title })}</PageHeading>
      <p>
        <span className={`badge badge-${live ? 'open' : data.status === 'cancelled' ? 'closed' : 'pending'}`}>
          {t(`events.status.${data.status}`)}
        </span>{' '}
        {t('events.manage.hosts', { names: data.hosts.map((host) => host.displayName).join(', ') })}
      </p>
      {data.status === 'proposed' || data.status === 'draft' ? (
        <div className="alert alert-info">
          <p>{data.canApprove ? t('events.manage.approveIntro') : t('events.manage.waitingForApproval')}</p>
          {data.canApprove ? (
            <>
              <FormAlert error={approve.error} />
              <button
                type="button"
                className="button button-primary"
                onClick={() => approve.mutate()}
                disabled={approve.isPending}
              >
                {t('events.manage.approve')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {live ? (
        <p>
          <Link href={`/events/${data.id}`}>{t('events.manage.publicPage')}</Link>
        </p>
      ) : null}
      <EventFacts event={data} />
      {data.meetingLink ? (
        <p>
          {t('events.mine.meetingLink')} <a href={data.meetingLink}>{data.meetingLink}</a>
        </p>
      ) : null}
      <RegistrationList event={data} />
      {live ? (
        <>
          <TablePlan eventId={data.id} />
          <p>
            <Link href={`/organise/events/${data.id}/check-in`}>{t('events.manage.doorPage')}</Link>
          </p>
          <CheckInDesk event={data} />
        </>
      ) : null}
      <OutcomePanel eventId={data.id} status={data.status} />
      {data.status !== 'cancelled' && data.status !== 'finished' ? (
        <section aria-labelledby="cancel-event-heading">
          <h2 id="cancel-event-heading">{t('events.manage.cancelTitle')}</h2>
          <p>{t('events.manage.cancelIntro')}</p>
          <FormAlert error={cancel.error} />
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              if (window.confirm(t('events.manage.cancelConfirm'))) cancel.mutate();
            }}
            disabled={cancel.isPending}
          >
            {t('events.manage.cancel')}
          </button>
        </section>
      ) : null}
    </>
  );
}
