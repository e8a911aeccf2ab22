import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoteValue } from '../../../contract/limits.js';
import type { Participation } from '../../api.js';
import { ProgressSummary } from './progress-summary.js';
import { VoteButtons } from './vote-buttons.js';

interface VotingStepProps {
  participation: Participation;
  onVote: (statementId: number, value: VoteValue) => void;
  voting: boolean;
  /** Set after the participant votes, so focus follows them to the next statement (not on first load). */
  focusAfterVote: boolean;
}

/** One statement at a time with the three vote buttons, or the done state once nothing remains. */
export function VotingStep({ participation, onVote, voting, focusAfterVote }: VotingStepProps) {
  const { t } = useTranslation();
  const statement = participation.nextStatement;
  const doneRef = useRef<HTMLHeadingElement>(null);
  const statementRef = useRef<HTMLQuoteElement>(null);
  const statementId = statement?.id ?? null;

  useEffect(() => {
    if (!focusAfterVote) return;
    (statementId === null ? doneRef : statementRef).current?.focus();
  }, [statementId, focusAfterVote]);

  if (!statement) {
    return (
      <section aria-labelledby="done-heading" className="panel panel-done">
        <h2 id="done-heading" ref={doneRef} tabIndex={-1}>
          {participation.progress.total === 0 ? t('vote.noneYetTitle') : t('vote.doneTitle')}
        </h2>
        <p>{participation.progress.total === 0 ? t('vote.noneYetText') : t('vote.doneText')}</p>
        {participation.progress.total > 0 ? <ProgressSummary progress={participation.progress} /> : null}
      </section>
    );
  }

  return (
    <section aria-labelledby="statement-heading" className="panel statement-panel">
      <h2 id="statement-heading" className="statement-label">
        {t('vote.statementHeading')}
      </h2>
      <blockquote key={statement.id} id="current-statement" className="statement-text" ref={statementRef} tabIndex={-1}>
        <p>{statement.text}</p>
      </blockquote>
      <VoteButtons onVote={(value) => onVote(statement.id, value)} disabled={voting} describedBy="current-statement" />
      <ProgressSummary progress={participation.progress} />
    </section>
  );
}
