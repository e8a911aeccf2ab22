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
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      return isTranslatedCode(error.code) ? t(`errors.${error.code}`) : error.detail;
    }
    return t('form.unexpected');
  };
}
