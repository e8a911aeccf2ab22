import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDetail, EventQuestion, RegistrationResult } from '../../../contract/events.js';
import { FieldErrorText, FormAlert, fieldError, StatusMessage, TextField } from '../form-fields.js';
import { SeatPicker } from '../participant/seat-picker.js';
import { LoadError } from '../query-state.js';
import { eventKeys, eventsApi } from './events-api.js';
import { SelectField } from './select-field.js';

/**
 * Name, email and the linked review's identity questions (each optional, "prefer not to say" by
 * default; place questions through the seat picker). Someone who has answered the review's
 * questions in this browser is offered their answers, copied only when they choose to. A full
 * event puts people on the waitlist: that is a result, not an error.
 */
export function RegistrationForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [result, setResult] = useState<RegistrationResult | undefined>();
  const [prefilled, setPrefilled] = useState(false);
  const hasQuestions = event.questions.length > 0;
  const myAnswers = useQuery({
    queryKey: eventKeys.myAnswers(event.id),
    queryFn: () => eventsApi.myAnswers(event.id),
    enabled: hasQuestions,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const offered = myAnswers.data?.answers.filter((answer) =>
    event.questions.some((question) => question.id === answer.questionId),
  );
  // Sent in question order, so the server's `answers.N` names the Nth answered question.
  const answered = event.questions.filter((question) => answers[question.id] !== undefined);
  const register = useMutation({
    mutationFn: () =>
      eventsApi.register(event.id, {
        name,
        email,
        answers: answered.map((question) => ({ questionId: question.id, optionId: answers[question.id] ?? 0 })),
      }),
    onSuccess: async (registered) => {
      setResult(registered);
      await queryClient.invalidateQueries({ queryKey: eventKeys.detail(event.id) });
    },
  });

  function applyPrefill() {
    setAnswers((current) => {
      const next = { ...current };
      for (const answer of offered ?? []) next[answer.questionId] = answer.optionId;
      return next;
    });
    setPrefilled(true);
  }

  function setAnswer(questionId: number, optionId: number | null) {
    setAnswers((current) => {
      const next = { ...current };
      if (optionId === null) delete next[questionId];
      else next[questionId] = optionId;
      return next;
    });
  }

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    register.mutate();
  }

  if (result) {
    const token = result.manageUrl.split('/').pop() ?? '';
    return (
      <section aria-labelledby="registered-heading" className="event-registered">
        <h2 id="registered-heading">
          {result.status === 'confirmed' ? t('events.register.confirmedTitle') : t('events.register.waitlistedTitle')}
        </h2>
        <StatusMessage
          message={
            result.status === 'confirmed'
              ? t('events.register.confirmed')
              : t('events.register.waitlisted', { position: result.position ?? '' })
          }
        />
        <p>
          <a href={`/events/${event.id}/registration/${token}`}>{t('events.register.manageLink')}</a>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">
        {event.placesLeft > 0 ? t('events.register.title') : t('events.register.waitlistTitle')}
      </h2>
      {event.placesLeft === 0 ? <p className="alert alert-info">{t('events.register.fullNotice')}</p> : null}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={register.error} />
        <TextField
          id="register-name"
          label={t('events.register.name')}
          autoComplete="name"
          value={name}
          onChange={(changeEvent) => setName(changeEvent.target.value)}
          error={fieldError(register.error, 'name')}
          required
        />
        <TextField
          id="register-email"
          type="email"
          label={t('events.register.email')}
          hint={t('events.register.emailHint')}
          autoComplete="email"
          value={email}
          onChange={(changeEvent) => setEmail(changeEvent.target.value)}
          error={fieldError(register.error, 'email')}
          required
        />
        {hasQuestions && offered && offered.length > 0 && !prefilled ? (
          <section className="event-prefill alert alert-info" aria-labelledby="prefill-heading">
            <h3 id="prefill-heading">{t('events.register.prefillTitle')}</h3>
            <p>
              {event.review
                ? t('events.register.prefillText', { review: event.review.title })
                : t('events.register.prefillTextNoReview')}
            </p>
            <button type="button" className="button button-secondary" onClick={applyPrefill}>
              {t('events.register.prefillUse')}
            </button>
          </section>
        ) : null}
        {prefilled ? <StatusMessage message={t('events.register.prefillUsed')} /> : null}
        {hasQuestions ? (
          <fieldset className="event-questions">
            <legend>{t('events.register.questionsLegend')}</legend>
            <p className="hint">{t('events.register.questionsHint')}</p>
            {event.questions.map((question) =>
              question.usesPlaceList ? (
                <EventSeatField
                  key={question.id}
                  eventId={event.id}
                  question={question}
                  value={answers[question.id] ?? null}
                  onChange={(optionId) => setAnswer(question.id, optionId)}
                  error={fieldError(register.error, `answers.${answered.indexOf(question)}`)}
                />
              ) : (
                <SelectField
                  key={question.id}
                  id={`register-question-${question.id}`}
                  label={question.prompt}
                  hint={question.explanation || undefined}
                  value={answers[question.id] ?? ''}
                  onChange={(changeEvent) => {
                    const value = changeEvent.target.value;
                    setAnswer(question.id, value ? Number(value) : null);
                  }}
                  error={fieldError(register.error, `answers.${answered.indexOf(question)}`)}
                >
                  <option value="">{t('events.register.preferNotToSay')}</option>
                  {question.options.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </SelectField>
              ),
            )}
          </fieldset>
        ) : null}
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {event.placesLeft > 0 ? t('events.register.submit') : t('events.register.submitWaitlist')}
        </button>
      </form>
    </section>
  );
}

interface EventSeatFieldProps {
  eventId: number;
  question: EventQuestion;
  value: number | null;
  onChange: (optionId: number | null) => void;
  error: string | undefined;
}

/** A place question: the places load once, then the seat picker searches them as the person types. */
function EventSeatField({ eventId, question, value, onChange, error }: EventSeatFieldProps) {
  const { t } = useTranslation();
  const places = useQuery({
    queryKey: eventKeys.placeOptions(eventId, question.id),
    queryFn: () => eventsApi.placeOptions(eventId, question.id),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const id = `register-question-${question.id}`;
  if (places.isError) return <LoadError error={places.error} />;
  if (!places.data) {
    return (
      <p role="status" className="loading">
        {t('seatPicker.loading')}
      </p>
    );
  }
  const explanationId = question.explanation ? `${id}-explanation` : undefined;
  const describedBy = [explanationId, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field-invalid' : undefined}>
      <SeatPicker
        id={id}
        label={question.prompt}
        description={
          question.explanation ? (
            <p className="hint" id={explanationId}>
              {question.explanation}
            </p>
          ) : null
        }
        describedBy={describedBy}
        places={places.data}
        value={value}
        onChange={onChange}
        invalid={error !== undefined}
      />
      <FieldErrorText id={`${id}-error`} message={error} />
    </div>
  );
}
