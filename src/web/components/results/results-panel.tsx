import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ExportFile } from '../../../contract/results.js';
import { api, type ManagedReview, queryKeys } from '../../api.js';
import { EmbedSnippets } from '../../embed/embed-snippet.js';
import { FormAlert, StatusMessage } from '../form-fields.js';

const visibilities = ['team', 'public'] as const;
// Listed here rather than imported from the contract, which would bring zod into the browser bundle.
const exportFiles: readonly ExportFile[] = [
  'statements.csv',
  'statements.json',
  'votes.csv',
  'votes.json',
  'groups.csv',
  'groups.json',
  'report.csv',
  'report.json',
];

/**
 * The organiser console's results panel: the link to the live results page, who may see it (saved as
 * soon as it is chosen) and the team's downloads.
 */
export function ResultsPanel({ review, canEdit }: { review: ManagedReview; canEdit: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (resultsVisibility: ManagedReview['resultsVisibility']) =>
      api.updateReview(review.slug, { resultsVisibility }),
    onSuccess: (next) => queryClient.setQueryData(queryKeys.managedReview(review.slug), next),
  });
  const base = `/api/reviews/${encodeURIComponent(review.slug)}/export`;
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('results.panelTitle')}</h2>
      <p>
        <Link href={`/r/${encodeURIComponent(review.slug)}/results`}>{t('results.consoleLink')}</Link>
      </p>
      {canEdit ? (
        <fieldset className="radio-group">
          <legend>{t('results.visibility.label')}</legend>
          {visibilities.map((visibility) => (
            <label key={visibility} className="radio-option">
              <input
                type="radio"
                name={`${headingId}-visibility`}
                value={visibility}
                checked={review.resultsVisibility === visibility}
                disabled={save.isPending}
                onChange={() => save.mutate(visibility)}
              />
              {t(`results.visibility.${visibility}`)}
            </label>
          ))}
          <p className="hint">{t('results.visibility.hint')}</p>
        </fieldset>
      ) : null}
      <FormAlert error={save.error} />
      <StatusMessage message={save.isSuccess ? t('results.saved') : undefined} />
      <h3>{t('results.exportsTitle')}</h3>
      <p className="hint">{t('results.exportsHint')}</p>
      <ul className="export-links">
        {exportFiles.map((file) => (
          <li key={file}>
            <a href={`${base}/${file}`} download>
              {file}
            </a>
          </li>
        ))}
      </ul>
      <EmbedSnippets slug={review.slug} title={review.title} resultsPublic={review.resultsVisibility === 'public'} />
    </section>
  );
}
