import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, fieldError, StatusMessage, TextAreaField } from '../form-fields.js';
import { type AttendeeReportView, outcomeApi, outcomeKeys, type PublicReportView } from './outcome-api.js';
import { SelectField } from './select-field.js';

type Content = PublicReportView['content'];

/** The report's text: summary, outcomes by kind, statements put to the review. Never a name. */
export function ReportContentView({ content, headingLevel }: { content: Content; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const empty = !content.summary && content.sections.length === 0 && content.statements.length === 0;
  if (empty) return <p>{t('eventOutcomes.reportEmpty')}</p>;
  return (
    <div className="event-report">
      {content.summary ? <p>{content.summary}</p> : null}
      {content.sections.map((section) => (
        <div key={section.kind}>
          <Heading>{t(`eventOutcomes.sections.${section.kind}`)}</Heading>
          <ul>
            {section.items.map((item) => (
              <li key={item.id}>{item.text}</li>
            ))}
          </ul>
        </div>
      ))}
      {content.statements.length > 0 ? (
        <div>
          <Heading>{t('eventOutcomes.sections.statements')}</Heading>
          <ul>
            {content.statements.map((statement) => (
              <li key={statement}>{statement}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** On the public event page: the report once it is locked; nothing before then. */
export function PublishedReport({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: outcomeKeys.publicReport(eventId),
    queryFn: () => outcomeApi.publicReport(eventId),
    retry: false,
  });
  if (!report.data) return null;
  return (
    <section aria-labelledby="event-report-heading">
      <h2 id="event-report-heading">{t('eventOutcomes.publicTitle')}</h2>
      <ReportContentView content={report.data.content} headingLevel={3} />
    </section>
  );
}

/** On a registrant's own page: the report for people who came, with a form to suggest changes. */
export function AttendeeReport({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const report = useQuery({
    queryKey: outcomeKeys.attendeeReport(token),
    queryFn: () => outcomeApi.attendeeReport(token),
    retry: false,
  });
  if (!report.data) return null;
  const data: AttendeeReportView = report.data;
  const until = data.locksAt
    ? new Date(data.locksAt).toLocaleString(i18n.language === 'cy' ? 'cy-GB' : 'en-GB', {
        dateStyle: 'long',
        timeStyle: 'short',
      })
    : '';
  return (
    <section aria-labelledby="attendee-report-heading">
      <h2 id="attendee-report-heading">{t('eventOutcomes.attendeeTitle')}</h2>
      <p>{data.phase === 'open' ? t('eventOutcomes.attendeeOpen', { until }) : t('eventOutcomes.phase.locked')}</p>
      <ReportContentView content={data.content} headingLevel={3} />
      {data.phase === 'open' ? <SuggestionForm token={token} report={data} /> : null}
      {data.mySuggestions.length > 0 ? (
        <>
          <h3>{t('eventOutcomes.mySuggestions')}</h3>
          <ul>
            {data.mySuggestions.map((suggestion) => (
              <li key={suggestion.id}>
                {suggestion.text} ({t(`eventOutcomes.suggestionStatus.${suggestion.status}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function SuggestionForm({ token, report }: { token: string; report: AttendeeReportView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const items = report.content.sections.flatMap((section) => section.items);
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<'agreement' | 'disagreement' | 'question' | 'action'>('agreement');
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | undefined>();
  const suggest = useMutation({
    mutationFn: () => outcomeApi.suggest(token, target ? { text, outcomeId: Number(target) } : { text, kind }),
    onSuccess: async () => {
      setText('');
      setSent(t('eventOutcomes.suggestionSent'));
      await queryClient.invalidateQueries({ queryKey: outcomeKeys.attendeeReport(token) });
    },
  });
  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    suggest.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3>{t('eventOutcomes.suggestTitle')}</h3>
      <FormAlert error={suggest.error} />
      <SelectField
        id="suggest-target"
        label={t('eventOutcomes.suggestTarget')}
        value={target}
        onChange={(changeEvent) => setTarget(changeEvent.target.value)}
        error={fieldError(suggest.error, 'outcomeId')}
      >
        <option value="">{t('eventOutcomes.suggestSomethingMissing')}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.text}
          </option>
        ))}
      </SelectField>
      {target ? null : (
        <SelectField
          id="suggest-kind"
          label={t('eventOutcomes.kindLabel')}
          value={kind}
          onChange={(changeEvent) => setKind(changeEvent.target.value as typeof kind)}
          error={fieldError(suggest.error, 'kind')}
        >
          {(['agreement', 'disagreement', 'question', 'action'] as const).map((option) => (
            <option key={option} value={option}>
              {t(`eventOutcomes.kinds.${option}`)}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        id="suggest-text"
        label={t('eventOutcomes.suggestText')}
        rows={3}
        value={text}
        onChange={(changeEvent) => setText(changeEvent.target.value)}
        error={fieldError(suggest.error, 'text')}
      />
      <button type="submit" className="button button-primary" disabled={suggest.isPending}>
        {t('eventOutcomes.suggestSubmit')}
      </button>
      <StatusMessage message={sent} />
    </form>
  );
}
