import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listeningLimits } from '../../../contract/listening-limits.js';
import { ApiError } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { listeningApi } from '../../listening-api.js';
import { StatusMessage } from '../form-fields.js';

const ratings = [1, 2, 3, 4, 5] as const;
const max = listeningLimits.feedbackTextMaxLength;

/** "How was this for you?": a rating from 1 to 5, a comment, or both. Counted, never attributed. */
export function FeedbackForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const id = useId();
  const [rating, setRating] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => listeningApi.sendFeedback(slug, { rating, text: text.trim() || undefined }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (rating === null && text.trim() === '') return setLocalError(t('listening.feedback.empty'));
    setLocalError(null);
    send.mutate();
  }

  if (send.isSuccess) {
    return (
      <section aria-labelledby={`${id}-heading`} className="section">
        <h2 id={`${id}-heading`}>{t('listening.feedback.title')}</h2>
        <StatusMessage message={t('listening.feedback.thanks')} />
      </section>
    );
  }

  let error = localError;
  if (!error && send.error) {
    const fields = send.error instanceof ApiError ? send.error.fieldErrors : {};
    error = fields.text ?? fields.rating ?? describe(send.error);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`}>{t('listening.feedback.title')}</h2>
      <form className="form panel" onSubmit={submit} noValidate>
        <fieldset className="radio-group feedback-ratings">
          <legend>{t('listening.feedback.ratingLegend')}</legend>
          {ratings.map((value) => (
            <label key={value} className="radio-option">
              <input
                type="radio"
                name={`${id}-rating`}
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
              />
              {t(`listening.feedback.rating${value}`)}
            </label>
          ))}
        </fieldset>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-text`}>{t('listening.feedback.textLabel')}</label>
          <textarea
            id={`${id}-text`}
            rows={3}
            maxLength={max}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-error`}
          />
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        </div>
        <button type="submit" className="button button-secondary" disabled={send.isPending}>
          {t('listening.feedback.submit')}
        </button>
      </form>
    </section>
  );
}
