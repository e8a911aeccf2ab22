import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import en from '../i18n/en.json';

type TranslatedCode = keyof typeof en.errors;

function isTranslatedCode(code: string): code is TranslatedCode {
  return Object.hasOwn(en.errors, code);
}

/**
 * Turns an error into a sentence in the reader's language: refusals we know by code are translated
 * here (the server writes English); anything else shows the server's own detail.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (!isTranslatedCode(error.code)) return error.detail;
      // A throttled request says when to try again, in the reader's language; en-GB when the browser
      // lacks that locale, since a 24-hour 14:05 reads the same in English and Welsh.
      const locale = Intl.DateTimeFormat.supportedLocalesOf([`${i18n.language}-GB`])[0] ?? 'en-GB';
      const time = error.retryAt
        ? new Date(error.retryAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
        : undefined;
      return t(`errors.${error.code}`, { time });
    }
    return t('form.unexpected');
  };
}
