import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EventListQuery } from '../../contract/events.js';
import { EventCard, useEventTypeLabel } from '../components/events/event-summary.js';
import { eventKeys, eventsApi } from '../components/events/events-api.js';
import { SelectField } from '../components/events/select-field.js';
import { TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { useSession } from '../hooks/use-session.js';

/** Upcoming events anyone can join, filtered by type, region and dates; hosts also see their own. */
export function EventsPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.list.title'));
  const typeLabel = useEventTypeLabel();
  const session = useSession();
  const [query, setQuery] = useState<EventListQuery>({});
  const events = useQuery({ queryKey: eventKeys.list(query), queryFn: () => eventsApi.list(query) });
  const signedIn = Boolean(session.data?.account);
  const mine = useQuery({ queryKey: eventKeys.managed, queryFn: eventsApi.managed, enabled: signedIn });
  const set = (key: keyof EventListQuery, value: string) =>
    setQuery((current) => ({ ...current, [key]: value || undefined }));

  return (
    <>
      <PageHeading>{t('events.list.title')}</PageHeading>
      <p className="lead">{t('events.list.intro')}</p>
      <p>
        <Link href="/volunteer">{t('volunteers.link')}</Link>
        {signedIn ? (
          <>
            {' · '}
            <Link href="/organise/volunteers">{t('volunteers.list.title')}</Link>
          </>
        ) : null}
      </p>
      {signedIn ? (
        <p>
          <Link href="/organise/events/new" className="button button-secondary">
            {t('events.list.propose')}
          </Link>
        </p>
      ) : null}
      {mine.data && (mine.data.hosting.length > 0 || mine.data.awaitingApproval.length > 0) ? (
        <section aria-labelledby="my-events-heading">
          <h2 id="my-events-heading">{t('events.list.mine')}</h2>
          <ul className="card-list">
            {[...mine.data.awaitingApproval, ...mine.data.hosting]
              .filter((event, index, all) => all.findIndex((other) => other.id === event.id) === index)
              .map((event) => (
                <EventCard key={event.id} event={event} href={`/organise/events/${event.id}`} />
              ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('events.list.upcoming')}</h2>
        <form className="form form-inline event-filters" onSubmit={(formEvent) => formEvent.preventDefault()}>
          <SelectField
            id="filter-type"
            label={t('events.list.filterType')}
            value={query.type ?? ''}
            onChange={(changeEvent) => set('type', changeEvent.target.value)}
          >
            <option value="">{t('events.list.any')}</option>
            {(events.data?.types ?? []).map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="filter-region"
            label={t('events.list.filterRegion')}
            value={query.region ?? ''}
            onChange={(changeEvent) => set('region', changeEvent.target.value)}
          >
            <option value="">{t('events.list.any')}</option>
            {(events.data?.regions ?? []).map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </SelectField>
          <TextField
            id="filter-from"
            type="date"
            label={t('events.list.filterFrom')}
            value={query.from ?? ''}
            onChange={(changeEvent) => set('from', changeEvent.target.value)}
          />
          <TextField
            id="filter-to"
            type="date"
            label={t('events.list.filterTo')}
            value={query.to ?? ''}
            onChange={(changeEvent) => set('to', changeEvent.target.value)}
          />
        </form>
        {events.isPending ? <Loading /> : null}
        {events.isError ? <LoadError error={events.error} /> : null}
        {events.data ? (
          events.data.events.length === 0 ? (
            <p role="status">{t('events.list.none')}</p>
          ) : (
            <ul className="card-list" aria-live="polite">
              {events.data.events.map((event) => (
                <EventCard key={event.id} event={event} href={`/events/${event.id}`} />
              ))}
            </ul>
          )
        ) : null}
      </section>
    </>
  );
}
