import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import {
  type InvitableRole,
  invitableRoles,
  permissionToAssign,
  type ReviewRole,
  reviewRoleList,
  roleAllows,
} from '../../core/review-rules.js';
import { api, type ManagedReview, queryKeys, type TeamMember } from '../api.js';
import { FieldErrorText, FormAlert, fieldError, StatusMessage, TextField } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

export function TeamPage({ slug }: { slug: string }) {
  return (
    <RequireAccount>
      <Team slug={slug} />
    </RequireAccount>
  );
}

function formatDay(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, { dateStyle: 'medium' });
}

function Team({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const review = useQuery({ queryKey: queryKeys.managedReview(slug), queryFn: () => api.managedReview(slug) });
  const team = useQuery({ queryKey: queryKeys.team(slug), queryFn: () => api.team(slug) });
  const [announcement, setAnnouncement] = useState<string>();
  usePageTitle(review.data ? t('team.pageTitle', { title: review.data.title }) : t('team.title'));

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/${encodeURIComponent(slug)}`}>{review.data?.title ?? t('manage.back')}</Link>
      </p>
      <PageHeading>{t('team.title')}</PageHeading>
      <p>{t('team.intro')}</p>
      <StatusMessage message={announcement} />
      {review.isPending || team.isPending ? <Loading /> : null}
      {review.isError ? <LoadError error={review.error} /> : null}
      {!review.isError && team.isError ? <LoadError error={team.error} /> : null}
      {review.data && team.data ? (
        <>
          <Members review={review.data} members={team.data.members} onDone={setAnnouncement} />
          <InviteForm review={review.data} onDone={setAnnouncement} />
          <PendingInvitations review={review.data} invitations={team.data.invitations} onDone={setAnnouncement} />
          <RoleHelp />
        </>
      ) : null}
    </>
  );
}

function Members({
  review,
  members,
  onDone,
}: {
  review: ManagedReview;
  members: TeamMember[];
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="members-heading" className="section">
      <h2 id="members-heading">{t('team.members', { count: members.length })}</h2>
      <div className="table-scroll">
        <table className="data-table team-table">
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.email')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('team.since')}</th>
              <th scope="col">{t('team.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.accountId}>
                <th scope="row">
                  {member.displayName} {member.isYou ? t('team.you') : null}
                </th>
                <td className="team-email">{member.email}</td>
                <td>{t(`roles.${member.role}`)}</td>
                <td>{formatDay(member.since, i18n.language)}</td>
                <td>
                  {roleAllows(review.role, permissionToAssign(member.role)) ? (
                    <MemberActions review={review} member={member} onDone={onDone} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {roleAllows(review.role, 'grantOrganiser') ? null : <p className="hint">{t('team.ownerOnly')}</p>}
    </section>
  );
}

function MemberActions({
  review,
  member,
  onDone,
}: {
  review: ManagedReview;
  member: TeamMember;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<ReviewRole>(member.role);
  const assignable = reviewRoleList.filter((candidate) => roleAllows(review.role, permissionToAssign(candidate)));
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.team(review.slug) });
  const change = useMutation({
    mutationFn: () => api.changeTeamRole(review.slug, member.accountId, role),
    onSuccess: (changed) => {
      onDone(t('team.roleChanged', { name: changed.displayName, role: t(`roles.${changed.role}`) }));
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.removeTeamMember(review.slug, member.accountId),
    onSuccess: () => {
      onDone(t('team.removed', { name: member.displayName }));
      void refresh();
    },
  });
  const id = `member-${member.accountId}-role`;
  const error = change.error ?? remove.error;

  return (
    <div className="member-actions">
      <label htmlFor={id} className="visually-hidden">
        {t('team.changeRole', { name: member.displayName })}
      </label>
      <select id={id} value={role} onChange={(event) => setRole(event.target.value as ReviewRole)}>
        {assignable.map((candidate) => (
          <option key={candidate} value={candidate}>
            {t(`roles.${candidate}`)}
          </option>
        ))}
      </select>
      <div className="button-row">
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={change.isPending || role === member.role}
          onClick={() => change.mutate()}
        >
          {t('team.saveRole')}
          <span className="visually-hidden">: {member.displayName}</span>
        </button>
        <button
          type="button"
          className="button button-small button-danger"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('team.removeConfirm', { name: member.displayName }))) remove.mutate();
          }}
        >
          {t('team.remove')}
          <span className="visually-hidden">: {member.displayName}</span>
        </button>
      </div>
      {error ? <FormAlert error={error} /> : null}
    </div>
  );
}

function InviteForm({ review, onDone }: { review: ManagedReview; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roles = invitableRoles.filter((role) => roleAllows(review.role, permissionToAssign(role)));
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>(roles.includes('moderator') ? 'moderator' : (roles[0] ?? 'analyst'));
  const invite = useMutation({
    mutationFn: () => api.inviteTeamMember(review.slug, { email, role }),
    onSuccess: (invitation) => {
      onDone(t('team.invited', { email: invitation.email }));
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.team(review.slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate();
  }

  return (
    <section aria-labelledby="team-invite-heading" className="section panel">
      <h2 id="team-invite-heading">{t('team.inviteTitle')}</h2>
      <p>{t('team.inviteIntro')}</p>
      <form onSubmit={submit} noValidate className="form narrow">
        <FormAlert error={invite.error} />
        <TextField
          id="team-invite-email"
          label={t('team.email')}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(invite.error, 'email')}
          required
        />
        <div className={fieldError(invite.error, 'role') ? 'field field-invalid' : 'field'}>
          <label htmlFor="team-invite-role">{t('team.role')}</label>
          <select
            id="team-invite-role"
            value={role}
            aria-describedby="team-invite-role-hint team-invite-role-error"
            onChange={(event) => setRole(event.target.value as InvitableRole)}
          >
            {roles.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`roles.${candidate}`)}
              </option>
            ))}
          </select>
          <p className="hint" id="team-invite-role-hint">
            {t(`team.roleHelp.${role}`)}
          </p>
          <FieldErrorText id="team-invite-role-error" message={fieldError(invite.error, 'role')} />
        </div>
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {t('team.inviteSubmit')}
        </button>
      </form>
    </section>
  );
}

function PendingInvitations({
  review,
  invitations,
  onDone,
}: {
  review: ManagedReview;
  invitations: Array<{ id: number; email: string; role: ReviewRole; expiresAt: string }>;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (invitation: { id: number; email: string }) => api.withdrawTeamInvitation(review.slug, invitation.id),
    onSuccess: (_, invitation) => {
      onDone(t('team.withdrawn', { email: invitation.email }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.team(review.slug) });
    },
  });
  return (
    <section aria-labelledby="team-pending-heading" className="section">
      <h2 id="team-pending-heading">{t('team.pendingTitle')}</h2>
      <p>{t('team.pending', { count: invitations.length })}</p>
      <FormAlert error={withdraw.error} />
      {invitations.length > 0 ? (
        <ul className="card-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="card">
              <p className="team-email">
                {invitation.email} · {t(`roles.${invitation.role}`)}
              </p>
              <p className="card-meta">{t('team.expires', { date: formatDay(invitation.expiresAt, i18n.language) })}</p>
              {roleAllows(review.role, permissionToAssign(invitation.role)) ? (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  disabled={withdraw.isPending}
                  onClick={() => withdraw.mutate(invitation)}
                >
                  {t('team.withdraw')}
                  <span className="visually-hidden">: {invitation.email}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RoleHelp() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="team-roles-heading" className="section">
      <h2 id="team-roles-heading">{t('team.rolesTitle')}</h2>
      <dl className="role-help">
        {reviewRoleList.map((role) => (
          <div key={role}>
            <dt>{t(`roles.${role}`)}</dt>
            <dd>{t(`team.roleHelp.${role}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
