import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, StatusMessage } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { type ThemesView, themeApi, themeKeys } from './theme-api.js';
import { ThemeBreakdowns } from './theme-breakdowns.js';
import { ThemeCard } from './theme-card.js';
import { ThemeCell } from './theme-cell.js';

/**
 * The organiser's themes: found offline on the server, re-run on demand or after enough new answers,
 * with rename, merge and split that survive re-runs. Runs happen off the request, so while one is
 * under way (or edits wait for it) the view is polled.
 */
export function ThemeSection({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const themes = useQuery({
    queryKey: themeKeys.view(slug),
    queryFn: () => themeApi.view(slug),
    refetchInterval: (query) => (query.state.data && isUpdating(query.state.data) ? 2000 : false),
  });
  const run = useMutation({
    mutationFn: () => themeApi.run(slug),
    onSuccess: (next) => queryClient.setQueryData(themeKeys.view(slug), next),
  });
  const view = themes.data;
  return (
    <section aria-labelledby="themes-heading" className="section">
      <h2 id="themes-heading">{t('listening.themes.title')}</h2>
      <p className="hint">{t('listening.themes.hint')}</p>
      {canEdit ? (
        <button type="button" className="button button-secondary" onClick={() => run.mutate()} disabled={run.isPending}>
          {view?.run ? t('listening.themes.rerun') : t('listening.themes.run')}
        </button>
      ) : null}
      <FormAlert error={run.error} />
      <StatusMessage message={view && isUpdating(view) ? t('listening.themes.updating') : undefined} />
      {themes.isPending ? <Loading /> : null}
      {themes.isError ? <LoadError error={themes.error} /> : null}
      {view ? (
        <>
          {view.newAnswers > 0 ? (
            <p className="hint">
              {t('listening.themes.newAnswers', { number: view.newAnswers, every: view.everyNAnswers })}
            </p>
          ) : null}
          {view.run === null ? <p>{t('listening.themes.none')}</p> : null}
          {view.run ? (
            <>
              <p>
                {t('listening.themes.lastRunAt', {
                  time: new Date(view.run.createdAt).toLocaleString(i18n.language === 'cy' ? 'cy-GB' : 'en-GB'),
                  number: view.run.answerCount,
                })}
              </p>
              {canEdit && view.run.themes.length >= 2 ? <MergeForm slug={slug} view={view} /> : null}
              <ul className="voice-list">
                {view.run.themes.map((theme) => (
                  <ThemeCard
                    key={`${theme.id}:${theme.customLabel ?? ''}`}
                    slug={slug}
                    theme={theme}
                    threshold={view.run?.threshold ?? 10}
                    canEdit={canEdit}
                    summariesAvailable={view.summariesAvailable}
                  />
                ))}
              </ul>
              <p className="hint">
                {t('listening.themes.unclassifiedLabel')}{' '}
                <ThemeCell cell={view.run.unclassified} threshold={view.run.threshold} />
              </p>
              <ThemeBreakdowns
                breakdowns={view.run.breakdowns}
                themes={view.run.themes}
                threshold={view.run.threshold}
              />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function isUpdating(view: ThemesView): boolean {
  return view.running || view.pendingEdits > 0;
}

function MergeForm({ slug, view }: { slug: string; view: ThemesView }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const options = view.run?.themes ?? [];
  const [first, setFirst] = useState(options[0]?.id ?? '');
  const [second, setSecond] = useState(options[1]?.id ?? '');
  const merge = useMutation({
    mutationFn: () => themeApi.merge(slug, [first, second]),
    onSuccess: (next) => queryClient.setQueryData(themeKeys.view(slug), next),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    merge.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <fieldset>
        <legend id={`${id}-legend`}>{t('listening.themes.mergeTitle')}</legend>
        <div className="field">
          <label htmlFor={`${id}-first`}>{t('listening.themes.mergeFirst')}</label>
          <select id={`${id}-first`} value={first} onChange={(event) => setFirst(event.target.value)}>
            {options.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-second`}>{t('listening.themes.mergeSecond')}</label>
          <select id={`${id}-second`} value={second} onChange={(event) => setSecond(event.target.value)}>
            {options.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary button-small" disabled={merge.isPending}>
          {t('listening.themes.mergeSubmit')}
        </button>
      </fieldset>
      <FormAlert error={merge.error} />
      <StatusMessage message={merge.isSuccess ? t('listening.themes.mergeQueued') : undefined} />
    </form>
  );
}
