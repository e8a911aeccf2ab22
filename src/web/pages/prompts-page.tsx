import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listeningLimits } from '../../contract/listening-limits.js';
import { roleAllows } from '../../core/review-rules.js';
import { ApiError, api, queryKeys } from '../api.js';
import { FormAlert, StatusMessage } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { ThemeSection } from '../components/organise/theme-section.js';
import { VoiceOptionsEditor } from '../components/organise/voice-options-editor.js';
import { PromoteForm } from '../components/organise/voice-promote-form.js';
import '../components/organise/voice-form.css';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { useErrorMessage } from '../hooks/use-error-message.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { listeningApi, listeningKeys, type ManagedPrompt } from '../listening-api.js';

/**
 * /organise/:slug/prompts: listening. Organisers write the open questions and the canvassers'
 * option lists; moderators read answers and voices (never who wrote them) and promote a sentence
 * to a statement; the feedback summary is for roles that see the dashboard.
 */
export function PromptsPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Listening slug={slug} />
    </RequireAccount>
  );
}

function Listening({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  usePageTitle(review.data ? t('listening.page.title', { title: review.data.title }) : t('manage.loading'));
  if (review.isPending) return <Loading />;
  if (review.isError) {
    return (
      <>
        <PageHeading>{t('manage.unavailable')}</PageHeading>
        <LoadError error={review.error} />
      </>
    );
  }
  const role = review.data.role;
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>{t('moderationQueue.back')}</Link>
      </p>
      <PageHeading>{t('listening.page.heading')}</PageHeading>
      <p className="lead">{review.data.title}</p>
      {roleAllows(role, 'recordVoices') ? (
        <p>
          <Link href={`/organise/${encodeURIComponent(slug)}/voices`}>{t('listening.page.canvass')}</Link>
        </p>
      ) : null}
      <section aria-labelledby="prompts-editor-heading" className="section">
        <h2 id="prompts-editor-heading">{t('listening.page.prompts')}</h2>
        <PromptsEditor slug={slug} canEdit={roleAllows(role, 'editReview')} />
      </section>
      {roleAllows(role, 'editReview') ? (
        <section aria-labelledby="voice-options-heading" className="section">
          <h2 id="voice-options-heading">{t('listening.page.options')}</h2>
          <VoiceOptionsEditor slug={slug} />
        </section>
      ) : null}
      {roleAllows(role, 'viewResults') ? <ThemeSection slug={slug} canEdit={roleAllows(role, 'editReview')} /> : null}
      {roleAllows(role, 'moderate') ? <Answers slug={slug} /> : null}
      {roleAllows(role, 'moderate') ? <Voices slug={slug} /> : null}
      {roleAllows(role, 'viewDashboard') ? <Feedback slug={slug} /> : null}
    </>
  );
}

function PromptsEditor({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const prompts = useQuery({
    queryKey: listeningKeys.managedPrompts(slug),
    queryFn: () => listeningApi.managedPrompts(slug),
  });
  if (prompts.isPending) return <Loading />;
  if (prompts.isError) return <LoadError error={prompts.error} />;
  return (
    <>
      {prompts.data.length === 0 ? <p>{t('listening.page.noPrompts')}</p> : null}
      <ol className="statement-list">
        {prompts.data.map((prompt) => (
          <li key={prompt.id} className="statement-item">
            {canEdit ? <PromptRow slug={slug} prompt={prompt} /> : <p>{prompt.text}</p>}
            <p className="hint">
              {t('listening.page.answerCount', { count: prompt.answerCount })} ·{' '}
              {t('listening.page.maxLength', { max: prompt.maxLength })}
            </p>
          </li>
        ))}
      </ol>
      {canEdit ? <AddPrompt slug={slug} /> : null}
    </>
  );
}

function PromptRow({ slug, prompt }: { slug: string; prompt: ManagedPrompt }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(prompt.text);
  const [maxLength, setMaxLength] = useState(String(prompt.maxLength));
  const refresh = () => queryClient.invalidateQueries({ queryKey: listeningKeys.managedPrompts(slug) });
  const update = useMutation({
    mutationFn: () => listeningApi.updatePrompt(slug, prompt.id, { text, maxLength: Number(maxLength) }),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: () => listeningApi.deletePrompt(slug, prompt.id), onSuccess: refresh });
  const fields = update.error instanceof ApiError ? update.error.fieldErrors : {};

  if (!editing) {
    return (
      <>
        <p className="statement-item-text">{prompt.text}</p>
        <div className="button-row">
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)}>
            {t('listening.page.edit')}
          </button>
          {prompt.answerCount === 0 ? (
            <button
              type="button"
              className="button button-danger button-small"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              {t('listening.page.delete')}
            </button>
          ) : null}
        </div>
        <FormAlert error={remove.error} />
      </>
    );
  }
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate();
      }}
    >
      <PromptFields
        id={id}
        text={text}
        setText={setText}
        maxLength={maxLength}
        setMaxLength={setMaxLength}
        fields={fields}
      />
      <FormAlert error={fields.text || fields.maxLength ? null : update.error} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-small" disabled={update.isPending}>
          {t('listening.page.saveEdit')}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={() => setEditing(false)}>
          {t('listening.promote.cancel')}
        </button>
      </div>
    </form>
  );
}

