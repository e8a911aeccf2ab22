import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { themeLimits } from '../../../contract/themes.js';
import { ApiError } from '../../api.js';
import { FormAlert, StatusMessage } from '../form-fields.js';
import { type ThemesView, type ThemeViewItem, themeApi, themeKeys } from './theme-api.js';
import { ThemeCell } from './theme-cell.js';

/** One theme: its name, size, words and typical answers, a drafted summary, and the editor's actions. */
export function ThemeCard(props: {
  slug: string;
  theme: ThemeViewItem;
  threshold: number;
  canEdit: boolean;
  summariesAvailable: boolean;
}) {
  const { t } = useTranslation();
  const { slug, theme } = props;
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(theme.customLabel ?? '');
  const onSuccess = (next: ThemesView) => queryClient.setQueryData(themeKeys.view(slug), next);
  const rename = useMutation({ mutationFn: () => themeApi.rename(slug, theme.id, name), onSuccess });
  const split = useMutation({ mutationFn: () => themeApi.split(slug, theme.id), onSuccess });
  const summary = useMutation({ mutationFn: () => themeApi.draftSummary(slug, theme.id), onSuccess });
  const nameError = rename.error instanceof ApiError ? rename.error.fieldErrors.label : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate();
  };
  return (
    <li className="panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{theme.label}</h3>
      <p className="hint voice-meta">
        {t('listening.themes.countLabel')} <ThemeCell cell={theme.count} threshold={props.threshold} /> ·{' '}
        {t('listening.themes.terms', { terms: theme.terms.join(', ') })}
      </p>
      {theme.examples.length > 0 ? (
        <>
          <p className="hint">{t('listening.themes.examples')}</p>
          {theme.examples.map((example) => (
            <blockquote key={`${example.sourceKind}-${example.sourceId}`}>{example.text}</blockquote>
          ))}
        </>
      ) : null}
      {theme.summary ? (
        <aside className="alert" aria-label={t('listening.themes.summaryLabel')}>
          <p>
            <strong>{t('listening.themes.summaryLabel')}</strong>{' '}
            {t('listening.themes.summaryModel', { model: theme.summary.model })}
          </p>
          <p>{theme.summary.text}</p>
        </aside>
      ) : null}
      {props.canEdit ? (
        <>
          <form onSubmit={submit} noValidate>
            <div className={nameError ? 'field field-invalid' : 'field'}>
              <label htmlFor={`${id}-name`}>{t('listening.themes.renameLabel')}</label>
              <p className="hint" id={`${id}-name-hint`}>
                {t('listening.themes.renameHint', { automatic: theme.automaticLabel })}
              </p>
              <input
                id={`${id}-name`}
                type="text"
                maxLength={themeLimits.labelMaxLength}
                value={name}
                onChange={(event) => setName(event.target.value)}
                aria-describedby={`${id}-name-hint ${id}-name-error`}
                aria-invalid={nameError ? true : undefined}
              />
              <p className="field-error" id={`${id}-name-error`}>
                {nameError}
              </p>
            </div>
            <div className="button-row">
              <button type="submit" className="button button-primary button-small" disabled={rename.isPending}>
                {t('listening.themes.renameSubmit')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => split.mutate()}
                disabled={split.isPending}
              >
                {t('listening.themes.split')}
              </button>
              {props.summariesAvailable ? (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => summary.mutate()}
                  disabled={summary.isPending}
                >
                  {summary.isPending ? t('listening.themes.summaryDrafting') : t('listening.themes.summaryDraft')}
                </button>
              ) : null}
            </div>
          </form>
          <FormAlert error={rename.error ?? split.error ?? summary.error} />
          <StatusMessage
            message={
              rename.isSuccess
                ? t('listening.themes.renamed')
                : split.isSuccess
                  ? t('listening.themes.splitQueued')
                  : undefined
            }
          />
        </>
      ) : null}
    </li>
  );
}
