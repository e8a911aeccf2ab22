import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EventSummary } from '../../../contract/events.js';
import { formatEventWhen } from './event-format.js';

/** The type of event, in the reader's language when it is one of the built-in kinds. */
export function useEventTypeLabel(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => t(`events.types.${type}`, { defaultValue: type });
}

/** One event in a list: title (a link), when, where, and places left. */
export function EventCard({ event, href }: { event: EventSummary; href: string }) {
  const { t, i18n } = useTranslation();
  const typeLabel = useEventTypeLabel();
  return (
    <li className="card event-card">
      <p className="card-meta">
        <span className="badge">{typeLabel(event.type)}</span> {t(`events.format.${event.format}`)}
        {event.status !== 'published' ? (
          <>
            {' '}
            <span className={`badge badge-${event.status === 'proposed' ? 'pending' : 'draft'}`}>
              {t(`events.status.${event.status}`)}
            </span>
          </>
        ) : null}
      </p>
      <Link href={href} className="card-link">
        {event.title}
      </Link>
      <p className="card-meta">{formatEventWhen(event, i18n.language)}</p>
      {event.venue || event.region ? (
        <p className="card-meta">{[event.venue, event.region].filter(Boolean).join(' · ')}</p>
      ) : null}
      <p className="card-meta">
        {event.placesLeft > 0
          ? t('events.placesLeft', { left: event.placesLeft, capacity: event.capacity })
          : t('events.full', { waitlisted: event.waitlisted })}
      </p>
    </li>
  );
}

/** The facts of an event as a description list: when, format, where, access, review. */
export function EventFacts({ event }: { event: EventSummary }) {
  const { t, i18n } = useTranslation();
  const typeLabel = useEventTypeLabel();
  return (
    <dl className="event-facts">
      <dt>{t('events.facts.when')}</dt>
      <dd>{formatEventWhen(event, i18n.language)}</dd>
      <dt>{t('events.facts.type')}</dt>
      <dd>
        {typeLabel(event.type)} · {t(`events.format.${event.format}`)}
      </dd>
      {event.format !== 'online' && (event.venue || event.address) ? (
        <>
          <dt>{t('events.facts.where')}</dt>
          <dd>{[event.venue, event.address].filter(Boolean).join(', ')}</dd>
        </>
      ) : null}
      {event.region ? (
        <>
          <dt>{t('events.facts.region')}</dt>
          <dd>{event.region}</dd>
        </>
      ) : null}
      {event.accessibilityNotes ? (
        <>
          <dt>{t('events.facts.access')}</dt>
          <dd>{event.accessibilityNotes}</dd>
        </>
      ) : null}
      <dt>{t('events.facts.places')}</dt>
      <dd>
        {event.placesLeft > 0
          ? t('events.placesLeft', { left: event.placesLeft, capacity: event.capacity })
          : t('events.full', { waitlisted: event.waitlisted })}
      </dd>
      {event.review ? (
        <>
          <dt>{t('events.facts.review')}</dt>
          <dd>
            <Link href={`/r/${encodeURIComponent(event.review.slug)}`}>{event.review.title}</Link>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
