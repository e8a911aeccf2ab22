import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { type EventFormat, eventFormats } from '../../../contract/events.js';
import { FormAlert, fieldError, TextAreaField, TextField } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { browserTimeZone, knownTimeZones } from './event-format.js';
import { useEventTypeLabel } from './event-summary.js';
import { eventKeys, eventsApi } from './events-api.js';
import { SelectField } from './select-field.js';

interface Draft {
  type: string;
  title: string;
  description: string;
  format: EventFormat;
  venue: string;
  address: string;
  region: string;
  accessibilityNotes: string;
  meetingLink: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: string;
  reviewSlug: string;
}

/**
 * Proposing an event. Times are typed as the venue's clock shows them, with the zone beside; the
 * server turns them into UTC and refuses past or back-to-front times, naming the field.
 */
export function EventForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const typeLabel = useEventTypeLabel();
  const managed = useQuery({ queryKey: eventKeys.managed, queryFn: eventsApi.managed });
  const zones = useMemo(knownTimeZones, []);
  const [draft, setDraft] = useState<Draft>({
    type: '',
    title: '',
    description: '',
    format: 'in_person',
    venue: '',
    address: '',
    region: '',
    accessibilityNotes: '',
    meetingLink: '',
    startsAt: '',
    endsAt: '',
    timeZone: browserTimeZone(),
    capacity: '24',
    reviewSlug: '',
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const create = useMutation({
    mutationFn: () =>
      eventsApi.create({
        type: draft.type || managed.data?.types[0] || '',
        title: draft.title,
        description: draft.description,
        format: draft.format,
        venue: draft.venue || null,
        address: draft.address || null,
        region: draft.region || null,
        accessibilityNotes: draft.accessibilityNotes || null,
        meetingLink: draft.meetingLink || null,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        timeZone: draft.timeZone,
        capacity: Number(draft.capacity),
        reviewSlug: draft.reviewSlug || null,
      }),
    onSuccess: async (event) => {
      await queryClient.invalidateQueries({ queryKey: eventKeys.managed });
      navigate(`/organise/events/${event.id}`);
    },
  });

  if (managed.isPending) return <Loading />;
  if (managed.isError) return <LoadError error={managed.error} />;

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    create.mutate();
  }

  const error = create.error;
  return (
    <form onSubmit={submit} noValidate className="form">
      <FormAlert error={error} />
      <SelectField
        id="event-type"
        label={t('events.form.type')}
        value={draft.type || managed.data.types[0]}
        onChange={(changeEvent) => set('type', changeEvent.target.value)}
        error={fieldError(error, 'type')}
      >
        {managed.data.types.map((type) => (
          <option key={type} value={type}>
            {typeLabel(type)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="event-title"
        label={t('events.form.title')}
        value={draft.title}
        onChange={(changeEvent) => set('title', changeEvent.target.value)}
        error={fieldError(error, 'title')}
        required
      />
      <TextAreaField
        id="event-description"
        label={t('events.form.description')}
        rows={4}
        value={draft.description}
        onChange={(changeEvent) => set('description', changeEvent.target.value)}
        error={fieldError(error, 'description')}
      />
      {managed.data.reviews.length > 0 ? (
        <SelectField
          id="event-review"
          label={t('events.form.review')}
          hint={t('events.form.reviewHint')}
          value={draft.reviewSlug}
          onChange={(changeEvent) => set('reviewSlug', changeEvent.target.value)}
          error={fieldError(error, 'reviewSlug')}
        >
          <option value="">{t('events.form.standalone')}</option>
          {managed.data.reviews.map((review) => (
            <option key={review.slug} value={review.slug}>
              {review.title}
            </option>
          ))}
        </SelectField>
      ) : null}
      <fieldset className="radio-group">
        <legend>{t('events.form.format')}</legend>
        {eventFormats.map((format) => (
          <label key={format} className="radio-option">
            <input
              type="radio"
              name="event-format"
              checked={draft.format === format}
              onChange={() => set('format', format)}
            />
            <span>{t(`events.format.${format}`)}</span>
          </label>
        ))}
      </fieldset>
      {draft.format !== 'online' ? (
        <>
          <TextField
            id="event-venue"
            label={t('events.form.venue')}
            value={draft.venue}
            onChange={(changeEvent) => set('venue', changeEvent.target.value)}
            error={fieldError(error, 'venue')}
          />
          <TextField
            id="event-address"
            label={t('events.form.address')}
            autoComplete="street-address"
            value={draft.address}
            onChange={(changeEvent) => set('address', changeEvent.target.value)}
            error={fieldError(error, 'address')}
          />
          <TextAreaField
            id="event-access"
            label={t('events.form.access')}
            hint={t('events.form.accessHint')}
            rows={2}
            value={draft.accessibilityNotes}
            onChange={(changeEvent) => set('accessibilityNotes', changeEvent.target.value)}
            error={fieldError(error, 'accessibilityNotes')}
          />
        </>
      ) : null}
      {draft.format !== 'in_person' ? (
        <TextField
          id="event-meeting-link"
          type="url"
          label={t('events.form.meetingLink')}
          hint={t('events.form.meetingLinkHint')}
          value={draft.meetingLink}
          onChange={(changeEvent) => set('meetingLink', changeEvent.target.value)}
          error={fieldError(error, 'meetingLink')}
        />
      ) : null}
      <TextField
        id="event-region"
        label={t('events.form.region')}
        hint={t('events.form.regionHint')}
        value={draft.region}
        onChange={(changeEvent) => set('region', changeEvent.target.value)}
        error={fieldError(error, 'region')}
      />
      <TextField
        id="event-starts"
        type="datetime-local"
        label={t('events.form.startsAt')}
        value={draft.startsAt}
        onChange={(changeEvent) => set('startsAt', changeEvent.target.value)}
        error={fieldError(error, 'startsAt')}
        required
      />
      <TextField
        id="event-ends"
        type="datetime-local"
        label={t('events.form.endsAt')}
        value={draft.endsAt}
        onChange={(changeEvent) => set('endsAt', changeEvent.target.value)}
        error={fieldError(error, 'endsAt')}
        required
      />
      <SelectField
        id="event-time-zone"
        label={t('events.form.timeZone')}
        hint={t('events.form.timeZoneHint')}
        value={draft.timeZone}
        onChange={(changeEvent) => set('timeZone', changeEvent.target.value)}
        error={fieldError(error, 'timeZone')}
      >
        {(zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        id="event-capacity"
        type="number"
        inputMode="numeric"
        min={1}
        label={t('events.form.capacity')}
        hint={t('events.form.capacityHint')}
        value={draft.capacity}
        onChange={(changeEvent) => set('capacity', changeEvent.target.value)}
        error={fieldError(error, 'capacity')}
        required
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('events.form.submit')}
      </button>
    </form>
  );
}
