import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDetail, RegistrationResult } from '../../../contract/events.js';
import { FormAlert, fieldError, StatusMessage, TextField } from '../form-fields.js';
import { eventKeys, eventsApi } from './events-api.js';
import { SelectField } from './select-field.js';

/**
 * Name, email and the linked review's identity questions (each optional, "prefer not to say" by
 * default). A full event puts people on the waitlist: that is a result, not an error.
 */
export function RegistrationForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [result, setResult] = useState<RegistrationResult | undefined>();
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
        {event.questions.length > 0 ? (
          <fieldset className="event-questions">
            <legend>{t('events.register.questionsLegend')}</legend>
            <p className="hint">{t('events.register.questionsHint')}</p>
            {event.questions.map((question) => (
              <SelectField
                key={question.id}
                id={`register-question-${question.id}`}
                label={question.prompt}
                hint={question.explanation || undefined}
                value={answers[question.id] ?? ''}
                onChange={(changeEvent) => {
                  const value = changeEvent.target.value;
                  setAnswers((current) => {
                    const next = { ...current };
                    if (value) next[question.id] = Number(value);
                    else delete next[question.id];
                    return next;
                  });
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
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {event.placesLeft > 0 ? t('events.register.submit') : t('events.register.submitWaitlist')}
        </button>
      </form>
    </section>
  );
}
