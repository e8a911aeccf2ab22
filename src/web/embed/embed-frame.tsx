import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportHeight } from './use-report-height.js';
import './embed.css';

/**
 * The minimal chrome of an embedded page: no site header or footer, only the content and a link to
 * the full page in a new tab (the host site's page stays where it is).
 */
export function EmbedFrame({ fullPageHref, children }: { fullPageHref: string; children: ReactNode }) {
  const { t } = useTranslation();
  useReportHeight();
  return (
    <main id="main" className="embed">
      {children}
      <p className="embed-footer">
        <a href={fullPageHref} target="_blank" rel="noopener">
          {t('embed.openFullPage')}
        </a>{' '}
        · {t('site.name')}
      </p>
    </main>
  );
}
