import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import { FormAlert, StatusMessage } from '../form-fields.js';

/** Makes a one-off invite link and offers it for copying. */
export function InviteLink({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const invite = useMutation({ mutationFn: () => api.createInvite(slug), onSuccess: () => setCopied(false) });
  const url = invite.data ? new URL(invite.data.url, window.location.origin).toString() : '';

  return (
    <section aria-labelledby="invite-heading" className="section">
      <h2 id="invite-heading">{t('invite.manageTitle')}</h2>
      <p>{t('invite.manageIntro')}</p>
      <FormAlert error={invite.error} />
      <button
        type="button"
        className="button button-secondary"
        disabled={invite.isPending}
        onClick={() => invite.mutate()}
      >
        {t('invite.create')}
      </button>
      {url ? (
        <div className="field invite-url">
          <label htmlFor="invite-url">{t('invite.url')}</label>
          <input id="invite-url" readOnly value={url} onFocus={(event) => event.target.select()} />
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            {t('invite.copy')}
          </button>
        </div>
      ) : null}
      <StatusMessage message={copied ? t('invite.copied') : undefined} />
    </section>
  );
}
