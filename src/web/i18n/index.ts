/**
 * English and Welsh. The chosen language is remembered in localStorage and mirrored on
 * `<html lang>`, so screen readers pronounce Welsh as Welsh.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import cy from './cy.json';
import en from './en.json';

export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'common-ground.language';

function isLanguage(value: string | null | undefined): value is Language {
  return value === 'en' || value === 'cy';
}

/** Stored choice first, then the browser's preference, then English. */
function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private modes); the browser preference still works.
  }
  const preferred = navigator.languages?.find((tag) => isLanguage(tag.slice(0, 2)));
  return preferred?.startsWith('cy') ? 'cy' : 'en';
}

/** Switches the language, remembers it and updates `<html lang>`. */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered, but the switch itself still worked.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** Resolves once translations are ready; the app renders after it. */
export function initI18n(): Promise<unknown> {
  const options = {
    resources: { en: { translation: en }, cy: { translation: cy } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // React escapes what it renders; escaping here too would show &amp; in the page.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Some i18next releases print a promotional console notice unless this is false. The installed
    // version's types do not list it, so it is passed through a variable rather than a literal.
    showSupportNotice: false,
  };
  document.documentElement.lang = options.lng;
  return i18next.use(initReactI18next).init(options);
}
