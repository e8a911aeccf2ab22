import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { ApiError, api, queryKeys } from '../../api.js';
import { FormAlert, StatusMessage, TextAreaField } from '../form-fields.js';

/** Lines → statements; blank lines are dropped so pasting from a document just works. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export function SeedStatementsForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const [added, setAdded] = useState<number | null>(null);
  const seed = useMutation({
    mutationFn: (statements: string[]) => api.seedStatements(slug, statements),
    onSuccess: (statements) => {
      setText('');
      setAdded(statements.length);
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedStatements(slug) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedReview(slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const lines = splitLines(text);
    const tooLong = lines.findIndex((line) => line.length > limits.statementMaxLength);
    if (lines.length === 0) {
      setLocalError(t('seed.empty'));
    } else if (tooLong >= 0) {
      setLocalError(t('seed.tooLong', { line: tooLong + 1, max: limits.statementMaxLength }));
    } else {
      setLocalError(undefined);
      seed.mutate(lines);
    }
  }

  // Server field errors name array items (e.g. "statements.2"); show the first one at the field.
  const serverFieldError = seed.error instanceof ApiError ? Object.values(seed.error.fieldErrors)[0] : undefined;

  return (
    <section aria-labelledby="seed-heading" className="section">
      <h2 id="seed-heading">{t('seed.title')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={serverFieldError ? null : seed.error} />
        <TextAreaField
          id="seed-statements"
          label={t('seed.label')}
          hint={t('seed.hint', { max: limits.statementMaxLength })}
          rows={6}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={localError ?? serverFieldError}
        />
        <button type="submit" className="button button-primary" disabled={seed.isPending}>
          {t('seed.submit')}
        </button>
        <StatusMessage message={added === null ? undefined : t('seed.added', { number: added })} />
      </form>
    </section>
  );
}
