import { useTranslation } from 'react-i18next';
import type { VoteValue } from '../../../contract/limits.js';

/** Agree / Disagree / Pass in the order people read them, with the Pol.is values they send. */
export const voteChoices: ReadonlyArray<{ value: VoteValue; key: 'agree' | 'disagree' | 'pass'; icon: string }> = [
  { value: 1, key: 'agree', icon: '✓' },
  { value: -1, key: 'disagree', icon: '✗' },
  { value: 0, key: 'pass', icon: '–' },
];

interface VoteButtonsProps {
  onVote: (value: VoteValue) => void;
  disabled: boolean;
  /** The statement's element id, so each button is described by what it answers. */
  describedBy: string;
}

/** The three big buttons under the current statement. */
export function VoteButtons({ onVote, disabled, describedBy }: VoteButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="vote-buttons">
      {voteChoices.map((choice) => (
        <button
          key={choice.key}
          type="button"
          className={`vote-button vote-${choice.key}`}
          onClick={() => onVote(choice.value)}
          disabled={disabled}
          aria-describedby={describedBy}
        >
          <span aria-hidden="true" className="vote-icon">
            {choice.icon}
          </span>
          {t(`vote.${choice.key}`)}
        </button>
      ))}
    </div>
  );
}
