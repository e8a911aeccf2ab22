import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { listeningApi, listeningKeys, type ParticipantPrompts } from '../../listening-api.js';
import { StatusMessage } from '../form-fields.js';

type Prompt = ParticipantPrompts['prompts'][number];

/**
 * The review's open questions, each with the participant's own answer: written, changed or left
 * alone while the review is open, and shown read-only after it closes. Nothing here shows anyone
 * else's answers.
 */
export function PromptsSection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const prompts = useQuery({ queryKey: listeningKeys.prompts(slug), queryFn: () => listeningApi.prompts(slug) });
  if (!prompts.data || prompts.data.prompts.length === 0) return null;
  return (
    <section aria-labelledby="prompts-heading" className="section prompts-section">
      <h2 id="prompts-heading">{t('listening.prompts.title')}</h2>
      <p className="hint">{t('listening.prompts.intro')}</p>
      {prompts.data.prompts.map((prompt) => (
        <PromptAnswer key={prompt.id} slug={slug} prompt={prompt} editable={prompts.data.editable} />
      ))}
    </section>
  );
}

function PromptAnswer({ slug, prompt, editable }: { slug: string; prompt: Prompt; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const fieldId = `${useId()}-answer`;
  const [text, setText] = useState(prompt.answer?.text ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const save = useMutation({
    mutationFn: (value: string) => listeningApi.answerPrompt(slug, prompt.id, { text: value }),
    onSuccess: (next) => {
      queryClient.setQueryData(listeningKeys.prompts(slug), next);
      setSaved(t('listening.prompts.saved'));
    },
  });

  if (!editable) {
    return (
      <div className="panel prompt-answer">
        <h3 className="question-prompt">{prompt.text}</h3>
        <p>{prompt.answer ? prompt.answer.text : t('listening.prompts.noAnswer')}</p>
      </div>
    );
  }

  const trimmed = text.trim();
  const changed = trimmed !== (prompt.answer?.text ?? '');

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    save.reset();
    if (trimmed.length === 0) return setLocalError(t('listening.prompts.empty'));
    if (trimmed.length > prompt.maxLength)
      return setLocalError(t('listening.prompts.tooLong', { max: prompt.maxLength }));
    setLocalError(null);
    save.mutate(trimmed);
  }

  let error = localError;
  if (!error && save.error) {
    error =
      save.error instanceof ApiError && save.error.fieldErrors.text
        ? save.error.fieldErrors.text
        : describe(save.error);
  }

  return (
    <form className="form panel prompt-answer" onSubmit={submit} noValidate>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={fieldId} className="question-prompt">
          {prompt.text}
        </label>
        <textarea
          id={fieldId}
          rows={4}
          maxLength={prompt.maxLength}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fieldId}-count ${fieldId}-error`}
        />
        <p id={`${fieldId}-count`} className="char-count">
          {t('listening.prompts.count', { used: text.length, max: prompt.maxLength })}
        </p>
        <p className="field-error" id={`${fieldId}-error`} role="alert">
          {error}
        </p>
      </div>
      <button type="submit" className="button button-secondary" disabled={save.isPending || !changed}>
        {prompt.answer ? t('listening.prompts.update') : t('listening.prompts.save')}
      </button>
      <StatusMessage message={saved} />
    </form>
  );
}
