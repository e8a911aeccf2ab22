import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { volunteerCapabilities } from '../../contract/event-outcomes.js';
import { eventKeys, eventsApi } from '../components/events/events-api.js';
import { outcomeApi } from '../components/events/outcome-api.js';
import { FieldErrorText, FormAlert, fieldError, TextAreaField, TextField } from '../components/form-fields.js';
import { PageHeading } from '../components/page-heading.js';
import { usePageTitle } from '../hooks/use-page-title.js';

type Capability = (typeof volunteerCapabilities)[number];

/** "Help us run events": anyone may offer; organisers see the offers and match them to events. */
export function VolunteerPage() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.form.title'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [capabilities, setCapabilities] = useState<Capability[]>([]);
  const [area, setArea] = useState('');
  const [availability, setAvailability] = useState('');
  const [consent, setConsent] = useState(false);
  // Regions events are already held in, offered as suggestions for the area.
  const events = useQuery({ queryKey: eventKeys.list({}), queryFn: () => eventsApi.list({}) });
  const regions = [...new Set((events.data?.events ?? []).map((event) => event.region).filter(Boolean))] as string[];
  const offer = useMutation({
    mutationFn: () =>
      outcomeApi.offerToVolunteer({ name, email, capabilities, area, availability, consent: consent as true }),
  });

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    offer.mutate();
  }

  if (offer.isSuccess) {
    return (
      <>
        <PageHeading>{t('volunteers.form.thanksTitle')}</PageHeading>
        <p role="status">{t('volunteers.form.thanks')}</p>
      </>
    );
  }
  const capabilityError = fieldError(offer.error, 'capabilities');
  const consentError = fieldError(offer.error, 'consent');
  return (
    <>
      <PageHeading>{t('volunteers.form.title')}</PageHeading>
      <p className="lead">{t('volunteers.form.intro')}</p>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={offer.error} />
        <TextField
          id="volunteer-name"
          label={t('volunteers.form.name')}
          autoComplete="name"
          value={name}
          onChange={(changeEvent) => setName(changeEvent.target.value)}
          error={fieldError(offer.error, 'name')}
          required
        />
        <TextField
          id="volunteer-email"
          type="email"
          label={t('volunteers.form.email')}
          autoComplete="email"
          value={email}
          onChange={(changeEvent) => setEmail(changeEvent.target.value)}
          error={fieldError(offer.error, 'email')}
          required
        />
        <fieldset
          className={capabilityError ? 'field field-invalid' : 'field'}
          aria-describedby={capabilityError ? 'volunteer-capabilities-error' : undefined}
        >
          <legend>{t('volunteers.form.capabilities')}</legend>
          {volunteerCapabilities.map((capability) => (
            <label key={capability} className="radio-option" htmlFor={`volunteer-capability-${capability}`}>
              <input
                type="checkbox"
                id={`volunteer-capability-${capability}`}
                checked={capabilities.includes(capability)}
                onChange={(changeEvent) =>
                  setCapabilities((current) =>
                    changeEvent.target.checked
                      ? [...current, capability]
                      : current.filter((item) => item !== capability),
                  )
                }
              />
              {t(`volunteers.capabilities.${capability}`)}
            </label>
          ))}
          <FieldErrorText id="volunteer-capabilities-error" message={capabilityError} />
        </fieldset>
        <TextField
          id="volunteer-area"
          label={t('volunteers.form.area')}
          hint={t('volunteers.form.areaHint')}
          list="volunteer-regions"
          value={area}
          onChange={(changeEvent) => setArea(changeEvent.target.value)}
          error={fieldError(offer.error, 'area')}
          required
        />
        <datalist id="volunteer-regions">
          {regions.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
        <TextAreaField
          id="volunteer-availability"
          label={t('volunteers.form.availability')}
          hint={t('volunteers.form.availabilityHint')}
          rows={3}
          value={availability}
          onChange={(changeEvent) => setAvailability(changeEvent.target.value)}
          error={fieldError(offer.error, 'availability')}
          required
        />
        <div className={consentError ? 'field checkbox-field field-invalid' : 'field checkbox-field'}>
          <label className="radio-option" htmlFor="volunteer-consent">
            <input
              type="checkbox"
              id="volunteer-consent"
              checked={consent}
              onChange={(changeEvent) => setConsent(changeEvent.target.checked)}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? 'volunteer-consent-error' : undefined}
            />
            {t('volunteers.form.consent')}
          </label>
          <FieldErrorText id="volunteer-consent-error" message={consentError} />
        </div>
        <button type="submit" className="button button-primary" disabled={offer.isPending}>
          {t('volunteers.form.submit')}
        </button>
      </form>
    </>
  );
}
