import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import type { IdentityQuestion, ManagedIdentityQuestion } from '../../api.js';
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

/** The first message the server gave for any of the question's options. */
function optionsError(error: unknown): string | undefined {
  return error instanceof ApiError
    ? Object.entries(error.fieldErrors).find(([field]) => field.startsWith('options'))?.[1]
    : undefined;
}

/**
 * The review's identity questions: add one (with its own answers, or offering the place list),
 * optional or required, with an explanation participants see; edit, move or delete one until
 * somebody has answered it.
 */
export function IdentityQuestionsEditor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const questions = useQuery({
    queryKey: queryKeys.identityQuestions(slug),
    queryFn: () => api.identityQuestions(slug),
  });
  const [editing, setEditing] = useState<number | null>(null);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.identityQuestions(slug) });

  const reorder = useMutation({
    mutationFn: (questionIds: number[]) => api.reorderIdentityQuestions(slug, questionIds),
    onMutate: () => setStatus(undefined),
    onSuccess: () => setStatus(t('identityEditor.moved')),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (questionId: number) => api.deleteIdentityQuestion(slug, questionId),
    onMutate: () => setStatus(undefined),
    onSuccess: () => {
      setStatus(t('identityEditor.deleted'));
      // The button that was pressed is gone; start again from the section's heading.
      headingRef.current?.focus();
    },
    onSettled: refresh,
  });

  const list = questions.data ?? [];
  function move(index: number, by: -1 | 1) {
    const ids = list.map((question) => question.id);
    const other = index + by;
    const here = ids[index];
    const there = ids[other];
    if (here === undefined || there === undefined) return;
    ids[index] = there;
    ids[other] = here;
    reorder.mutate(ids);
  }
  const canMove = (index: number, by: -1 | 1) => {
    const neighbour = list[index + by];
    return neighbour !== undefined && !neighbour.answered;
  };

  return (
    <section aria-labelledby="identity-editor-heading" className="section">
      <h2 id="identity-editor-heading" ref={headingRef} tabIndex={-1}>
        {t('identityEditor.title')}
      </h2>
      <p>{t('identityEditor.intro')}</p>
      {questions.isError ? <LoadError error={questions.error} /> : null}
      <FormAlert error={reorder.error ?? remove.error} />
      {list.length > 0 ? (
        <ol className="card-list question-list">
          {list.map((question, index) => (
            <li key={question.id} className="card">
              <p className="card-title">{question.prompt}</p>
              <p className="card-meta">
                {t(`kind.${question.kind}`)} ·{' '}
                {question.required ? t('identityEditor.requiredBadge') : t('identityEditor.optionalBadge')} ·{' '}
                {question.usesPlaceList
                  ? t('identityEditor.fromPlaces', { number: question.options.length })
                  : question.options.map((option) => option.label).join(' · ')}
              </p>
              {question.explanation ? (
                <p className="hint">
                  <strong>{t('identity.why')}</strong> {question.explanation}
                </p>
              ) : null}
              {question.answered ? (
                <p className="hint">{t('identityEditor.answeredNote')}</p>
              ) : editing === question.id ? (
                <QuestionEditForm
                  slug={slug}
                  question={question}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) setStatus(t('identityEditor.saved'));
                  }}
                />
              ) : (
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('identityEditor.moveUpLabel', { prompt: question.prompt })}
                    disabled={!canMove(index, -1) || reorder.isPending}
                    onClick={() => move(index, -1)}
                  >
                    {t('identityEditor.moveUp')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('identityEditor.moveDownLabel', { prompt: question.prompt })}
                    disabled={!canMove(index, 1) || reorder.isPending}
                    onClick={() => move(index, 1)}
                  >
                    {t('identityEditor.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('identityEditor.editLabel', { prompt: question.prompt })}
                    onClick={() => {
                      setStatus(undefined);
                      setEditing(question.id);
                    }}
                  >
                    {t('identityEditor.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-danger button-small"
                    aria-label={t('identityEditor.deleteLabel', { prompt: question.prompt })}
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(question.id)}
                  >
                    {t('identityEditor.delete')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      <StatusMessage message={status} />
      <AddQuestionForm slug={slug} />
    </section>
  );
}

function AddQuestionForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const places = useQuery({ queryKey: queryKeys.placeList(slug), queryFn: () => api.placeList(slug) });
  const placeCount = places.data?.count ?? 0;
  const [prompt, setPrompt] = useState('');
  const [kind, setKind] = useState<Kind>('other');
  const [fromPlaces, setFromPlaces] = useState(false);
  const [options, setOptions] = useState('');
  const [required, setRequired] = useState(false);
  const [explanation, setExplanation] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const add = useMutation({
    mutationFn: () =>
      api.addIdentityQuestion(slug, {
        prompt: prompt.trim(),
        kind: fromPlaces ? 'seat' : kind,
        ...(fromPlaces ? { usesPlaceList: true } : { options: splitLines(options) }),
        required,
        explanation: explanation.trim(),
      }),
    onSuccess: () => {
      setPrompt('');
      setOptions('');
      setKind('other');
      setFromPlaces(false);
      setRequired(false);
      setExplanation('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.identityQuestions(slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    add.reset();
    if (!fromPlaces && splitLines(options).length < 2) {
      setLocalError(t('identityEditor.twoOptions'));
      return;
    }
    setLocalError(undefined);
    add.mutate();
  }

  const optionsMessage = localError ?? optionsError(add.error);
  const sourceMessage = fieldError(add.error, 'usesPlaceList');
  const fieldMessages = optionsMessage || sourceMessage || fieldError(add.error, 'prompt');

  return (
    <>
      <h3>{t('identityEditor.addTitle')}</h3>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={fieldMessages ? null : add.error} />
        <TextField
          id="identity-prompt"
          label={t('identityEditor.prompt')}
          maxLength={limits.identityPromptMaxLength}
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          error={fieldError(add.error, 'prompt')}
          required
        />
        <fieldset className="radio-group" aria-describedby="identity-source-error">
          <legend>{t('identityEditor.source')}</legend>
          <label className="radio-option">
            <input
              type="radio"
              name="identity-source"
              checked={!fromPlaces}
              onChange={() => {
                setFromPlaces(false);
                if (kind === 'seat') setKind('other');
              }}
            />
            <span>{t('identityEditor.sourceOptions')}</span>
          </label>
          <label className="radio-option">
            <input
              type="radio"
              name="identity-source"
              checked={fromPlaces}
              onChange={() => {
                setFromPlaces(true);
                setKind('seat');
              }}
            />
            <span>
              {placeCount > 0
                ? t('identityEditor.sourcePlaces', { number: placeCount })
                : t('identityEditor.sourcePlacesNone')}
            </span>
          </label>
          <p className="field-error" id="identity-source-error" hidden={!sourceMessage}>
            {sourceMessage}
          </p>
        </fieldset>
        <div className="field">
          <label htmlFor="identity-kind">{t('identityEditor.kind')}</label>
          <select
            id="identity-kind"
            value={fromPlaces ? 'seat' : kind}
            disabled={fromPlaces}
            onChange={(event) => setKind(event.target.value as Kind)}
          >
            {identityKinds.map((option) => (
              <option key={option} value={option}>
                {t(`kind.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {fromPlaces ? null : (
          <TextAreaField
            id="identity-options"
            label={t('identityEditor.options')}
            hint={t('identityEditor.optionsHint')}
            rows={5}
            value={options}
            onChange={(event) => setOptions(event.target.value)}
            error={optionsMessage}
          />
        )}
        <div className="field checkbox-field">
          <label className="radio-option">
            <input type="checkbox" checked={required} onChange={(event) => setRequired(event.target.checked)} />
            <span>{t('identityEditor.required')}</span>
          </label>
        </div>
        <TextAreaField
          id="identity-explanation"
          label={t('identityEditor.explanation')}
          hint={t('identityEditor.explanationHint')}
          rows={3}
          maxLength={limits.identityExplanationMaxLength}
          value={explanation}
          onChange={(event) => setExplanation(event.target.value)}
          error={fieldError(add.error, 'explanation')}
        />
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {t('identityEditor.submit')}
        </button>
        <StatusMessage message={add.isSuccess ? t('identityEditor.added') : undefined} />
      </form>
    </>
  );
}

interface QuestionEditFormProps {
  slug: string;
  question: ManagedIdentityQuestion;
  onDone: (saved: boolean) => void;
}

/** Changes a question nobody has answered yet; a place question keeps the place list as its answers. */
function QuestionEditForm({ slug, question, onDone }: QuestionEditFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [prompt, setPrompt] = useState(question.prompt);
  const [kind, setKind] = useState<Kind>(question.kind);
  const [options, setOptions] = useState(question.options.map((option) => option.label).join('\n'));
  const [required, setRequired] = useState(question.required);
  const [explanation, setExplanation] = useState(question.explanation);
  const idPrefix = `identity-edit-${question.id}`;
  const save = useMutation({
    mutationFn: () =>
      api.updateIdentityQuestion(slug, question.id, {
        prompt: prompt.trim(),
        required,
        explanation: explanation.trim(),
        ...(question.usesPlaceList ? {} : { kind, options: splitLines(options) }),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.identityQuestions(slug) });
      onDone(true);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const optionsMessage = optionsError(save.error);
  return (
    <form onSubmit={submit} noValidate className="form question-edit-form" aria-label={t('identityEditor.editTitle')}>
      <FormAlert error={optionsMessage ? null : save.error} />
      <TextField
        id={`${idPrefix}-prompt`}
        label={t('identityEditor.prompt')}
        maxLength={limits.identityPromptMaxLength}
        value={prompt}
        onChange={(event) => setPrompt(event.target.value)}
        error={fieldError(save.error, 'prompt')}
        required
        autoFocus
      />
      {question.usesPlaceList ? null : (
        <>
          <div className="field">
            <label htmlFor={`${idPrefix}-kind`}>{t('identityEditor.kind')}</label>
            <select id={`${idPrefix}-kind`} value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
              {identityKinds.map((option) => (
                <option key={option} value={option}>
                  {t(`kind.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <TextAreaField
            id={`${idPrefix}-options`}
            label={t('identityEditor.options')}
            hint={t('identityEditor.optionsHint')}
            rows={5}
            value={options}
            onChange={(event) => setOptions(event.target.value)}
            error={optionsMessage}
          />
        </>
      )}
      <div className="field checkbox-field">
        <label className="radio-option">
          <input type="checkbox" checked={required} onChange={(event) => setRequired(event.target.checked)} />
          <span>{t('identityEditor.required')}</span>
        </label>
      </div>
      <TextAreaField
        id={`${idPrefix}-explanation`}
        label={t('identityEditor.explanation')}
        rows={3}
        maxLength={limits.identityExplanationMaxLength}
        value={explanation}
        onChange={(event) => setExplanation(event.target.value)}
        error={fieldError(save.error, 'explanation')}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('identityEditor.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
          {t('identityEditor.cancel')}
        </button>
      </div>
    </form>
  );
}
