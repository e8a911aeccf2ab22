import { useTranslation } from 'react-i18next';
import type { Review } from '../../api.js';

export function StatusBadge({ status }: { status: Review['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
