import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, setLanguage } from '../i18n/index.js';

const other: Record<Language, { language: Language; name: string }> = {
  en: { language: 'cy', name: 'Cymraeg' },
  cy: { language: 'en', name: 'English' },
};

/**
 * One button naming the other language in that language ("Cymraeg" / "English"), as bilingual
 * Welsh sites do: it fits a phone's header, and each reader sees the word they are looking for.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = other[currentLanguage()];
  return (
    <button
      type="button"
      className="language-switch"
      lang={target.language}
      data-language={i18n.language}
      title={t('language.switch')}
      onClick={() => void setLanguage(target.language)}
    >
      {target.name}
    </button>
  );
}
