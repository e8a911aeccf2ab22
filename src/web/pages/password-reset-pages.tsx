import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { limits } from '../../contract/limits.js';
import { request } from '../api.js';
import { FormAlert, fieldError, TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/** "Forgot password?": always ends on the same message, whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('passwordReset.requestTitle'));
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: (body: { email: string }) => request<void>('POST', '/api/password-resets', body),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    ask.mutate({ email });
  }

  return (
    <>
      <PageHeading>{t('passwordReset.requestTitle')}</PageHeading>
      {ask.isSuccess ? (
        <p className="alert alert-success" role="status">
          {t('passwordReset.requestSent')}
        </p>
      ) : (
        <>
          <p>{t('passwordReset.requestIntro')}</p>
          <form onSubmit={submit} noValidate className="form narrow">
            <FormAlert error={ask.error} />
            <TextField
              id="reset-email"
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={fieldError(ask.error, 'email')}
              required
            />
            <button type="submit" className="button button-primary" disabled={ask.isPending}>
              {t('passwordReset.requestSubmit')}
            </button>
          </form>
        </>
      )}
    </>
  );
}

/**
 * The page the emailed link opens. The token travels in the fragment (#token=…), which browsers
 * never send to the server, so it stays out of access logs and Referer headers.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('passwordReset.title'));
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      request<void>('POST', '/api/password-resets/complete', body),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate({ token, password });
  }

  let body: ReactNode;
  if (!token) {
    body = (
      <p className="alert alert-error">
        {t('passwordReset.noToken')} <Link href="/forgot-password">{t('passwordReset.askAgain')}</Link>
      </p>
    );
  } else if (reset.isSuccess) {
    body = (
      <p className="alert alert-success" role="status">
        {t('passwordReset.done')} <Link href="/sign-in">{t('nav.signIn')}</Link>
      </p>
    );
  } else {
    body = (
      <>
        <p>{t('passwordReset.intro')}</p>
        <form onSubmit={submit} noValidate className="form narrow">
          <FormAlert error={reset.error} />
          <TextField
            id="reset-password"
            label={t('passwordReset.newPassword')}
            hint={t('setup.passwordHint', { min: limits.passwordMinLength })}
            type="password"
            autoComplete="new-password"
            minLength={limits.passwordMinLength}
            maxLength={limits.passwordMaxLength}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(reset.error, 'password') ?? fieldError(reset.error, 'token')}
            required
          />
          <button type="submit" className="button button-primary" disabled={reset.isPending}>
            {t('passwordReset.submit')}
          </button>
        </form>
        {reset.error ? (
          <p>
            <Link href="/forgot-password">{t('passwordReset.askAgain')}</Link>
          </p>
        ) : null}
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('passwordReset.title')}</PageHeading>
      {body}
    </>
  );
}
