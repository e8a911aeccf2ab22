import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FormAlert, fieldError, StatusMessage, TextAreaField } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { type EventOutcomesView, type OutcomeView, outcomeApi, outcomeKeys } from './outcome-api.js';
import { ReportContentView } from './outcome-report.js';
import { SelectField } from './select-field.js';

const kinds: OutcomeView['kind'][] = ['agreement', 'disagreement', 'question', 'action'];

/**
 * The host's side of outcomes: the run sheet link, statements for the review's moderation queue,
 * agreements, disagreements, questions and actions, the report and attendees' suggestions.
 */
export function OutcomePanel({ eventId, status }: { eventId: number; status: string }) {
  const { t } = useTranslation();
  const outcomes = useQuery({ queryKey: outcomeKeys.outcomes(eventId), queryFn: () => outcomeApi.outcomes(eventId) });
  if (status === 'draft' || status === 'proposed' || status === 'cancelled') return null;
  return (
    <section aria-labelledby="outcomes-heading" className="event-outcomes">
      <h2 id="outcomes-heading">{t('eventOutcomes.title')}</h2>
      <p>
        <Link href={`/organise/events/${eventId}/run`}>{t('eventOutcomes.runSheetLink')}</Link>
      </p>
      {outcomes.isPending ? <Loading /> : null}
      {outcomes.isError ? <LoadError error={outcomes.error} /> : null}
      {outcomes.data ? <OutcomeEditor eventId={eventId} data={outcomes.data} status={status} /> : null}
    </section>
  );
}

