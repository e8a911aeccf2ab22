import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { volunteerCapabilities } from '../../contract/event-outcomes.js';
import {
  outcomeApi,
  outcomeKeys,
  type VolunteerList,
  type VolunteerListQuery,
  type VolunteerOfferView,
} from '../components/events/outcome-api.js';
import { SelectField } from '../components/events/select-field.js';
import { FormAlert, StatusMessage, TextField } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** Organisers' list of volunteer offers, with filters, and assignment to events. */
export function VolunteersPage() {
  return (
    <RequireAccount>
      <Volunteers />
    </RequireAccount>
  );
}

function Volunteers() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.list.title'));
  const [query, setQuery] = useState<VolunteerListQuery>({});
  const list = useQuery({ queryKey: outcomeKeys.volunteers(query), queryFn: () => outcomeApi.volunteers(query) });
  return (
    <>
      <PageHeading>{t('volunteers.list.title')}</PageHeading>
      <p>{t('volunteers.list.intro')}</p>
      <form className="form filters" onSubmit={(formEvent) => formEvent.preventDefault()}>
        <SelectField
          id="volunteer-filter-capability"
          label={t('volunteers.list.filterCapability')}
          value={query.capability ?? ''}
          onChange={(changeEvent) => {
            const value = changeEvent.target.value as VolunteerListQuery['capability'] | '';
            setQuery(({ capability: _dropped, ...rest }) => (value ? { ...rest, capability: value } : rest));
          }}
        >
          <option value="">{t('volunteers.list.any')}</option>
          {volunteerCapabilities.map((capability) => (
            <option key={capability} value={capability}>
              {t(`volunteers.capabilities.${capability}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="volunteer-filter-area"
          label={t('volunteers.list.filterArea')}
          value={query.area ?? ''}
          onChange={(changeEvent) => {
            const value = changeEvent.target.value;
            setQuery(({ area: _dropped, ...rest }) => (value ? { ...rest, area: value } : rest));
          }}
        />
        <div className="field checkbox-field">
          <label className="radio-option" htmlFor="volunteer-filter-unassigned">
            <input
              type="checkbox"
              id="volunteer-filter-unassigned"
              checked={query.unassigned === 'true'}
              onChange={(changeEvent) =>
                setQuery(({ unassigned: _dropped, ...rest }) =>
                  changeEvent.target.checked ? { ...rest, unassigned: 'true' } : rest,
                )
              }
            />
            {t('volunteers.list.filterUnassigned')}
          </label>
        </div>
      </form>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} /> : null}
      {list.data ? <OfferTable data={list.data} /> : null}
    </>
  );
}

function OfferTable({ data }: { data: VolunteerList }) {
  const { t } = useTranslation();
  if (data.offers.length === 0) return <p role="status">{t('volunteers.list.none')}</p>;
  return (
    <ul className="volunteer-list">
      {data.offers.map((offer) => (
        <li key={offer.id}>
          <OfferCard offer={offer} events={data.events} />
        </li>
      ))}
    </ul>
  );
}

function OfferCard({ offer, events }: { offer: VolunteerOfferView; events: VolunteerList['events'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [eventId, setEventId] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const assign = useMutation({
    mutationFn: () => outcomeApi.assignVolunteer(offer.id, Number(eventId)),
    onSuccess: async (updated) => {
      const title = updated.assignedEvents.find((event) => event.id === Number(eventId))?.title ?? '';
      setDone(t('volunteers.list.assigned', { name: offer.name, title }));
      await queryClient.invalidateQueries({ queryKey: ['volunteers'] });
    },
  });
  const choices = events.filter((event) => !offer.assignedEvents.some((assigned) => assigned.id === event.id));
  return (
    <article aria-labelledby={`offer-${offer.id}-name`} className="card">
      <h2 id={`offer-${offer.id}-name`}>{offer.name}</h2>
      <dl className="event-facts">
        <dt>{t('volunteers.form.email')}</dt>
        <dd>
          <a href={`mailto:${offer.email}`}>{offer.email}</a>
        </dd>
        <dt>{t('volunteers.list.canDo')}</dt>
        <dd>{offer.capabilities.map((capability) => t(`volunteers.capabilities.${capability}`)).join(', ')}</dd>
        <dt>{t('volunteers.form.area')}</dt>
        <dd>{offer.area}</dd>
        <dt>{t('volunteers.form.availability')}</dt>
        <dd>{offer.availability}</dd>
        <dt>{t('volunteers.list.assignedTo')}</dt>
        <dd>{offer.assignedEvents.map((event) => event.title).join(', ') || t('volunteers.list.notYet')}</dd>
      </dl>
      {choices.length > 0 ? (
        <form
          className="form"
          onSubmit={(formEvent) => {
            formEvent.preventDefault();
            if (eventId) assign.mutate();
          }}
        >
          <FormAlert error={assign.error} />
          <SelectField
            id={`offer-${offer.id}-event`}
            label={t('volunteers.list.assignTo', { name: offer.name })}
            value={eventId}
            onChange={(changeEvent) => setEventId(changeEvent.target.value)}
          >
            <option value="">{t('volunteers.list.chooseEvent')}</option>
            {choices.map((event) => (
              <option key={event.id} value={event.id}>
                {event.title}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button-secondary" disabled={!eventId || assign.isPending}>
            {t('volunteers.list.assign')}
          </button>
        </form>
      ) : null}
      <StatusMessage message={done} />
    </article>
  );
}
