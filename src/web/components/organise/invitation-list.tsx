import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Invitation, queryKeys } from '../../api.js';
import { FormAlert, StatusMessage } from '../form-fields.js';

type Action = 'resend' | 'revoke';

/** Each invitee with their status; unused invitations can be resent (new link) or withdrawn. */
export function InvitationList({ slug, invitations }: { slug: string; invitations: Invitation[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | undefined>(undefined);
  const change = useMutation({
    mutationFn: ({ action, invitation }: { action: Action; invitation: Invitation }) =>
      action === 'resend' ? api.resendInvitation(slug, invitation.id) : api.revokeInvitation(slug, invitation.id),
    onMutate: () => setDone(undefined),
    onSuccess: (updated, { action }) => {
      if (action === 'revoke') setDone(t('invitations.list.revoked', { email: updated.email }));
      else if (updated.sendStatus === 'send_failed')
        setDone(t('invitations.list.resendFailed', { email: updated.email }));
      else setDone(t('invitations.list.resent', { email: updated.email }));
      return queryClient.invalidateQueries({ queryKey: queryKeys.invitations(slug) });
    },
  });

  return (
    <section aria-labelledby="invitation-list-heading" className="section">
      <h2 id="invitation-list-heading">{t('invitations.list.title')}</h2>
      <FormAlert error={change.error} />
      <StatusMessage message={done} />
      {invitations.length === 0 ? (
        <p>{t('invitations.list.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="invitation-table">
            <caption className="visually-hidden">{t('invitations.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.list.email')}</th>
                <th scope="col">{t('invitations.list.name')}</th>
                <th scope="col">{t('invitations.list.status')}</th>
                <th scope="col">{t('invitations.list.sendStatus')}</th>
                <th scope="col">{t('invitations.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" className="invitation-email">
                    {invitation.email}
                  </th>
                  <td>{invitation.name ?? <span className="hint">{t('invitations.list.noName')}</span>}</td>
                  <td>
                    <span className={`badge invitation-status-${invitation.status}`}>
                      {t(`invitations.status.${invitation.status}`)}
                    </span>
                  </td>
                  <td>{invitation.status === 'invited' ? t(`invitations.send.${invitation.sendStatus}`) : ''}</td>
                  <td>
                    {invitation.status === 'joined' ? null : (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          disabled={change.isPending}
                          onClick={() => change.mutate({ action: 'resend', invitation })}
                        >
                          {t('invitations.list.resend')}
                          <span className="visually-hidden">
                            {' '}
                            {t('invitations.list.theInvitationTo', { email: invitation.email })}
                          </span>
                        </button>
                        {invitation.status === 'invited' ? (
                          <button
                            type="button"
                            className="button button-small button-danger"
                            disabled={change.isPending}
                            onClick={() => change.mutate({ action: 'revoke', invitation })}
                          >
                            {t('invitations.list.revoke')}
                            <span className="visually-hidden">
                              {' '}
                              {t('invitations.list.theInvitationTo', { email: invitation.email })}
                            </span>
                          </button>
                        ) : null}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
