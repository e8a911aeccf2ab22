import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedEvent } from '../../../contract/events.js';
import { FormAlert, StatusMessage, TextField } from '../form-fields.js';
import { eventKeys, eventsApi } from './events-api.js';

/** The door: find a person by name and record that they arrived (or undo it). */
export function CheckInDesk({ event }: { event: ManagedEvent }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const attend = useMutation({
    mutationFn: ({ registrationId, present }: { registrationId: number; present: boolean }) =>
      eventsApi.setAttendance(event.id, registrationId, present),
    onSuccess: async (registration) => {
      setMessage(
        registration.checkedInAt
          ? t('events.checkIn.done', { name: registration.name })
          : t('events.checkIn.undone', { name: registration.name }),
      );
      await queryClient.invalidateQueries({ queryKey: eventKeys.managedEvent(event.id) });
    },
  });
  const needle = search.trim().toLocaleLowerCase();
  const people = event.registrations.filter(
    (row) => row.status === 'confirmed' && (needle === '' || row.name.toLocaleLowerCase().includes(needle)),
  );
  return (
    <section aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">{t('events.checkIn.title')}</h2>
      <p>{t('events.checkIn.intro')}</p>
      <TextField
        id="check-in-search"
        type="search"
        label={t('events.checkIn.search')}
        value={search}
        onChange={(changeEvent) => setSearch(changeEvent.target.value)}
        autoComplete="off"
      />
      <StatusMessage message={message} />
      <FormAlert error={attend.error} />
      <ul className="card-list check-in-list">
        {people.map((row) => (
          <li key={row.id} className="card check-in-row">
            <span className="check-in-name">{row.name}</span>
            {row.checkedInAt ? <span className="badge badge-accepted">{t('events.checkIn.arrived')}</span> : null}
            <button
              type="button"
              className={
                row.checkedInAt ? 'button button-secondary button-small' : 'button button-primary button-small'
              }
              disabled={attend.isPending}
              onClick={() => attend.mutate({ registrationId: row.id, present: !row.checkedInAt })}
            >
              {row.checkedInAt
                ? t('events.checkIn.undo', { name: row.name })
                : t('events.checkIn.checkIn', { name: row.name })}
            </button>
          </li>
        ))}
      </ul>
      {people.length === 0 ? <p className="hint">{t('events.checkIn.nobody')}</p> : null}
    </section>
  );
}
