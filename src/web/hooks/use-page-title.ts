import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` ("Page – Common Ground") so each view is identifiable in tabs and to screen readers. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const site = t('site.name');
  useEffect(() => {
    document.title = title ? `${title} – ${site}` : site;
  }, [title, site]);
}
