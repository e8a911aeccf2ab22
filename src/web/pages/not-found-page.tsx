import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
