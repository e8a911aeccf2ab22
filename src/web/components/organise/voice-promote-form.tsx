import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { ApiError } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { listeningApi, listeningKeys } from '../../listening-api.js';
import { StatusMessage } from '../form-fields.js';

const max = limits.statementMaxLength;

/** The sentences of a text, so a moderator can pick one to start from. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/**
 * "Promote to statement" for an answer or a voice: pick one of its sentences, edit it down to a
 * statement (at most 280 characters), and add it. It enters accepted, linked to where it came from.
 */
export function PromoteForm({
  slug,
  sourceKind,
  sourceId,
  sourceText,
}: {
  slug: string;
  sourceKind: 'prompt_answer' | 'voter_voice';
  sourceId: number;
  sourceText: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const id = useId();
  const sentences = sentencesOf(sourceText);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(() => (sentences[0] ?? '').slice(0, max));
  const [localError, setLocalError] = useState<string | null>(null);
  const promote = useMutation({
    mutationFn: () => listeningApi.promote(slug, { sourceKind, sourceId, text: text.trim() }),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({
        queryKey: sourceKind === 'prompt_answer' ? listeningKeys.answers(slug) : listeningKeys.voices(slug),
      });
    },
  });

  if (!open) {
    return (
      <>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            promote.reset();
            setOpen(true);
          }}
        >
          {t('listening.promote.open')}
        </button>
        <StatusMessage message={promote.isSuccess ? t('listening.promote.done') : undefined} />
      </>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return setLocalError(t('listening.promote.empty'));
    if (trimmed.length > max) return setLocalError(t('listening.promote.tooLong', { max }));
    setLocalError(null);
    promote.mutate();
  }

  let error = localError;
  if (!error && promote.error) {
    error =
      promote.error instanceof ApiError && promote.error.fieldErrors.text
        ? promote.error.fieldErrors.text
        : describe(promote.error);
  }

  return (
    <form className="form promote-form" onSubmit={submit} noValidate>
      {sentences.length > 1 ? (
        <div className="field">
          <label htmlFor={`${id}-sentence`}>{t('listening.promote.sentence')}</label>
          <select id={`${id}-sentence`} onChange={(event) => setText(event.target.value.slice(0, max))}>
            {sentences.map((sentence, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a text may repeat a sentence; its place is its identity.
              <option key={index} value={sentence}>
                {sentence}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-text`}>{t('listening.promote.statement')}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={max}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-count ${id}-error`}
        />
        <p id={`${id}-count`} className="char-count">
          {t('listening.prompts.count', { used: text.length, max })}
        </p>
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={promote.isPending}>
          {t('listening.promote.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('listening.promote.cancel')}
        </button>
      </div>
    </form>
  );
}
