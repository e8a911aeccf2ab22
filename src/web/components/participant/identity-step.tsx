import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityQuestion, Participation } from '../../api.js';
import { FormAlert } from '../form-fields.js';

/** Above this many options a radio list is a wall of text on a phone; a select is easier to scan. */
const maxRadioOptions = 12;

interface IdentityStepProps {
  participation: Participation;
  /** Saves every answer given so far (so the server's view never loses an earlier one). */
  onSave: (answers: Record<number, number | null>) => Promise<unknown>;
  onDone: () => void;
  saving: boolean;
  error: unknown;
}

/** The optional questions, one per screen, each skippable. */
export function IdentityStep({ participation, onSave, onDone, saving, error }: IdentityStepProps) {
  const { t } = useTranslation();
  const questions = participation.identityQuestions;
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
      <p>{t('identity.intro')}</p>
      <p className="step-count">{t('identity.step', { current: index + 1, total: questions.length })}</p>
      <QuestionForm
        key={question.id}
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
  question: IdentityQuestion;
  initial: number | null;
  saving: boolean;
  error: unknown;
  onContinue: (optionId: number | null) => Promise<void>;
  onSkip: () => void;
}

function QuestionForm({ question, initial, saving, error, onContinue, onSkip }: QuestionFormProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number | null>(initial);
  const fieldId = `identity-${question.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await onContinue(selected);
    } catch {
      // The error is shown by FormAlert from the mutation's state; stay on this question.
    }
  }

  return (
    <form onSubmit={submit} className="form">
      <FormAlert error={error} />
      {question.options.length > maxRadioOptions ? (
        <div className="field">
          <label htmlFor={fieldId} className="question-prompt">
            {question.prompt}
          </label>
          <select
            id={fieldId}
            value={selected ?? ''}
            onChange={(event) => setSelected(event.target.value ? Number(event.target.value) : null)}
          >
            <option value="">{t('identity.choose')}</option>
            {question.options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <fieldset className="radio-group">
          <legend className="question-prompt">{question.prompt}</legend>
          {question.options.map((option) => (
            <label key={option.id} className="radio-option">
              <input
                type="radio"
                name={fieldId}
                value={option.id}
                checked={selected === option.id}
                onChange={() => setSelected(option.id)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('identity.continue')}
        </button>
        <button type="button" className="button button-secondary" onClick={onSkip} disabled={saving}>
          {t('identity.skip')}
        </button>
      </div>
    </form>
  );
}
