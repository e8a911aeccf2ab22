import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

/** Shown while data loads; a status region so screen readers hear that something is happening. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}

/** A failed load, with the server's explanation when there is one. */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const detail = error instanceof ApiError ? error.detail : t('form.unexpected');
  return (
    <div role="alert" className="alert alert-error">
      {detail}
    </div>
  );
}
