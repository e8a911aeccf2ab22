import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import type { Review } from '../../api.js';
import { FieldErrorText, fieldError, TextAreaField, TextField } from '../form-fields.js';
import { Markdown } from '../markdown.js';

/** The editable settings shared by "create" and "edit". */
export interface ReviewSettings {
  title: string;
  introduction: string;
  visibility: Review['visibility'];
  moderationMode: Review['moderationMode'];
  participantsCanAddStatements: boolean;
  votesOnErasure: Review['votesOnErasure'];
  retentionDays: number | null;
  privacyContact: string | null;
}

interface Props {
  idPrefix: string;
  value: ReviewSettings;
  onChange: (next: ReviewSettings) => void;
  error: unknown;
  /** Rendered right after the title (the new-review form puts the slug there, as it follows the title). */
  afterTitle?: ReactNode;
}

export function ReviewSettingsFields({ idPrefix, value, onChange, error, afterTitle }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof ReviewSettings>(key: K, next: ReviewSettings[K]) => onChange({ ...value, [key]: next });
  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        label={t('fields.title')}
        maxLength={limits.reviewTitleMaxLength}
        value={value.title}
        onChange={(event) => set('title', event.target.value)}
        error={fieldError(error, 'title')}
        required
      />
      {afterTitle}
      <TextAreaField
        id={`${idPrefix}-introduction`}
        label={t('fields.introduction')}
        hint={t('fields.introductionHint')}
        rows={8}
        maxLength={limits.reviewIntroductionMaxLength}
        value={value.introduction}
        onChange={(event) => set('introduction', event.target.value)}
        error={fieldError(error, 'introduction')}
      />
      <details className="about introduction-preview">
        <summary>{t('fields.introductionPreview')}</summary>
        {value.introduction.trim() ? (
          <Markdown source={value.introduction} />
        ) : (
          <p className="hint">{t('fields.introductionPreviewEmpty')}</p>
        )}
      </details>
      <fieldset className="radio-group">
        <legend>{t('fields.visibility')}</legend>
        {(['public', 'invite'] as const).map((option) => (
          <label key={option} className="radio-option">
            <input
              type="radio"
              name={`${idPrefix}-visibility`}
              checked={value.visibility === option}
              onChange={() => set('visibility', option)}
            />
            <span>{t(`visibility.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="radio-group">
        <legend>{t('fields.moderation')}</legend>
        {(['permissive', 'strict'] as const).map((option) => (
          <label key={option} className="radio-option">
            <input
              type="radio"
              name={`${idPrefix}-moderation`}
              checked={value.moderationMode === option}
              onChange={() => set('moderationMode', option)}
            />
            <span>{t(`moderation.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field checkbox-field">
        <label className="radio-option">
          <input
            type="checkbox"
            checked={value.participantsCanAddStatements}
            onChange={(event) => set('participantsCanAddStatements', event.target.checked)}
          />
          <span>{t('fields.participantsCanAdd')}</span>
        </label>
      </div>
      <fieldset className="radio-group">
        <legend>{t('privacy.votesOnErasure')}</legend>
        {(['remove', 'anonymise'] as const).map((option) => (
          <label key={option} className="radio-option">
            <input
              type="radio"
              name={`${idPrefix}-votes-on-erasure`}
              checked={value.votesOnErasure === option}
              onChange={() => set('votesOnErasure', option)}
            />
            <span>{t(option === 'remove' ? 'privacy.votesOnErasureRemove' : 'privacy.votesOnErasureAnonymise')}</span>
          </label>
        ))}
        <FieldErrorText id={`${idPrefix}-votes-on-erasure-error`} message={fieldError(error, 'votesOnErasure')} />
      </fieldset>
      <TextField
        id={`${idPrefix}-retention-days`}
        label={t('privacy.retentionDays')}
        hint={t('privacy.retentionDaysHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={limits.retentionDaysMax}
        step={1}
        value={value.retentionDays ?? ''}
        onChange={(event) => set('retentionDays', event.target.value === '' ? null : Number(event.target.value))}
        error={fieldError(error, 'retentionDays')}
      />
      <TextField
        id={`${idPrefix}-privacy-contact`}
        label={t('privacy.privacyContact')}
        hint={t('privacy.privacyContactHint')}
        maxLength={limits.privacyContactMaxLength}
        value={value.privacyContact ?? ''}
        onChange={(event) => set('privacyContact', event.target.value.trim() === '' ? null : event.target.value)}
        error={fieldError(error, 'privacyContact')}
      />
    </>
  );
}
