import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceQueue } from '../../offline-queue-hook.js';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * How many voices are still on this phone, whether it is online, a button to try now, and any entry
 * the server refused (with its reason) for the canvasser to discard, since retrying will not help.
 */
export function VoiceQueueStatus({ queue }: { queue: VoiceQueue }) {
  const { t } = useTranslation();
  const online = useOnline();
  const refused = queue.entries.filter((entry) => entry.error !== undefined);
  return (
    <section aria-labelledby="voice-queue-heading" className="panel">
      <h2 id="voice-queue-heading" className="visually-hidden">
        {t('listening.voices.queueHeading')}
      </h2>
      <div className="voice-queue">
        <p className="voice-queue-count" role="status" data-testid="voice-queue-count">
          {queue.waiting > 0
            ? t('listening.voices.waiting', { count: queue.waiting })
            : t('listening.voices.allSynced', { count: queue.sentThisVisit })}
        </p>
        <p className="hint">{online ? t('listening.voices.online') : t('listening.voices.offline')}</p>
        {queue.waiting > 0 && online ? (
          <button type="button" className="button button-secondary" onClick={queue.syncNow} disabled={queue.syncing}>
            {t('listening.voices.syncNow')}
          </button>
        ) : null}
      </div>
      {refused.length > 0 ? (
        <div className="alert alert-error">
          <p>{t('listening.voices.refused', { count: refused.length })}</p>
          <ul className="voice-list">
            {refused.map((entry) => (
              <li key={entry.idempotencyKey}>
                <p>“{entry.body.text}”</p>
                <p className="field-error">{entry.error}</p>
                <button
                  type="button"
                  className="button button-danger button-small"
                  onClick={() => queue.discard(entry.idempotencyKey)}
                >
                  {t('listening.voices.discard')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
