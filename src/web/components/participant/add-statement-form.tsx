import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { isStatementShown } from '../../../core/review-rules.js';
import { ApiError, api, queryKeys } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { StatusMessage } from '../form-fields.js';

const max = limits.statementMaxLength;

/** Checks the browser can make before sending; the server checks again (and alone knows duplicates). */
function localProblem(text: string): 'empty' | 'tooLong' | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > max) return 'tooLong';
  return null;
}

/** How long typing must pause before the remaining count is read out, so it is not read per keystroke. */
const announceDelayMs = 1200;

/** "Add your own statement": a textarea with a live count, local checks, and the server's refusals. */
export function AddStatementForm({ slug, moderationMode }: { slug: string; moderationMode: 'strict' | 'permissive' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const id = useId();
  const fieldId = `${id}-statement`;
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | undefined>(undefined);
  const [announcedCount, setAnnouncedCount] = useState('');

  const add = useMutation({
    mutationFn: (value: string) => api.addStatement(slug, value),
    onSuccess: async (statement) => {
      setText('');
      // Participants' statements start pending; whether others see them yet depends on the mode.
      setSuccess(
        isStatementShown(moderationMode, statement.moderation) ? t('addStatement.added') : t('addStatement.pending'),
      );
      // The server records the author's agree vote with the statement, so both views change.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.participation(slug) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.myVotes(slug) }),
      ]);
    },
  });

  const used = text.length;
  const countText = t('addStatement.count', { used, max });

  useEffect(() => {
    const timer = window.setTimeout(
      () => setAnnouncedCount(used > 0 ? t('addStatement.remaining', { remaining: max - used }) : ''),
      announceDelayMs,
    );
    return () => window.clearTimeout(timer);
  }, [used, t]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSuccess(undefined);
    add.reset();
    const problem = localProblem(text);
    if (problem) {
      setLocalError(t(`addStatement.${problem}`, { max }));
      return;
    }
    setLocalError(null);
    add.mutate(text.trim());
  }

  let error = localError;
  if (!error && add.error) {
    error =
      add.error instanceof ApiError && add.error.fieldErrors.text ? add.error.fieldErrors.text : describe(add.error);
  }

  return (
    <form onSubmit={submit} noValidate className="form add-statement">
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={fieldId}>{t('addStatement.label')}</label>
        <p className="hint" id={`${fieldId}-hint`}>
          {t('addStatement.hint', { max })}
        </p>
        <textarea
          id={fieldId}
          name="text"
          rows={3}
          maxLength={max}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSuccess(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fieldId}-hint ${fieldId}-count ${fieldId}-error`}
        />
        <p id={`${fieldId}-count`} className={used >= max ? 'char-count char-count-full' : 'char-count'}>
          {countText}
        </p>
        <p className="visually-hidden" aria-live="polite">
          {announcedCount}
        </p>
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={add.isPending}>
        {t('addStatement.submit')}
      </button>
      <StatusMessage message={success} />
    </form>
  );
}
