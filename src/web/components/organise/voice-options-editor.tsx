import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { listeningApi, listeningKeys } from '../../listening-api.js';
import { StatusMessage } from '../form-fields.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** The canvassers' past-vote and intention choices, one per line. Recorded voices keep their labels. */
export function VoiceOptionsEditor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const describe = useErrorMessage();
  const id = useId();
  const options = useQuery({
    queryKey: listeningKeys.voiceOptions(slug),
    queryFn: () => listeningApi.voiceOptions(slug),
  });
  const [pastVote, setPastVote] = useState('');
  const [intention, setIntention] = useState('');
  useEffect(() => {
    if (!options.data) return;
    setPastVote(options.data.pastVote.join('\n'));
    setIntention(options.data.intention.join('\n'));
  }, [options.data]);
  const save = useMutation({
    mutationFn: () => listeningApi.setVoiceOptions(slug, { pastVote: lines(pastVote), intention: lines(intention) }),
    onSuccess: (next) => {
      queryClient.setQueryData(listeningKeys.voiceOptions(slug), next);
      void queryClient.invalidateQueries({ queryKey: listeningKeys.voiceForm(slug) });
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <p className="hint">{t('listening.options.hint')}</p>
      <div className={fields.pastVote ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-past`}>{t('listening.voices.pastVote')}</label>
        <textarea
          id={`${id}-past`}
          rows={4}
          value={pastVote}
          onChange={(event) => setPastVote(event.target.value)}
          aria-describedby={`${id}-past-error`}
        />
        <p className="field-error" id={`${id}-past-error`}>
          {fields.pastVote}
        </p>
      </div>
      <div className={fields.intention ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-intention`}>{t('listening.voices.intention')}</label>
        <textarea
          id={`${id}-intention`}
          rows={4}
          value={intention}
          onChange={(event) => setIntention(event.target.value)}
          aria-describedby={`${id}-intention-error`}
        />
        <p className="field-error" id={`${id}-intention-error`}>
          {fields.intention}
        </p>
      </div>
      {save.error && !fields.pastVote && !fields.intention ? (
        <p className="alert alert-error">{describe(save.error)}</p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {t('listening.options.save')}
      </button>
      <StatusMessage message={save.isSuccess ? t('listening.options.saved') : undefined} />
    </form>
  );
}