function OutcomeEditor({ eventId, data, status }: { eventId: number; data: EventOutcomesView; status: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['events', 'managed', eventId] });
  const locked = data.report.phase === 'locked';
  const [statement, setStatement] = useState('');
  const [statementSent, setStatementSent] = useState<string | undefined>();
  const [kind, setKind] = useState<OutcomeView['kind']>('agreement');
  const [text, setText] = useState('');
  const [summary, setSummary] = useState(data.report.content.summary);
  useEffect(() => setSummary(data.report.content.summary), [data.report.content.summary]);

  const capture = useMutation({
    mutationFn: () => outcomeApi.captureStatement(eventId, statement),
    onSuccess: async () => {
      setStatementSent(t('eventOutcomes.statementSent', { text: statement }));
      setStatement('');
      await refresh();
    },
  });
  const add = useMutation({
    mutationFn: () => outcomeApi.addOutcome(eventId, { kind, text }),
    onSuccess: async () => {
      setText('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (outcomeId: number) => outcomeApi.removeOutcome(eventId, outcomeId),
    onSuccess: refresh,
  });
  const saveSummary = useMutation({ mutationFn: () => outcomeApi.saveSummary(eventId, summary), onSuccess: refresh });
  const finish = useMutation({
    mutationFn: () => outcomeApi.finish(eventId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['events'] }),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'accept' | 'decline' }) =>
      outcomeApi.decide(eventId, id, decision),
    onSuccess: refresh,
  });
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language === 'cy' ? 'cy-GB' : 'en-GB', {
          dateStyle: 'long',
          timeStyle: 'short',
        })
      : '';

  return (
    <>
      <p className="alert alert-info">
        {data.report.phase === 'draft'
          ? t('eventOutcomes.phase.draft')
          : data.report.phase === 'open'
            ? t('eventOutcomes.phase.open', { until: when(data.report.locksAt) })
            : t('eventOutcomes.phase.locked')}
      </p>

      {data.reviewSlug && !locked ? (
        <form
          className="form"
          noValidate
          onSubmit={(formEvent: FormEvent) => {
            formEvent.preventDefault();
            capture.mutate();
          }}
        >
          <h3>{t('eventOutcomes.statementsTitle')}</h3>
          <p>{t('eventOutcomes.statementsIntro')}</p>
          <FormAlert error={capture.error} />
          <TextAreaField
            id="event-statement"
            label={t('eventOutcomes.statementLabel')}
            rows={2}
            value={statement}
            onChange={(changeEvent) => setStatement(changeEvent.target.value)}
            error={fieldError(capture.error, 'text')}
          />
          <button type="submit" className="button button-primary" disabled={capture.isPending}>
            {t('eventOutcomes.statementSubmit')}
          </button>
          <StatusMessage message={statementSent} />
        </form>
      ) : null}
      {data.statements.length > 0 ? (
        <>
          <h3>{t('eventOutcomes.statementsSent')}</h3>
          <ul>
            {data.statements.map((row) => (
              <li key={row.statementId}>
                {row.text}{' '}
                <span className={`badge badge-${row.moderation}`}>
                  {t(`eventOutcomes.moderation.${row.moderation}`)}
                </span>
              </li>
            ))}
          </ul>
          {data.reviewSlug ? (
            <p>
              <Link href={`/organise/${data.reviewSlug}/moderation?origin=event`}>
                {t('eventOutcomes.moderationLink')}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}

      <h3>{t('eventOutcomes.outcomesTitle')}</h3>
      {!locked ? (
        <form
          className="form"
          noValidate
          onSubmit={(formEvent: FormEvent) => {
            formEvent.preventDefault();
            add.mutate();
          }}
        >
          <FormAlert error={add.error} />
          <SelectField
            id="outcome-kind"
            label={t('eventOutcomes.kindLabel')}
            value={kind}
            onChange={(changeEvent) => setKind(changeEvent.target.value as OutcomeView['kind'])}
          >
            {kinds.map((option) => (
              <option key={option} value={option}>
                {t(`eventOutcomes.kinds.${option}`)}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            id="outcome-text"
            label={t('eventOutcomes.outcomeLabel')}
            rows={2}
            value={text}
            onChange={(changeEvent) => setText(changeEvent.target.value)}
            error={fieldError(add.error, 'text')}
          />
          <button type="submit" className="button button-secondary" disabled={add.isPending}>
            {t('eventOutcomes.outcomeSubmit')}
          </button>
        </form>
      ) : null}
      {data.outcomes.length > 0 ? (
        <ul className="outcome-list">
          {data.outcomes.map((outcome) => (
            <li key={outcome.id}>
              <strong>{t(`eventOutcomes.kinds.${outcome.kind}`)}:</strong> {outcome.text}{' '}
              {!locked ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => remove.mutate(outcome.id)}
                  aria-label={t('eventOutcomes.removeOutcome', { text: outcome.text })}
                >
                  {t('eventOutcomes.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('eventOutcomes.noOutcomes')}</p>
      )}

      <h3>{t('eventOutcomes.reportTitle')}</h3>
      {!locked ? (
        <form
          className="form"
          noValidate
          onSubmit={(formEvent: FormEvent) => {
            formEvent.preventDefault();
            saveSummary.mutate();
          }}
        >
          <FormAlert error={saveSummary.error} />
          <TextAreaField
            id="report-summary"
            label={t('eventOutcomes.summaryLabel')}
            hint={t('eventOutcomes.summaryHint')}
            rows={4}
            value={summary}
            onChange={(changeEvent) => setSummary(changeEvent.target.value)}
            error={fieldError(saveSummary.error, 'summary')}
          />
          <button type="submit" className="button button-secondary" disabled={saveSummary.isPending}>
            {t('eventOutcomes.summarySubmit')}
          </button>
        </form>
      ) : null}
      <ReportContentView content={data.report.content} headingLevel={4} />
      {status === 'published' && data.report.phase === 'draft' ? (
        <>
          <FormAlert error={finish.error} />
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              if (window.confirm(t('eventOutcomes.finishConfirm'))) finish.mutate();
            }}
            disabled={finish.isPending}
          >
            {t('eventOutcomes.finish')}
          </button>
        </>
      ) : null}

      {data.suggestions.length > 0 ? (
        <>
          <h3>{t('eventOutcomes.suggestionsTitle')}</h3>
          <FormAlert error={decide.error} />
          <ul className="suggestion-list">
            {data.suggestions.map((suggestion) => {
              const target = data.outcomes.find((outcome) => outcome.id === suggestion.outcomeId);
              return (
                <li key={suggestion.id}>
                  <p>
                    {target
                      ? t('eventOutcomes.suggestChange', { from: target.text, to: suggestion.text })
                      : t('eventOutcomes.suggestAdd', {
                          kind: suggestion.kind ? t(`eventOutcomes.kinds.${suggestion.kind}`) : '',
                          text: suggestion.text,
                        })}{' '}
                    <span
                      className={`badge badge-${suggestion.status === 'accepted' ? 'accepted' : suggestion.status === 'declined' ? 'rejected' : 'pending'}`}
                    >
                      {t(`eventOutcomes.suggestionStatus.${suggestion.status}`)}
                    </span>
                  </p>
                  {suggestion.status === 'pending' && !locked ? (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => decide.mutate({ id: suggestion.id, decision: 'accept' })}
                      >
                        {t('eventOutcomes.accept')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => decide.mutate({ id: suggestion.id, decision: 'decline' })}
                      >
                        {t('eventOutcomes.decline')}
                      </button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}
