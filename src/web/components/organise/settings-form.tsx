import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ManagedReview, queryKeys } from '../../api.js';
import { FormAlert, StatusMessage } from '../form-fields.js';
import { type ReviewSettings, ReviewSettingsFields } from './review-settings-fields.js';

export function SettingsForm({ review }: { review: ManagedReview }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<ReviewSettings>({
    title: review.title,
    introduction: review.introduction,
    visibility: review.visibility,
    moderationMode: review.moderationMode,
    participantsCanAddStatements: review.participantsCanAddStatements,
    votesOnErasure: review.votesOnErasure,
    retentionDays: review.retentionDays,
    privacyContact: review.privacyContact,
  });
  const save = useMutation({
    mutationFn: (body: ReviewSettings) => api.updateReview(review.slug, body),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.managedReview(review.slug), next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedReviews });
      void queryClient.invalidateQueries({ queryKey: queryKeys.participation(review.slug) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(settings);
  }

  return (
    <section aria-labelledby="settings-heading" className="section">
      <h2 id="settings-heading">{t('manage.settingsTitle')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={save.error} />
        <ReviewSettingsFields idPrefix="settings" value={settings} onChange={setSettings} error={save.error} />
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('manage.saveSettings')}
        </button>
        <StatusMessage message={save.isSuccess ? t('manage.saved') : undefined} />
      </form>
    </section>
  );
}
