import { useTranslation } from 'react-i18next';
import type { Participation } from '../../api.js';

/** "N of M voted, K remaining" with a progress bar; the text is the accessible name of the bar. */
export function ProgressSummary({ progress }: { progress: Participation['progress'] }) {
  const { t } = useTranslation();
  const label = t('vote.progress', progress);
  return (
    <div className="progress-summary">
      <p id="vote-progress-label" className="progress-text">
        {label}
      </p>
      <progress aria-labelledby="vote-progress-label" value={progress.voted} max={Math.max(progress.total, 1)} />
    </div>
  );
}
