import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listeningLimits } from '../../../contract/listening-limits.js';
import type { PlaceOption } from '../../api.js';
import type { RecordVoiceBody, VoiceForm as VoiceFormData } from '../../listening-api.js';
import { StatusMessage } from '../form-fields.js';
import { SeatPicker } from '../participant/seat-picker.js';
import './voice-form.css';

const max = listeningLimits.voiceTextMaxLength;

type Field = 'placeId' | 'text' | 'consent';

/**
 * The doorstep form, built for a phone held in one hand: seat (kept between voices, since a
 * canvasser works one seat at a time), past vote, intention, what was said, consent, one big
 * button. It never asks who the voter is. Checks run here first so a bad entry is never queued.
 */
export function VoiceForm({ form, onRecord }: { form: VoiceFormData; onRecord: (body: RecordVoiceBody) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const places = useMemo<PlaceOption[]>(
    () =>
      form.places.map((place) => ({
        optionId: place.id,
        code: place.code,
        name: place.name,
        nameCy: place.nameCy,
        region: place.region,
      })),
    [form.places],
  );
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [pastVote, setPastVote] = useState<string | null>(null);
  const [intention, setIntention] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [recorded, setRecorded] = useState<string | undefined>(undefined);
  const [recordedCount, setRecordedCount] = useState(0);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (placeId === null) found.placeId = t('listening.voices.seatMissing');
    if (text.trim() === '') found.text = t('listening.voices.textMissing');
    else if (text.trim().length > max) found.text = t('listening.voices.textTooLong', { max });
    if (!consent) found.consent = t('listening.voices.consentMissing');
    setErrors(found);
    if (placeId === null || Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    onRecord({ placeId, pastVote, intention, text: text.trim(), consent: true });
    setPastVote(null);
    setIntention(null);
    setText('');
    setConsent(false);
    const count = recordedCount + 1;
    setRecordedCount(count);
    setRecorded(t('listening.voices.recorded', { count }));
  }

  return (
    <form className="form voice-form" onSubmit={submit} noValidate>
      <div className={errors.placeId ? 'field field-invalid' : 'field'}>
        <SeatPicker
          id={`${id}-placeId`}
          label={t('listening.voices.seat')}
          places={places}
          value={placeId}
          onChange={(value) => {
            setPlaceId(value);
            setRecorded(undefined);
          }}
          describedBy={`${id}-placeId-error`}
          invalid={errors.placeId !== undefined}
        />
        <p className="field-error" id={`${id}-placeId-error`}>
          {errors.placeId}
        </p>
      </div>
      <OptionChoice
        name={`${id}-past-vote`}
        legend={t('listening.voices.pastVote')}
        options={form.options.pastVote}
        value={pastVote}
        onChange={setPastVote}
      />
      <OptionChoice
        name={`${id}-intention`}
        legend={t('listening.voices.intention')}
        options={form.options.intention}
        value={intention}
        onChange={setIntention}
      />
      <div className={errors.text ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-text`}>{t('listening.voices.text')}</label>
        <p className="hint" id={`${id}-text-hint`}>
          {t('listening.voices.textHint')}
        </p>
        <textarea
          id={`${id}-text`}
          rows={5}
          maxLength={max}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setRecorded(undefined);
          }}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={`${id}-text-hint ${id}-text-error`}
        />
        <p className="field-error" id={`${id}-text-error`}>
          {errors.text}
        </p>
      </div>
      <div className={errors.consent ? 'field checkbox-field field-invalid' : 'field checkbox-field'}>
        <label className="radio-option voice-consent">
          <input
            id={`${id}-consent`}
            type="checkbox"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={`${id}-consent-error`}
          />
          {t('listening.voices.consent')}
        </label>
        <p className="field-error" id={`${id}-consent-error`}>
          {errors.consent}
        </p>
      </div>
      <button type="submit" className="button button-primary button-large voice-submit">
        {t('listening.voices.submit')}
      </button>
      <StatusMessage message={recorded} />
    </form>
  );
}

function OptionChoice({
  name,
  legend,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  if (options.length === 0) return null;
  return (
    <fieldset className="radio-group voice-options">
      <legend>{legend}</legend>
      {[...options, null].map((option) => (
        <label key={option ?? ''} className="radio-option">
          <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} />
          {option ?? t('listening.voices.notSaid')}
        </label>
      ))}
    </fieldset>
  );
}
