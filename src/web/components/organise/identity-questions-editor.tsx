import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import type { IdentityQuestion } from '../../api.js';
import { ApiError, api, queryKeys } from '../../api.js';
import { FormAlert, fieldError, StatusMessage, TextAreaField, TextField } from '../form-fields.js';
import { LoadError } from '../query-state.js';
import { splitLines } from './seed-statements-form.js';

type Kind = IdentityQuestion['kind'];

/**
 * Written out here rather than imported from src/contract/identity.ts, which would pull zod into the
 * bundle; `satisfies` makes the compiler flag any kind the contract adds.
 */
const kindSet = {
  tradition: true,
  referendum: true,
  role: true,
  seat: true,
  region: true,
  other: true,
} satisfies Record<Kind, true>;
const identityKinds = Object.keys(kindSet) as Kind[];

export function IdentityQuestionsEditor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const questions = useQuery({
    queryKey: queryKeys.identityQuestions(slug),
    queryFn: () => api.identityQuestions(slug),
  });
  const [prompt, setPrompt] = useState('');
  const [kind, setKind] = useState<Kind>('other');
  const [options, setOptions] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const add = useMutation({
    mutationFn: () => api.addIdentityQuestion(slug, { prompt: prompt.trim(), kind, options: splitLines(options) }),
    onSuccess: () => {
      setPrompt('');
      setOptions('');
      setKind('other');
      void queryClient.invalidateQueries({ queryKey: queryKeys.identityQuestions(slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    add.reset();
    if (splitLines(options).length < 2) {
      setLocalError(t('identityEditor.twoOptions'));
      return;
    }
    setLocalError(undefined);
    add.mutate();
  }

  const optionsError =
    localError ??
    (add.error instanceof ApiError
      ? Object.entries(add.error.fieldErrors).find(([field]) => field.startsWith('options'))?.[1]
      : undefined);

  return (
    <section aria-labelledby="identity-editor-heading" className="section">
      <h2 id="identity-editor-heading">{t('identityEditor.title')}</h2>
      <p>{t('identityEditor.intro')}</p>
      {questions.isError ? <LoadError error={questions.error} /> : null}
      {questions.data && questions.data.length > 0 ? (
        <ul className="card-list">
          {questions.data.map((question) => (
            <li key={question.id} className="card">
              <p className="card-title">{question.prompt}</p>
              <p className="card-meta">
                {t(`kind.${question.kind}`)} · {question.options.map((option) => option.label).join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <h3>{t('identityEditor.addTitle')}</h3>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={optionsError || fieldError(add.error, 'prompt') ? null : add.error} />
        <TextField
          id="identity-prompt"
          label={t('identityEditor.prompt')}
          maxLength={limits.identityPromptMaxLength}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          error={fieldError(add.error, 'prompt')}
          required
        />
        <div className="field">
          <label htmlFor="identity-kind">{t('identityEditor.kind')}</label>
          <select id="identity-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
            {identityKinds.map((option) => (
              <option key={option} value={option}>
                {t(`kind.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField
          id="identity-options"
          label={t('identityEditor.options')}
          hint={t('identityEditor.optionsHint')}
          rows={5}
          value={options}
          onChange={(event) => setOptions(event.target.value)}
          error={optionsError}
        />
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {t('identityEditor.submit')}
        </button>
        <StatusMessage message={add.isSuccess ? t('identityEditor.added') : undefined} />
      </form>
    </section>
  );
}
