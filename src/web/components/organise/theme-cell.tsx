import { useTranslation } from 'react-i18next';
import type { SuppressedCell } from './theme-api.js';

/** A suppressed count in words: the number, "fewer than 10", or hidden to protect a small count. */
export function ThemeCell({ cell, threshold }: { cell: SuppressedCell; threshold: number }) {
  const { t } = useTranslation();
  if (cell.state === 'shown') return <>{cell.value}</>;
  if (cell.state === 'small') return <>{t('listening.themes.fewerThan', { threshold })}</>;
  return <>{t('listening.themes.hiddenCount')}</>;
}