function PromptFields(props: {
  id: string;
  text: string;
  setText: (value: string) => void;
  maxLength: string;
  setMaxLength: (value: string) => void;
  fields: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const { id, fields } = props;
  return (
    <>
      <div className={fields.text ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-text`}>{t('listening.page.promptText')}</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={listeningLimits.promptTextMaxLength}
          value={props.text}
          onChange={(event) => props.setText(event.target.value)}
          aria-describedby={`${id}-text-error`}
        />
        <p className="field-error" id={`${id}-text-error`}>
          {fields.text}
        </p>
      </div>
      <div className={fields.maxLength ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-max`}>{t('listening.page.maxLengthLabel')}</label>
        <input
          id={`${id}-max`}
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={props.maxLength}
          onChange={(event) => props.setMaxLength(event.target.value)}
          aria-describedby={`${id}-max-error`}
        />
        <p className="field-error" id={`${id}-max-error`}>
          {fields.maxLength}
        </p>
      </div>
    </>
  );
}

function AddPrompt({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const [maxLength, setMaxLength] = useState(String(listeningLimits.answerMaxLengthDefault));
  const add = useMutation({
    mutationFn: () => listeningApi.createPrompt(slug, { text, maxLength: Number(maxLength) }),
    onSuccess: async () => {
      setText('');
      await queryClient.invalidateQueries({ queryKey: listeningKeys.managedPrompts(slug) });
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <h3>{t('listening.page.addPrompt')}</h3>
      <PromptFields
        id={id}
        text={text}
        setText={setText}
        maxLength={maxLength}
        setMaxLength={setMaxLength}
        fields={fields}
      />
      <FormAlert error={fields.text || fields.maxLength ? null : add.error} />
      <button type="submit" className="button button-primary" disabled={add.isPending}>
        {t('listening.page.addPromptSubmit')}
      </button>
      <StatusMessage message={add.isSuccess ? t('listening.page.promptAdded') : undefined} />
    </form>
  );
}

function Answers({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const answers = useQuery({ queryKey: listeningKeys.answers(slug), queryFn: () => listeningApi.answers(slug) });
  const prompts = useQuery({
    queryKey: listeningKeys.managedPrompts(slug),
    queryFn: () => listeningApi.managedPrompts(slug),
  });
  return (
    <section aria-labelledby="answers-heading" className="section">
      <h2 id="answers-heading">{t('listening.page.answers')}</h2>
      <p className="hint">{t('listening.page.answersHint')}</p>
      {answers.isPending ? <Loading /> : null}
      {answers.isError ? <LoadError error={answers.error} /> : null}
      {answers.data?.length === 0 ? <p>{t('listening.page.noAnswers')}</p> : null}
      {prompts.data?.map((prompt) => {
        const own = answers.data?.filter((answer) => answer.promptId === prompt.id) ?? [];
        if (own.length === 0) return null;
        return (
          <div key={prompt.id}>
            <h3>{prompt.text}</h3>
            <ul className="voice-list">
              {own.map((answer) => (
                <li key={answer.id} className="panel">
                  <p>{answer.text}</p>
                  <Promoted ids={answer.statementIds} />
                  <PromoteForm slug={slug} sourceKind="prompt_answer" sourceId={answer.id} sourceText={answer.text} />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function Voices({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const voices = useQuery({ queryKey: listeningKeys.voices(slug), queryFn: () => listeningApi.voices(slug) });
  return (
    <section aria-labelledby="voices-heading" className="section">
      <h2 id="voices-heading">{t('listening.page.voices')}</h2>
      {voices.isPending ? <Loading /> : null}
      {voices.isError ? <LoadError error={voices.error} /> : null}
      {voices.data?.length === 0 ? <p>{t('listening.page.noVoices')}</p> : null}
      <ul className="voice-list">
        {voices.data?.map((voice) => (
          <li key={voice.id} className="panel">
            <p className="hint voice-meta">
              {voice.placeName} ({voice.placeCode})
              {voice.pastVote || voice.intention
                ? ` · ${t('listening.page.voteChange', {
                    past: voice.pastVote ?? t('listening.voices.notSaid'),
                    intention: voice.intention ?? t('listening.voices.notSaid'),
                  })}`
                : ''}
            </p>
            <p>{voice.text}</p>
            <Promoted ids={voice.statementIds} />
            <PromoteForm slug={slug} sourceKind="voter_voice" sourceId={voice.id} sourceText={voice.text} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Promoted({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return <p className="badge badge-accepted">{t('listening.page.promoted', { count: ids.length })}</p>;
}

function Feedback({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const feedback = useQuery({ queryKey: listeningKeys.feedback(slug), queryFn: () => listeningApi.feedback(slug) });
  return (
    <section aria-labelledby="feedback-summary-heading" className="section">
      <h2 id="feedback-summary-heading">{t('listening.page.feedback')}</h2>
      {feedback.isError ? <p className="alert alert-error">{describe(feedback.error)}</p> : null}
      {feedback.data ? (
        <>
          <p>
            {t('listening.page.feedbackCount', { count: feedback.data.count })}
            {feedback.data.averageRating !== null
              ? ` ${t('listening.page.feedbackAverage', { average: feedback.data.averageRating })}`
              : ''}
          </p>
          <ul className="voice-list">
            {feedback.data.comments.map((comment) => (
              <li key={comment.id} className="panel">
                {comment.rating !== null ? (
                  <p className="hint voice-meta">{t(`listening.feedback.rating${comment.rating}`)}</p>
                ) : null}
                <p>{comment.text}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
