import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { api, queryKeys } from '../../api.js';
import { FormAlert, StatusMessage, TextAreaField } from '../form-fields.js';
import { InvitationProblems, memberListProblems } from './invitation-problems.js';

/**
 * Upload or paste a member list. A file is read into the text box so the organiser sees what will be
 * sent; the server checks every line and imports all or nothing.
 */
export function InvitationImport({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const questions = useQuery({
    queryKey: queryKeys.identityQuestions(slug),
    queryFn: () => api.identityQuestions(slug),
  });
  const importList = useMutation({
    mutationFn: (csv: string) => api.importInvitations(slug, csv),
    onSuccess: (result) => {
      setText('');
      setFileName(undefined);
      queryClient.setQueryData(queryKeys.invitations(slug), { counts: result.counts, invitations: result.invitations });
    },
  });
  const problems = memberListProblems(importList.error);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    importList.reset();
    const content = await file.text();
    if (content.length > limits.memberListMaxCharacters) {
      setLocalError(t('invitations.import.tooLarge'));
      return;
    }
    setLocalError(undefined);
    setText(content);
    setFileName(file.name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setLocalError(t('invitations.import.empty'));
      return;
    }
    setLocalError(undefined);
    importList.mutate(text);
  }

  const result = importList.data;
  const textError =
    localError ?? (problems ? t('invitations.problems.summary', { number: problems.length }) : undefined);

  return (
    <section aria-labelledby="invitation-import-heading" className="section">
      <h2 id="invitation-import-heading">{t('invitations.import.title')}</h2>
      <p className="hint" id="invitation-import-hint">
        {t('invitations.import.hint')}
      </p>
      {questions.data && questions.data.length > 0 ? (
        <>
          <p className="hint">{t('invitations.import.questionsIntro')}</p>
          <ul className="hint invitation-question-list">
            {questions.data.map((question) => (
              <li key={question.id}>
                <code>{question.prompt}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={problems ? null : importList.error} />
        <div className="field">
          <label htmlFor="invitation-file">{t('invitations.import.file')}</label>
          <input
            id="invitation-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            aria-describedby="invitation-file-status"
            onChange={(event) => void chooseFile(event)}
          />
          <p id="invitation-file-status" className="hint" aria-live="polite">
            {fileName ? t('invitations.import.fileLoaded', { name: fileName }) : ''}
          </p>
        </div>
        <TextAreaField
          id="invitation-csv"
          label={t('invitations.import.paste')}
          hint={t('invitations.import.pasteHint')}
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
          {importList.isPending ? t('invitations.import.sending') : t('invitations.import.submit')}
        </button>
        <StatusMessage
          message={
            result
              ? t('invitations.import.done', {
                  imported: result.imported,
                  sent: result.sent,
                  failed: result.sendFailed,
                })
              : undefined
          }
        />
      </form>
      {problems ? <InvitationProblems key={importList.submittedAt} problems={problems} /> : null}
    </section>
  );
}
