import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeListMaxCharacters } from '../../../contract/places.js';
import { placeName } from '../../../core/places.js';
import { api, type PlaceList, queryKeys } from '../../api.js';
import { FormAlert, StatusMessage, TextAreaField } from '../form-fields.js';
import { LoadError } from '../query-state.js';
import { PlaceProblems, placeListProblems } from './place-problems.js';

/** Places listed in the preview table; the whole list is in the seat picker. */
const previewRows = 50;

/**
 * The review's place list: load the ready-made UK constituencies with one click, or import a CSV
 * (a file read into the text box, or pasted). The server checks every line and imports all or
 * nothing; bad lines come back as a table.
 */
export function PlaceListEditor({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const [loadedCount, setLoadedCount] = useState<number | undefined>(undefined);
  const list = useQuery({ queryKey: queryKeys.placeList(slug), queryFn: () => api.placeList(slug) });
  const presets = useQuery({ queryKey: queryKeys.placePresets, queryFn: api.placePresets, staleTime: Infinity });

  const saved = (next: PlaceList) => {
    queryClient.setQueryData(queryKeys.placeList(slug), next);
    // Place questions take their answers from the list, so their options changed with it.
    void queryClient.invalidateQueries({ queryKey: queryKeys.identityQuestions(slug) });
    setLoadedCount(next.count);
  };
  const importList = useMutation({
    mutationFn: (csv: string) => api.importPlaces(slug, csv),
    onMutate: () => setLoadedCount(undefined),
    onSuccess: (next) => {
      setText('');
      setFileName(undefined);
      saved(next);
    },
  });
  const loadPreset = useMutation({
    mutationFn: () => api.loadPlacePreset(slug, 'uk-westminster-2024'),
    onMutate: () => {
      setLoadedCount(undefined);
      importList.reset();
    },
    onSuccess: saved,
  });
  const problems = placeListProblems(importList.error);
  const ukPreset = presets.data?.find((preset) => preset.id === 'uk-westminster-2024');

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    importList.reset();
    const content = await file.text();
    if (content.length > placeListMaxCharacters) {
      setLocalError(t('places.tooLarge'));
      return;
    }
    setLocalError(undefined);
    setText(content);
    setFileName(file.name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    loadPreset.reset();
    if (text.trim() === '') {
      setLocalError(t('places.empty'));
      return;
    }
    setLocalError(undefined);
    importList.mutate(text);
  }

  const data = list.data;
  const locked = data?.locked ?? false;
  const textError = localError ?? (problems ? t('places.problems.summary', { count: problems.length }) : undefined);

  return (
    <section aria-labelledby="places-heading" className="section">
      <h2 id="places-heading">{t('places.title')}</h2>
      <p>{t('places.intro')}</p>
      {list.isError ? <LoadError error={list.error} /> : null}
      {data ? <PlaceListSummary list={data} language={i18n.language} /> : null}
      {locked ? <p className="alert alert-info">{t('places.locked')}</p> : null}
      {locked ? null : (
        <>
          <h3>{t('places.presetTitle')}</h3>
          <FormAlert error={loadPreset.error} />
          <p>
            <button
              type="button"
              className="button button-secondary"
              disabled={loadPreset.isPending}
              onClick={() => loadPreset.mutate()}
              aria-describedby="places-preset-credit"
            >
              {t('places.loadUk', { number: ukPreset?.count ?? 650 })}
            </button>
          </p>
          <p className="hint" id="places-preset-credit">
            {t('places.ukCredit')}
          </p>
          <h3>{t('places.importTitle')}</h3>
          <form onSubmit={submit} noValidate className="form">
            <FormAlert error={problems ? null : importList.error} />
            {data && data.count > 0 ? <p className="hint">{t('places.replaceWarning')}</p> : null}
            <div className="field">
              <label htmlFor="places-file">{t('places.file')}</label>
              <input
                id="places-file"
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-describedby="places-file-status"
                onChange={(event) => void chooseFile(event)}
              />
              <p id="places-file-status" className="hint" aria-live="polite">
                {fileName ? t('places.fileLoaded', { name: fileName }) : ''}
              </p>
            </div>
            <TextAreaField
              id="places-csv"
              label={t('places.paste')}
              hint={t('places.pasteHint')}
              rows={8}
              spellCheck={false}
              autoComplete="off"
              className="invitation-csv"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
                setFileName(undefined);
              }}
              error={textError}
            />
            <button type="submit" className="button button-primary" disabled={importList.isPending}>
              {importList.isPending ? t('places.importing') : t('places.submit')}
            </button>
          </form>
        </>
      )}
      <StatusMessage message={loadedCount === undefined ? undefined : t('places.loaded', { count: loadedCount })} />
      {problems ? <PlaceProblems key={importList.submittedAt} problems={problems} /> : null}
    </section>
  );
}

function PlaceListSummary({ list, language }: { list: PlaceList; language: string }) {
  const { t } = useTranslation();
  if (list.count === 0) return <p className="hint">{t('places.none')}</p>;
  return (
    <>
      <dl className="place-summary">
        <div>
          <dt>{t('places.summaryPlaces')}</dt>
          <dd>{list.count}</dd>
        </div>
        <div>
          <dt>{t('places.summaryRegions')}</dt>
          <dd>{list.regions.length}</dd>
        </div>
        <div>
          <dt>{t('places.summaryColumns')}</dt>
          <dd>{list.attributeColumns.length > 0 ? list.attributeColumns.join(', ') : t('places.noColumns')}</dd>
        </div>
      </dl>
      <details className="about">
        <summary>{t('places.preview', { number: Math.min(previewRows, list.count) })}</summary>
        <div className="table-scroll">
          <table className="invitation-table">
            <caption className="visually-hidden">{t('places.previewCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('places.code')}</th>
                <th scope="col">{t('places.name')}</th>
                <th scope="col">{t('places.region')}</th>
              </tr>
            </thead>
            <tbody>
              {list.places.slice(0, previewRows).map((place) => (
                <tr key={place.id}>
                  <td>{place.code}</td>
                  <td>{placeName(place, language)}</td>
                  <td>{place.region}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
