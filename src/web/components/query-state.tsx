import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../hooks/use-error-message.js';

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
  const describe = useErrorMessage();
  return (
    <div role="alert" className="alert alert-error">
      {describe(error)}
    </div>
  );
}
