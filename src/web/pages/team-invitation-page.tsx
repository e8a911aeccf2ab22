import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { limits } from '../../contract/limits.js';
import { api, queryKeys, type TeamInvitationPreview } from '../api.js';
import { FormAlert, fieldError, TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { useSession } from '../hooks/use-session.js';

/**
 * Where a team invitation's emailed link lands: what it offers, then one step to accept it: accept
 * (already signed in as the invited address), sign in (the address has an account) or create the
 * account (it has none). Each ends in the review's console.
 */
export function TeamInvitationPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('teamInvitation.title'));
  const session = useSession();
  const preview = useQuery({
    queryKey: ['team-invitation', token],
    queryFn: () => api.teamInvitation(token),
    retry: false,
  });

  let body: ReactNode = <Loading />;
  if (preview.isError) body = <LoadError error={preview.error} />;
  else if (session.isError) body = <LoadError error={session.error} />;
  else if (preview.data && session.data) {
    const invitation = preview.data;
    const account = session.data.account;
    let step: ReactNode;
    if (account && account.email === invitation.email) step = <AcceptStep token={token} />;
    else if (account) {
      step = (
        <p className="alert alert-info">
          {t('teamInvitation.wrongAccount', { email: account.email, invited: invitation.email })}
        </p>
      );
    } else if (invitation.accountExists) step = <SignInStep token={token} invitation={invitation} />;
    else step = <CreateAccountStep token={token} />;
    body = (
      <>
        <p className="lead">{t('teamInvitation.offer', { title: invitation.reviewTitle })}</p>
        <p>
          <strong>{t('teamInvitation.role', { role: t(`roles.${invitation.role}`) })}</strong>
        </p>
        <p>
          {t('teamInvitation.forEmail', { email: invitation.email })}{' '}
          {t('teamInvitation.expires', {
            date: new Date(invitation.expiresAt).toLocaleDateString(i18n.language, { dateStyle: 'long' }),
          })}
        </p>
        {step}
      </>
    );
  }

  return (
    <>
      <PageHeading>{t('teamInvitation.title')}</PageHeading>
      {body}
    </>
  );
}

/** After accepting: fresh session data (a new account, or a new role) and on to the review's console. */
function useAccepted() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return async (slug: string) => {
    queryClient.removeQueries({ queryKey: ['manage'] });
    await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    navigate(`/organise/${encodeURIComponent(slug)}`);
  };
}

function AcceptStep({ token }: { token: string }) {
  const { t } = useTranslation();
  const accepted = useAccepted();
  const accept = useMutation({
    mutationFn: () => api.acceptTeamInvitation(token),
    onSuccess: ({ slug }) => accepted(slug),
  });
  return (
    <>
      <FormAlert error={accept.error} />
      <button
        type="button"
        className="button button-primary"
        disabled={accept.isPending}
        onClick={() => accept.mutate()}
      >
        {t('teamInvitation.accept')}
      </button>
    </>
  );
}

function SignInStep({ token, invitation }: { token: string; invitation: TeamInvitationPreview }) {
  const { t } = useTranslation();
  const accepted = useAccepted();
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () => {
      await api.signIn({ email: invitation.email, password });
      return api.acceptTeamInvitation(token);
    },
    onSuccess: ({ slug }) => accepted(slug),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate();
  }

  return (
    <form onSubmit={submit} noValidate className="form narrow">
      <p>{t('teamInvitation.signInIntro')}</p>
      <FormAlert error={signIn.error} />
      <TextField
        id="team-invitation-email"
        label={t('fields.email')}
        type="email"
        autoComplete="email"
        value={invitation.email}
        readOnly
      />
      <TextField
        id="team-invitation-password"
        label={t('fields.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldError(signIn.error, 'password')}
        required
      />
      <button type="submit" className="button button-primary" disabled={signIn.isPending}>
        {t('teamInvitation.signInSubmit')}
      </button>
    </form>
  );
}

function CreateAccountStep({ token }: { token: string }) {
  const { t } = useTranslation();
  const accepted = useAccepted();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => api.signUpThroughTeamInvitation(token, { displayName, password }),
    onSuccess: ({ slug }) => accepted(slug),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <form onSubmit={submit} noValidate className="form narrow">
      <p>{t('teamInvitation.createIntro')}</p>
      <FormAlert error={create.error} />
      <TextField
        id="team-invitation-name"
        label={t('fields.displayName')}
        hint={t('setup.nameHint')}
        autoComplete="name"
        maxLength={limits.displayNameMaxLength}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={fieldError(create.error, 'displayName')}
        required
      />
      <TextField
        id="team-invitation-new-password"
        label={t('fields.password')}
        hint={t('setup.passwordHint', { min: limits.passwordMinLength })}
        type="password"
        autoComplete="new-password"
        minLength={limits.passwordMinLength}
        maxLength={limits.passwordMaxLength}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldError(create.error, 'password')}
        required
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('teamInvitation.createSubmit')}
      </button>
    </form>
  );
}
