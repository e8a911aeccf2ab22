import { useTranslation } from 'react-i18next';
import type { ManagedEvent, ManagedRegistration } from '../../../contract/events.js';

/** Registrations for hosts: those with a place, the waitlist in order, and cancellations. */
export function RegistrationList({ event }: { event: ManagedEvent }) {
  const { t } = useTranslation();
  const groups: Array<[string, ManagedRegistration[]]> = [
    ['confirmed', event.registrations.filter((row) => row.status === 'confirmed')],
    ['waitlisted', event.registrations.filter((row) => row.status === 'waitlisted')],
    ['cancelled', event.registrations.filter((row) => row.status === 'cancelled')],
  ];
  return (
    <section aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">{t('events.manage.registrations')}</h2>
      <p>
        {t('events.manage.counts', {
          confirmed: event.capacity - event.placesLeft,
          capacity: event.capacity,
          waitlisted: event.waitlisted,
          checkedIn: event.checkedIn,
        })}
      </p>
      <p>
        <a href={`/api/manage/events/${event.id}/attendees.csv`} download>
          {t('events.manage.downloadCsv')}
        </a>
      </p>
      {groups.map(([status, rows]) =>
        rows.length === 0 ? null : (
          <div className="table-scroll" key={status}>
            <table className="invitation-table">
              <caption>{t(`events.manage.group.${status}`)}</caption>
              <thead>
                <tr>
                  {status === 'waitlisted' ? <th scope="col">{t('events.manage.position')}</th> : null}
                  <th scope="col">{t('events.manage.name')}</th>
                  <th scope="col">{t('events.manage.email')}</th>
                  {status === 'confirmed' ? <th scope="col">{t('events.manage.arrived')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    {status === 'waitlisted' ? <td>{row.position}</td> : null}
                    <td>{row.name}</td>
                    <td>{row.email}</td>
                    {status === 'confirmed' ? (
                      <td>{row.checkedInAt ? t('events.manage.yes') : t('events.manage.no')}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ),
      )}
    </section>
  );
}
