import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { VoteValue } from '../../contract/limits.js';
import { ApiError, api, type Participation, queryKeys } from '../api.js';
import { FormAlert } from '../components/form-fields.js';
import { Markdown } from '../components/markdown.js';
import { PageHeading } from '../components/page-heading.js';
import { AddStatementForm } from '../components/participant/add-statement-form.js';
import { FeedbackForm } from '../components/participant/feedback-form.js';
import { IdentityStep } from '../components/participant/identity-step.js';
import { MyVotes } from '../components/participant/my-votes.js';
import { PromptsSection } from '../components/participant/prompts-section.js';
import { VotingStep } from '../components/participant/voting-step.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** Whether this browser finished (or skipped) the identity questions for a review. */
function identityDoneKey(slug: string): string {
  return `common-ground.identity-done.${slug}`;
}
function readIdentityDone(slug: string): boolean {
  try {
    return window.localStorage.getItem(identityDoneKey(slug)) === '1';
  } catch {
    return false;
  }
}
function writeIdentityDone(slug: string): void {
  try {
    window.localStorage.setItem(identityDoneKey(slug), '1');
  } catch {
    // Without storage the questions may be offered again next visit; answers are kept server-side.
  }
}
/** After erasure the browser should remember nothing of its part in the review, and start afresh. */
export function forgetIdentityDone(slug: string): void {
  try {
    window.localStorage.removeItem(identityDoneKey(slug));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** The participant's page: introduction → join → optional questions → voting → done. */
export function ReviewPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const participation = useQuery({
    queryKey: queryKeys.participation(slug),
    queryFn: () => api.participation(slug),
  });
  usePageTitle(participation.data?.review.title ?? t('review.loadingTitle'));

  if (participation.isPending) {
    return (
      <>
        <PageHeading>{t('review.loadingTitle')}</PageHeading>
        <Loading />
      </>
    );
  }
  if (participation.isError) return <ReviewUnavailable error={participation.error} />;

  const data = participation.data;
  const setData = (next: Participation) => queryClient.setQueryData(queryKeys.participation(slug), next);
  return <ReviewFlow key={slug} slug={slug} data={data} setData={setData} />;
}

function ReviewUnavailable({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const inviteOnly =
    error instanceof ApiError && (error.status === 403 || error.code.includes('invite')) && error.status !== 404;
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <>
      <PageHeading>
        {inviteOnly ? t('review.inviteOnlyTitle') : missing ? t('review.missingTitle') : t('review.errorTitle')}
      </PageHeading>
      {inviteOnly ? <p>{t('review.inviteOnlyText')}</p> : null}
      {missing ? <p>{t('review.missingText')}</p> : null}
      {!inviteOnly && !missing ? <LoadError error={error} /> : null}
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

interface ReviewFlowProps {
  slug: string;
  data: Participation;
  setData: (next: Participation) => void;
}

function ReviewFlow({ slug, data, setData }: ReviewFlowProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [identityDone, setIdentityDone] = useState(() => readIdentityDone(slug));
  const [votedThisVisit, setVotedThisVisit] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const { review, participant, progress } = data;

  const join = useMutation({ mutationFn: () => api.join(slug), onSuccess: setData });
  const answer = useMutation({
    mutationFn: (answers: Record<number, number | null>) =>
      api.answerIdentity(slug, {
        answers: Object.entries(answers).map(([questionId, optionId]) => ({
          questionId: Number(questionId),
          optionId,
        })),
      }),
    onSuccess: setData,
  });
  const vote = useMutation({
    mutationFn: ({ statementId, value }: { statementId: number; value: VoteValue; changed: boolean }) =>
      api.vote(slug, statementId, value),
    onSuccess: (next, { value, changed }) => {
      setData(next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myVotes(slug) });
      const choice = t(value === 1 ? 'vote.agree' : value === -1 ? 'vote.disagree' : 'vote.pass');
      const progressText = t('vote.progress', next.progress);
      setAnnouncement(
        `${t(changed ? 'vote.changedAnnouncement' : 'vote.recordedAnnouncement', { choice })} ${progressText}`,
      );
      if (!changed) setVotedThisVisit(true);
    },
    onError: (error) => {
      // A required question added since the page loaded: reload, and the questions come first.
      if (error instanceof ApiError && error.code === 'identity_answers_required') {
        void queryClient.invalidateQueries({ queryKey: queryKeys.participation(slug) });
      }
    },
  });

  const archived = review.archivedAt !== null;
  const closed = review.status === 'closed' || archived;
  const firstVisit = !identityDone && progress.voted === 0;
  // Required questions stand between a participant and voting, also when added after they began.
  const missingRequired = data.identityQuestions.filter(
    (question) => question.required && participant.answers[String(question.id)] === undefined,
  );
  const identityQuestions = firstVisit ? data.identityQuestions : missingRequired;
  const showIdentity = participant.joined && !closed && identityQuestions.length > 0;

  const finishIdentity = () => {
    writeIdentityDone(slug);
    setIdentityDone(true);
    setVotedThisVisit(true);
  };

  let body: ReactNode;
  if (closed) {
    body = (
      <>
        <p className="alert alert-info">{archived ? t('review.archived') : t('review.closed')}</p>
        <Markdown source={review.introduction} />
      </>
    );
  } else if (!participant.joined && review.visibility === 'invite') {
    // Joining needs the personal link; a "Take part" button here could only fail.
    body = (
      <>
        <Markdown source={review.introduction} />
        <div className="alert alert-info">
          <h2>{t('review.inviteOnlyTitle')}</h2>
          <p>{t('review.inviteOnlyText')}</p>
        </div>
      </>
    );
  } else if (!participant.joined) {
    body = (
      <>
        <Markdown source={review.introduction} />
        <div className="panel join-panel">
          <p>{t('review.joinText')}</p>
          <FormAlert error={join.error} />
          <button
            type="button"
            className="button button-primary button-large"
            onClick={() => join.mutate()}
            disabled={join.isPending}
          >
            {t('review.join')}
          </button>
          <p className="hint">
            {t('review.privacy')} <Link href={`/r/${encodeURIComponent(slug)}/privacy`}>{t('privacy.joinNotice')}</Link>
          </p>
        </div>
      </>
    );
  } else if (showIdentity) {
    body = (
      <IdentityStep
        participation={data}
        questions={identityQuestions}
        onSave={(answers) => answer.mutateAsync(answers)}
        onDone={finishIdentity}
        saving={answer.isPending}
        error={answer.error}
      />
    );
  } else {
    body = (
      <>
        {review.introduction ? (
          <details className="about">
            <summary>{t('review.about')}</summary>
            <Markdown source={review.introduction} />
          </details>
        ) : null}
        <FormAlert error={vote.error} />
        <VotingStep
          participation={data}
          voting={vote.isPending}
          focusAfterVote={votedThisVisit}
          onVote={(statementId, value) => vote.mutate({ statementId, value, changed: false })}
        />
        {review.participantsCanAddStatements ? (
          <section aria-labelledby="add-statement-heading" className="section">
            <h2 id="add-statement-heading">{t('addStatement.title')}</h2>
            <AddStatementForm slug={slug} moderationMode={review.moderationMode} />
          </section>
        ) : null}
        <PromptsSection slug={slug} />
        <MyVotes
          slug={slug}
          changing={vote.isPending}
          onChange={(statementId, value) => vote.mutate({ statementId, value, changed: true })}
        />
        <FeedbackForm slug={slug} />
      </>
    );
  }

  return (
    <article className="review">
      <PageHeading>{review.title}</PageHeading>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {review.status === 'draft' ? <p className="alert alert-info">{t('review.draftNotice')}</p> : null}
      {body}
      {review.resultsVisibility === 'public' ? (
        <p className="section">
          <Link href={`/r/${encodeURIComponent(slug)}/results`}>{t('results.link')}</Link>
        </p>
      ) : null}
      <nav aria-label={t('privacy.settingsTitle')} className="section">
        <Link href={`/r/${encodeURIComponent(slug)}/privacy`}>{t('privacy.noticeLink')}</Link>
        {participant.joined ? (
          <>
            {' · '}
            <Link href={`/r/${encodeURIComponent(slug)}/your-data`}>{t('privacy.yourDataLink')}</Link>
          </>
        ) : null}
      </nav>
    </article>
  );
}
