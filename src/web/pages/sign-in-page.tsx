import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, queryKeys } from '../api.js';
import { FormAlert, fieldError, TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: api.signIn,
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
      navigate('/organise');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email, password });
  }

  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate className="form narrow">
        <FormAlert error={signIn.error} />
        <TextField
          id="sign-in-email"
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(signIn.error, 'email')}
          required
        />
        <TextField
          id="sign-in-password"
          label={t('fields.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(signIn.error, 'password')}
          required
        />
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link href="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
    </>
  );
}
