import { useTranslation } from 'react-i18next';
import type { InvitationList } from '../../api.js';

/** Invited / joined and the rest: numbers only, never who answered or voted what. */
export function InvitationCounts({ counts }: { counts: InvitationList['counts'] }) {
  const { t } = useTranslation();
  const rows = [
    ['invited', counts.invited],
    ['joined', counts.joined],
    ['waiting', counts.invited - counts.joined],
    ['sendFailed', counts.sendFailed],
    ['revoked', counts.revoked],
  ] as const;
  return (
    <section aria-labelledby="invitation-counts-heading" className="section">
      <h2 id="invitation-counts-heading">{t('invitations.counts.title')}</h2>
      <dl className="invitation-counts">
        {rows.map(([key, value]) => (
          <div key={key} className="invitation-count">
            <dt>{t(`invitations.counts.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
