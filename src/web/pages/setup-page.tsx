import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'wouter';
import { limits } from '../../contract/limits.js';
import { api, queryKeys } from '../api.js';
import { FormAlert, fieldError, TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** First start: the one-time link printed by the server creates the owner account. */
export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['setup-status'], queryFn: api.setupStatus });
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setup = useMutation({
    mutationFn: api.setup,
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
      queryClient.setQueryData(['setup-status'], { needed: false });
      navigate('/organise');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setup.mutate({ token, email, password, displayName });
  }

  let body: ReactNode;
  if (status.isPending) body = <Loading />;
  else if (status.isError) body = <LoadError error={status.error} />;
  else if (!status.data.needed)
    body = (
      <p>
        {t('setup.done')} <Link href="/sign-in">{t('nav.signIn')}</Link>
      </p>
    );
  else if (!token) body = <p className="alert alert-error">{t('setup.noToken')}</p>;
  else
    body = (
      <>
        <p>{t('setup.intro')}</p>
        <form onSubmit={submit} noValidate className="form narrow">
          <FormAlert error={setup.error} />
          <TextField
            id="setup-name"
            label={t('fields.displayName')}
            hint={t('setup.nameHint')}
            autoComplete="name"
            maxLength={limits.displayNameMaxLength}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={fieldError(setup.error, 'displayName')}
            required
          />
          <TextField
            id="setup-email"
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError(setup.error, 'email')}
            required
          />
          <TextField
            id="setup-password"
            label={t('fields.password')}
            hint={t('setup.passwordHint', { min: limits.passwordMinLength })}
            type="password"
            autoComplete="new-password"
            minLength={limits.passwordMinLength}
            maxLength={limits.passwordMaxLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(setup.error, 'password') ?? fieldError(setup.error, 'token')}
            required
          />
          <button type="submit" className="button button-primary" disabled={setup.isPending}>
            {t('setup.submit')}
          </button>
        </form>
      </>
    );

  return (
    <>
      <PageHeading>{t('setup.title')}</PageHeading>
      {body}
    </>
  );
}
