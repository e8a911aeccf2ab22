import { useTranslation } from 'react-i18next';
import type { Results } from '../../../contract/results.js';
import type { SuppressedCell } from '../../../contract/themes.js';
import { count } from './format.js';

type Feedback = NonNullable<Results['feedback']>;
type Themes = NonNullable<Results['themes']>;
type EventOutcomes = NonNullable<Results['eventOutcomes']>;

/** A suppressed count in words: the number, "fewer than 10*", or "hidden*" (explained by the note). */
function useCell(threshold: number) {
  const { t, i18n } = useTranslation();
  return (cell: SuppressedCell) => {
    if (cell.state === 'shown') return count(cell.value, i18n.language);
    if (cell.state === 'small') return t('results.extras.small', { threshold });
    return t('results.extras.complement');
  };
}

export function FeedbackSection({ feedback, threshold }: { feedback: Feedback; threshold: number }) {
  const { t, i18n } = useTranslation();
  const show = useCell(threshold);
  if (feedback.responses.state !== 'shown') return <p>{t('results.feedback.fewer', { threshold })}</p>;
  return (
    <>
      <p>{t('results.feedback.responses', { count: feedback.responses.value })}</p>
      <table className="data-table">
        <caption>{t('results.feedback.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.feedback.rating')}</th>
            <th scope="col">{t('results.feedback.count')}</th>
          </tr>
        </thead>
        <tbody>
          {feedback.ratings.map((row) => (
            <tr key={row.rating ?? 'words'}>
              <th scope="row">
                {row.rating === null
                  ? t('results.feedback.wordsOnly')
                  : t('results.feedback.ratingValue', { rating: row.rating })}
              </th>
              <td>{show(row.count)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('results.feedback.total')}</th>
            <td>
              {feedback.total === null ? t('results.feedback.totalHidden') : count(feedback.total, i18n.language)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="hint">{t('results.breakdowns.note', { threshold })}</p>
    </>
  );
}

export function ThemesSection({ themes, threshold }: { themes: Themes; threshold: number }) {
  const { t, i18n } = useTranslation();
  const show = useCell(threshold);
  const date = new Date(themes.createdAt).toLocaleDateString(i18n.language, { dateStyle: 'long' });
  return (
    <>
      <p>{t('results.themes.intro', { date })}</p>
      {/* A narrow screen scrolls the table sideways; a focusable region lets keyboards scroll it too. */}
      <section
        className="table-scroll"
        aria-label={t('results.themes.caption')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="data-table">
          <caption>{t('results.themes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.themes.theme')}</th>
              <th scope="col">{t('results.themes.answers')}</th>
              <th scope="col">{t('results.themes.words')}</th>
            </tr>
          </thead>
          <tbody>
            {themes.themes.map((theme, index) => (
              // Labels may repeat after renames; the run's order is stable within one response.
              // biome-ignore lint/suspicious/noArrayIndexKey: no id is published for a theme
              <tr key={index}>
                <th scope="row">{theme.label}</th>
                <td>{show(theme.count)}</td>
                <td>{theme.terms.length > 0 ? theme.terms.join(', ') : t('results.themes.wordsHidden')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('results.themes.unclassified')}</th>
              <td>{show(themes.unclassified)}</td>
              <td />
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('results.themes.total')}</th>
              <td>{themes.total === null ? t('results.feedback.totalHidden') : count(themes.total, i18n.language)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </section>
      <p className="hint">{t('results.breakdowns.note', { threshold })}</p>
    </>
  );
}

export function EventOutcomesSection({ events }: { events: EventOutcomes }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>{t('results.events.intro')}</p>
      {events.map((event) => {
        const date = new Date(event.startsAt).toLocaleDateString(i18n.language, {
          dateStyle: 'long',
          timeZone: event.timeZone,
        });
        const headingId = `results-event-${event.eventId}`;
        return (
          <section key={event.eventId} className="results-event" aria-labelledby={headingId}>
            <h3 id={headingId}>{event.title}</h3>
            <p className="hint">{t('results.events.held', { date })}</p>
            {event.summary ? <p className="results-event-summary">{event.summary}</p> : null}
            {event.sections.map((section) => (
              <div key={section.kind}>
                <h4>{t(`results.events.kinds.${section.kind}`)}</h4>
                <ul>
                  {section.items.map((item, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: outcome texts may repeat and carry no id here
                    <li key={index}>{item}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
