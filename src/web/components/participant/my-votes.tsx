import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VoteValue } from '../../../contract/limits.js';
import { api, queryKeys } from '../../api.js';
import { LoadError } from '../query-state.js';
import { voteChoices } from './vote-buttons.js';

interface MyVotesProps {
  slug: string;
  onChange: (statementId: number, value: VoteValue) => void;
  changing: boolean;
}

/** Every vote so far, each changeable with a pressed/unpressed button per choice. */
export function MyVotes({ slug, onChange, changing }: MyVotesProps) {
  const { t } = useTranslation();
  const votes = useQuery({ queryKey: queryKeys.myVotes(slug), queryFn: () => api.myVotes(slug) });
  const count = votes.data?.length ?? 0;

  return (
    <section aria-labelledby="my-votes-heading" className="section">
      <h2 id="my-votes-heading">{t('myVotes.title')}</h2>
      {votes.isError ? <LoadError error={votes.error} /> : null}
      {votes.data && count === 0 ? <p>{t('myVotes.none')}</p> : null}
      {count > 0 ? (
        <details className="my-votes">
          <summary>{t('myVotes.show', { number: count })}</summary>
          <ol className="my-votes-list">
            {votes.data?.map((vote) => (
              <li key={vote.statementId} className="my-vote">
                <fieldset className="my-vote-fieldset">
                  <legend className="my-vote-text">{vote.text}</legend>
                  <div className="my-vote-choices">
                    {voteChoices.map((choice) => (
                      <button
                        key={choice.key}
                        type="button"
                        className={`choice choice-${choice.key}`}
                        aria-pressed={vote.value === choice.value}
                        disabled={changing}
                        onClick={() => {
                          if (vote.value !== choice.value) onChange(vote.statementId, choice.value);
                        }}
                      >
                        {t(`vote.${choice.key}`)}
                      </button>
                    ))}
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
