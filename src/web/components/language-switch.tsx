import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, setLanguage } from '../i18n/index.js';

const names: Record<Language, string> = { en: 'English', cy: 'Cymraeg' };

/** Two buttons, each labelled in its own language (so each is readable by those who need it). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = currentLanguage();
  return (
    <fieldset className="language-switch" data-language={i18n.language}>
      <legend className="visually-hidden">{t('language.label')}</legend>
      {(Object.keys(names) as Language[]).map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={active === language}
          onClick={() => void setLanguage(language)}
        >
          {names[language]}
        </button>
      ))}
    </fieldset>
  );
}
