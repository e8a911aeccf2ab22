import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TablePerson, TablePlanView } from '../../../contract/events.js';
import { ApiError } from '../../api.js';
import { FormAlert, fieldError, StatusMessage, TextField } from '../form-fields.js';
import { LoadError, Loading } from '../query-state.js';
import { eventKeys, eventsApi } from './events-api.js';
import { SelectField } from './select-field.js';

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * The table plan: the host picks a table size and a seed, the server seats everyone with a place so
 * each table mixes traditions, opinion groups and regions; the mixing measure sits beside each
 * table and updates when the host swaps two people.
 */
export function TablePlan({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const plan = useQuery({
    queryKey: eventKeys.tablePlan(eventId),
    queryFn: () => eventsApi.tablePlan(eventId),
    retry: false,
  });
  const [tableSize, setTableSize] = useState('6');
  const [seed, setSeed] = useState('1');
  const [basis, setBasis] = useState<'confirmed' | 'checked_in'>('confirmed');
  const [message, setMessage] = useState<string | undefined>();
  const onPlan = (view: TablePlanView, text: string) => {
    queryClient.setQueryData(eventKeys.tablePlan(eventId), view);
    setMessage(text);
  };
  const make = useMutation({
    mutationFn: () => eventsApi.planTables(eventId, { tableSize: Number(tableSize), seed: Number(seed), basis }),
    onSuccess: (view) =>
      onPlan(view, t('events.plan.made', { tables: view.tables.length, mixing: percent(view.mixing) })),
  });
  const replan = useMutation({
    mutationFn: () => eventsApi.replanForCheckIn(eventId),
    onSuccess: (view) => onPlan(view, t('events.plan.replanned', { mixing: percent(view.mixing) })),
  });

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    make.mutate();
  }

  const missing = plan.error instanceof ApiError && plan.error.code === 'table_plan_missing';
  return (
    <section aria-labelledby="table-plan-heading">
      <h2 id="table-plan-heading">{t('events.plan.title')}</h2>
      <p>{t('events.plan.intro')}</p>
      <form onSubmit={submit} noValidate className="form form-inline">
        <FormAlert error={make.error} />
        <TextField
          id="plan-table-size"
          type="number"
          inputMode="numeric"
          min={2}
          max={20}
          label={t('events.plan.tableSize')}
          value={tableSize}
          onChange={(changeEvent) => setTableSize(changeEvent.target.value)}
          error={fieldError(make.error, 'tableSize')}
        />
        <TextField
          id="plan-seed"
          type="number"
          inputMode="numeric"
          min={0}
          label={t('events.plan.seed')}
          hint={t('events.plan.seedHint')}
          value={seed}
          onChange={(changeEvent) => setSeed(changeEvent.target.value)}
          error={fieldError(make.error, 'seed')}
        />
        <SelectField
          id="plan-basis"
          label={t('events.plan.basis')}
          value={basis}
          onChange={(changeEvent) => setBasis(changeEvent.target.value as 'confirmed' | 'checked_in')}
        >
          <option value="confirmed">{t('events.plan.basisConfirmed')}</option>
          <option value="checked_in">{t('events.plan.basisCheckedIn')}</option>
        </SelectField>
        <button type="submit" className="button button-primary" disabled={make.isPending}>
          {t('events.plan.make')}
        </button>
      </form>
      <StatusMessage message={message} />
      {plan.isPending ? <Loading /> : null}
      {plan.isError && !missing ? <LoadError error={plan.error} /> : null}
      {missing ? <p className="hint">{t('events.plan.none')}</p> : null}
      {plan.data ? (
        <PlanTables
          eventId={eventId}
          plan={plan.data}
          onSwapped={(view) => onPlan(view, t('events.plan.swapped', { mixing: percent(view.mixing) }))}
          onReplan={() => replan.mutate()}
          replanning={replan.isPending}
          replanError={replan.error}
        />
      ) : null}
    </section>
  );
}

function describePerson(person: TablePerson, t: (key: string) => string): string {
  const traits = [person.tradition, person.group, person.region].filter(Boolean).join(', ');
  return `${person.name}${traits ? ` (${traits})` : ''}${person.checkedIn ? ` · ${t('events.plan.arrived')}` : ''}`;
}

function PlanTables({
  eventId,
  plan,
  onSwapped,
  onReplan,
  replanning,
  replanError,
}: {
  eventId: number;
  plan: TablePlanView;
  onSwapped: (view: TablePlanView) => void;
  onReplan: () => void;
  replanning: boolean;
  replanError: unknown;
}) {
  const { t } = useTranslation();
  const people = plan.tables.flatMap((table) => table.people);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const swap = useMutation({
    mutationFn: () => eventsApi.swapSeats(eventId, Number(first), Number(second)),
    onSuccess: onSwapped,
  });
  const tradition = plan.attributes.find((attribute) => attribute.name === 'tradition');
  return (
    <>
      <p className="plan-score">
        {t('events.plan.overall', { mixing: percent(plan.mixing) })}
        {tradition && tradition.values > 0
          ? ` ${t('events.plan.minTraditions', { min: tradition.minDistinct, values: tradition.values })}`
          : ''}
      </p>
      {plan.problems.length > 0 ? (
        <ul className="alert alert-error">
          {plan.problems.map((problem) => (
            <li key={`${problem.code}-${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      ) : null}
      <ol className="plan-tables">
        {plan.tables.map((table) => (
          <li key={table.table} className="card plan-table">
            <h3>
              {t('events.plan.table', { number: table.table })}{' '}
              <span className="plan-mixing">{t('events.plan.mixing', { mixing: percent(table.mixing) })}</span>
            </h3>
            <ul>
              {table.people.map((person) => (
                <li key={person.registrationId}>{describePerson(person, t)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {plan.unseated.length > 0 ? (
        <>
          <h3>{t('events.plan.unseated')}</h3>
          <ul>
            {plan.unseated.map((person) => (
              <li key={person.registrationId}>{describePerson(person, t)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <form
        className="form form-inline"
        noValidate
        onSubmit={(formEvent) => {
          formEvent.preventDefault();
          swap.mutate();
        }}
      >
        <h3>{t('events.plan.swapTitle')}</h3>
        <FormAlert error={swap.error} />
        {(
          [
            ['plan-swap-first', 'events.plan.swapFirst', first, setFirst],
            ['plan-swap-second', 'events.plan.swapSecond', second, setSecond],
          ] as const
        ).map(([id, label, value, setValue]) => (
          <SelectField
            key={id}
            id={id}
            label={t(label)}
            value={value}
            onChange={(changeEvent) => setValue(changeEvent.target.value)}
          >
            <option value="">{t('events.plan.choosePerson')}</option>
            {people.map((person) => (
              <option key={person.registrationId} value={person.registrationId}>
                {person.name}
              </option>
            ))}
          </SelectField>
        ))}
        <button
          type="submit"
          className="button button-secondary"
          disabled={swap.isPending || !first || !second || first === second}
        >
          {t('events.plan.swap')}
        </button>
      </form>
      <FormAlert error={replanError} />
      <button type="button" className="button button-secondary" onClick={onReplan} disabled={replanning}>
        {t('events.plan.replan')}
      </button>
      <p className="hint">{t('events.plan.replanHint')}</p>
    </>
  );
}
