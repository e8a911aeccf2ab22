import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ManagedStatement, queryKeys } from '../../api.js';
import { FormAlert } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { ModerationRejectDialog, type RejectTarget } from './moderation-reject-dialog.js';

const order: Record<ManagedStatement['moderation'], number> = { pending: 0, accepted: 1, rejected: 2 };

/** Every statement with its tallies; pending ones first, each acceptable or rejectable. */
export function StatementModeration({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const statements = useQuery({
    queryKey: queryKeys.managedStatements(slug),
    queryFn: () => api.managedStatements(slug),
  });
  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.managedStatements(slug) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.moderationQueue(slug) }),
    ]);
  // Through the moderation queue's routes, so every decision is on the record (and a rejection has a reason).
  const moderate = useMutation({
    mutationFn: ({ id, moderation, reason }: { id: number; moderation: 'accepted' | 'rejected'; reason?: string }) =>
      moderation === 'accepted' ? api.acceptStatement(slug, id) : api.rejectStatement(slug, id, reason ?? ''),
    onSuccess: async () => {
      setRejecting(null);
      await refresh();
    },
  });
  const sorted = [...(statements.data ?? [])].sort((a, b) => order[a.moderation] - order[b.moderation] || a.id - b.id);
  const pending = sorted.filter((statement) => statement.moderation === 'pending').length;

  return (
    <section aria-labelledby="statements-heading" className="section">
      <h2 id="statements-heading">{t('moderate.title')}</h2>
      {statements.isPending ? <Loading /> : null}
      {statements.isError ? <LoadError error={statements.error} /> : null}
      {statements.data ? <p>{t('moderate.summary', { total: sorted.length, pending })}</p> : null}
      <FormAlert error={rejecting ? undefined : moderate.error} />
      {sorted.length > 0 ? (
        <ul className="statement-list">
          {sorted.map((statement) => (
            <li key={statement.id} className={`statement-item moderation-${statement.moderation}`}>
              <p id={`statement-${statement.id}`} className="statement-item-text">
                {statement.text}
              </p>
              <p className="card-meta">
                <span className={`badge badge-${statement.moderation}`}>
                  {t(`moderation.state.${statement.moderation}`)}
                </span>{' '}
                {t(`origin.${statement.origin}`)} ·{' '}
                {t('moderate.tallies', {
                  agree: statement.agreeCount,
                  disagree: statement.disagreeCount,
                  pass: statement.passCount,
                })}
              </p>
              <div className="button-row">
                {statement.moderation !== 'accepted' ? (
                  <button
                    type="button"
                    className="button button-small button-primary"
                    disabled={moderate.isPending}
                    aria-describedby={`statement-${statement.id}`}
                    onClick={() => moderate.mutate({ id: statement.id, moderation: 'accepted' })}
                  >
                    {t('moderate.accept')}
                  </button>
                ) : null}
                {statement.moderation !== 'rejected' ? (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    disabled={moderate.isPending}
                    aria-describedby={`statement-${statement.id}`}
                    aria-haspopup="dialog"
                    onClick={() => {
                      moderate.reset();
                      setRejecting({ statementIds: [statement.id], text: statement.text });
                    }}
                  >
                    {t('moderationQueue.reject')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <ModerationRejectDialog
        target={rejecting}
        pending={moderate.isPending}
        error={rejecting ? moderate.error : undefined}
        onCancel={() => {
          moderate.reset();
          setRejecting(null);
        }}
        onConfirm={(reason) => {
          if (rejecting) moderate.mutate({ id: rejecting.statementIds[0]!, moderation: 'rejected', reason });
        }}
      />
    </section>
  );
}
