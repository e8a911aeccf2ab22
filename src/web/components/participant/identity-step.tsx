import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type IdentityQuestion, type Participation, queryKeys } from '../../api.js';
import { FieldErrorText, FormAlert } from '../form-fields.js';
import { LoadError } from '../query-state.js';
import { SeatPicker } from './seat-picker.js';

/** Above this many options a radio list is a wall of text on a phone; a select is easier to scan. */
const maxRadioOptions = 12;

interface IdentityStepProps {
  participation: Participation;
  /**
   * The questions to walk through: all of them on a first visit, or only the required ones still
   * unanswered when those stand between the participant and voting.
   */
  questions: IdentityQuestion[];
  /** Saves every answer given so far (so the server's view never loses an earlier one). */
  onSave: (answers: Record<number, number | null>) => Promise<unknown>;
  onDone: () => void;
  saving: boolean;
  error: unknown;
}

/** The identity questions, one per screen; optional ones can be skipped, required ones not. */
export function IdentityStep({ participation, questions: given, onSave, onDone, saving, error }: IdentityStepProps) {
  const { t } = useTranslation();
  // Fixed for the walk: answering a required question must not shift the rest under the reader.
  const [questions] = useState(given);
  const [index, setIndex] = useState(0);
  const question = questions[index];
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect exists to run when the question changes.
  useEffect(() => {
    // After moving to the next question, start the reader at its heading rather than the page top.
    if (moved.current) headingRef.current?.focus();
  }, [index]);

  if (!question) return null;
  const anyRequired = questions.some((candidate) => candidate.required);

  function advance() {
    moved.current = true;
    if (index + 1 < questions.length) setIndex(index + 1);
    else onDone();
  }

  return (
    <section aria-labelledby="identity-heading" className="panel">
      <h2 id="identity-heading" ref={headingRef} tabIndex={-1}>
        {t('identity.title')}
      </h2>
      <p>{anyRequired ? t('identity.introRequired') : t('identity.intro')}</p>
      <p className="step-count">{t('identity.step', { current: index + 1, total: questions.length })}</p>
      <QuestionForm
        key={question.id}
        slug={participation.review.slug}
        question={question}
        initial={participation.participant.answers[String(question.id)] ?? null}
        saving={saving}
        error={error}
        onContinue={async (optionId) => {
          if (optionId !== null) {
            const answers: Record<number, number | null> = {};
            for (const [questionId, answer] of Object.entries(participation.participant.answers)) {
              answers[Number(questionId)] = answer;
            }
            answers[question.id] = optionId;
            await onSave(answers);
          }
          advance();
        }}
        onSkip={advance}
      />
    </section>
  );
}

interface QuestionFormProps {
  slug: string;
  question: IdentityQuestion;
  initial: number | null;
  saving: boolean;
  error: unknown;
  onContinue: (optionId: number | null) => Promise<void>;
  onSkip: () => void;
}

function QuestionForm({ slug, question, initial, saving, error, onContinue, onSkip }: QuestionFormProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number | null>(initial);
  const [missing, setMissing] = useState(false);
  const fieldId = `identity-${question.id}`;
  const explanationId = question.explanation ? `${fieldId}-explanation` : undefined;
  const errorId = `${fieldId}-error`;
  const describedBy = [explanationId, missing ? errorId : undefined].filter(Boolean).join(' ') || undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (question.required && selected === null) {
      setMissing(true);
      document.getElementById(fieldId)?.focus();
      return;
    }
    try {
      await onContinue(selected);
    } catch {
      // The error is shown by FormAlert from the mutation's state; stay on this question.
    }
  }

  function choose(optionId: number | null) {
    setSelected(optionId);
    if (optionId !== null) setMissing(false);
  }

  const prompt = (
    <>
      {question.prompt}
      {question.required ? <span className="required-marker"> {t('identity.required')}</span> : null}
    </>
  );
  const explanation = question.explanation ? (
    <p className="hint identity-explanation" id={explanationId}>
      <strong>{t('identity.why')}</strong> {question.explanation}
    </p>
  ) : null;

  let field: ReactNode;
  if (question.usesPlaceList) {
    field = (
      <PlaceField
        slug={slug}
        question={question}
        fieldId={fieldId}
        prompt={prompt}
        explanation={explanation}
        describedBy={describedBy}
        value={selected}
        onChange={choose}
        invalid={missing}
      />
    );
  } else if (question.options.length > maxRadioOptions) {
    field = (
      <div className="field">
        <label htmlFor={fieldId} className="question-prompt">
          {prompt}
        </label>
        {explanation}
        <select
          id={fieldId}
          value={selected ?? ''}
          aria-describedby={describedBy}
          aria-invalid={missing ? true : undefined}
          onChange={(event) => choose(event.target.value ? Number(event.target.value) : null)}
        >
          <option value="">{t('identity.choose')}</option>
          {question.options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    );
  } else {
    field = (
      <fieldset className="radio-group" aria-describedby={describedBy}>
        <legend className="question-prompt">{prompt}</legend>
        {explanation}
        {question.options.map((option, optionIndex) => (
          <label key={option.id} className="radio-option">
            <input
              // The first radio carries the id, so "answer this" can send focus into the group.
              id={optionIndex === 0 ? fieldId : undefined}
              type="radio"
              name={fieldId}
              value={option.id}
              checked={selected === option.id}
              onChange={() => choose(option.id)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <FormAlert error={error} />
      {field}
      <FieldErrorText id={errorId} message={missing ? t('identity.requiredMissing') : undefined} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('identity.continue')}
        </button>
        {question.required ? null : (
          <button type="button" className="button button-secondary" onClick={onSkip} disabled={saving}>
            {t('identity.skip')}
          </button>
        )}
      </div>
    </form>
  );
}

interface PlaceFieldProps {
  slug: string;
  question: IdentityQuestion;
  fieldId: string;
  prompt: ReactNode;
  explanation: ReactNode;
  describedBy: string | undefined;
  value: number | null;
  onChange: (optionId: number | null) => void;
  invalid: boolean;
}

/** A place question: its list is loaded once, then searched as the participant types. */
function PlaceField({
  slug,
  question,
  fieldId,
  prompt,
  explanation,
  describedBy,
  value,
  onChange,
  invalid,
}: PlaceFieldProps) {
  const { t } = useTranslation();
  const places = useQuery({
    queryKey: queryKeys.placeOptions(slug, question.id),
    queryFn: () => api.placeOptions(slug, question.id),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (places.isError) return <LoadError error={places.error} />;
  if (!places.data) {
    return (
      <p role="status" className="loading">
        {t('seatPicker.loading')}
      </p>
    );
  }
  return (
    <SeatPicker
      id={fieldId}
      label={prompt}
      labelClassName="question-prompt"
      description={explanation}
      describedBy={describedBy}
      places={places.data}
      value={value}
      onChange={onChange}
      invalid={invalid}
    />
  );
}
