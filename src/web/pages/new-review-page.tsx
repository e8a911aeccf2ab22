import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { limits } from '../../contract/limits.js';
import { api, queryKeys } from '../api.js';
import { FormAlert, fieldError, TextField } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { type ReviewSettings, ReviewSettingsFields } from '../components/organise/review-settings-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';
import { slugify } from './slugify.js';

export function NewReviewPage() {
  const { t } = useTranslation();
  usePageTitle(t('newReview.title'));
  return (
    <RequireAccount>
      <NewReviewForm />
    </RequireAccount>
  );
}

function NewReviewForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<ReviewSettings>({
    title: '',
    introduction: '',
    visibility: 'public',
    moderationMode: 'permissive',
    participantsCanAddStatements: true,
    votesOnErasure: 'remove',
    retentionDays: null,
    privacyContact: null,
  });
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useMutation({
    mutationFn: api.createReview,
    onSuccess: async (review) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.managedReviews });
      navigate(`/organise/${review.slug}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...settings, slug: slugEdited ? slug : slugify(settings.title), status: 'draft' });
  }

  return (
    <>
      <PageHeading>{t('newReview.title')}</PageHeading>
      <p>{t('newReview.intro')}</p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={create.error} />
        <ReviewSettingsFields
          idPrefix="new-review"
          value={settings}
          onChange={(next) => {
            setSettings(next);
            if (!slugEdited) setSlug(slugify(next.title));
          }}
          error={create.error}
          afterTitle={
            <TextField
              id="new-review-slug"
              label={t('fields.slug')}
              hint={t('fields.slugHint')}
              maxLength={limits.slugMaxLength}
              value={slug}
              onChange={(event) => {
                setSlugEdited(true);
                setSlug(event.target.value);
              }}
              error={fieldError(create.error, 'slug')}
              required
            />
          }
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('newReview.submit')}
        </button>
      </form>
    </>
  );
}
