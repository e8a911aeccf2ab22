import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, queryKeys } from '../api.js';
import { useSession } from '../hooks/use-session.js';
import { LanguageSwitch } from './language-switch.js';

export function SiteHeader() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const signOut = useMutation({
    mutationFn: api.signOut,
    onSettled: async () => {
      // The session cookie and CSRF token change; drop everything an organiser could see.
      queryClient.removeQueries({ queryKey: ['manage'] });
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
      navigate('/');
    },
  });
  const account = session.data?.account ?? null;

  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="site-header-inner">
        <Link href="/" className="site-name">
          {t('site.name')}
        </Link>
        <div className="site-header-tools">
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              <li>
                <Link href="/events">{t('events.nav')}</Link>
              </li>
              {account ? (
                <>
                  <li>
                    <Link href="/organise">{t('nav.organise')}</Link>
                  </li>
                  <li>
                    <button type="button" className="link-button" onClick={() => signOut.mutate()}>
                      {t('nav.signOut')}
                    </button>
                  </li>
                </>
              ) : (
                <li>
                  <Link href="/sign-in">{t('nav.signIn')}</Link>
                </li>
              )}
            </ul>
          </nav>
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
