import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { millisecondsLeft, neighbourItem } from '../../core/run-sheets/agenda.js';
import { ApiError } from '../api.js';
import { type AgendaBody, outcomeApi, outcomeKeys, type RunSheetView } from '../components/events/outcome-api.js';
import { SelectField } from '../components/events/select-field.js';
import { FieldErrorText, FormAlert, fieldError, TextAreaField, TextField } from '../components/form-fields.js';
import { RequireAccount } from '../components/organise/require-account.js';
import { PageHeading } from '../components/page-heading.js';
import { LoadError, Loading } from '../components/query-state.js';
import { usePageTitle } from '../hooks/use-page-title.js';

/**
 * The facilitator's phone during the event: the current agenda item, time left, the prompts in large
 * type, next and previous. Time counts in the browser from the server's `startedAt`, corrected by the
 * server's clock, so a reload keeps time. Once loaded it works offline: the sheet is kept on the
 * device and a step taken without a connection is sent, with the time it was taken, when the
 * connection returns.
 */
export function RunSheetPage({ eventId }: { eventId: number }) {
  return (
    <RequireAccount>
      <RunSheet eventId={eventId} />
    </RequireAccount>
  );
}

interface StoredSheet {
  sheet: RunSheetView;
  /** Server clock minus this device's clock, in milliseconds. */
  offsetMs: number;
}

interface PendingStep {
  itemId: number | null;
  startedAt: string;
}

const sheetKey = (eventId: number) => `cg-run-sheet-${eventId}`;
const pendingKey = (eventId: number) => `cg-run-step-${eventId}`;

function readJson<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function isOffline(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 || error.status >= 500 : true;
}

function withStep(sheet: RunSheetView, step: PendingStep): RunSheetView {
  return {
    ...sheet,
    currentItemId: step.itemId,
    items: sheet.items.map((item) => (item.id === step.itemId ? { ...item, startedAt: step.startedAt } : item)),
  };
}

function RunSheet({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState<StoredSheet | undefined>(() => readJson<StoredSheet>(sheetKey(eventId)));
  const remote = useQuery({
    queryKey: outcomeKeys.runSheet(eventId),
    queryFn: () => outcomeApi.runSheet(eventId),
    retry: false,
  });
  const keep = useCallback(
    (sheet: RunSheetView) => {
      const next = { sheet, offsetMs: Date.parse(sheet.serverNow) - Date.now() };
      setStored(next);
      localStorage.setItem(sheetKey(eventId), JSON.stringify(next));
    },
    [eventId],
  );
  useEffect(() => {
    if (remote.data) {
      const pending = readJson<PendingStep>(pendingKey(eventId));
      keep(pending ? withStep(remote.data, pending) : remote.data);
    }
  }, [remote.data, eventId, keep]);

  const title = stored?.sheet.eventTitle ?? '';
  usePageTitle(title ? t('runSheet.pageTitle', { title }) : t('runSheet.loading'));

  const missing = remote.error instanceof ApiError && remote.error.code === 'run_sheet_missing';
  if (missing) return <TemplatePicker eventId={eventId} onApplied={keep} />;
  if (!stored) {
    if (remote.isPending) return <Loading />;
    return (
      <>
        <PageHeading>{t('runSheet.heading')}</PageHeading>
        <LoadError error={remote.error} />
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/events/${eventId}`}>{t('runSheet.back')}</Link>
      </p>
      <PageHeading>{t('runSheet.pageTitle', { title: stored.sheet.eventTitle })}</PageHeading>
      <LiveRun eventId={eventId} stored={stored} onChanged={keep} />
      <AgendaEditor eventId={eventId} sheet={stored.sheet} onSaved={keep} />
    </>
  );
}

function formatLeft(milliseconds: number): string {
  const seconds = Math.ceil(Math.abs(milliseconds) / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

function LiveRun({
  eventId,
  stored,
  onChanged,
}: {
  eventId: number;
  stored: StoredSheet;
  onChanged: (sheet: RunSheetView) => void;
}) {
  const { t } = useTranslation();
  const { sheet, offsetMs } = stored;
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState('');
  const [offline, setOffline] = useState(() => readJson<PendingStep>(pendingKey(eventId)) !== undefined);
  const [failure, setFailure] = useState<unknown>();
  const overAnnounced = useRef<string | undefined>(undefined);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const current = sheet.items.find((item) => item.id === sheet.currentItemId);
  const index = current ? sheet.items.indexOf(current) : -1;
  // Clamped to the item's length: the clock offset is measured after the answer's trip, so it can
  // run a few milliseconds behind and would otherwise show 10:01 on a ten-minute item.
  const left = current?.startedAt
    ? Math.min(current.minutes * 60_000, millisecondsLeft(current.minutes, current.startedAt, now + offsetMs))
    : undefined;

  // Screen readers hear when an item's time runs out once, not a countdown every second.
  useEffect(() => {
    const key = current ? `${current.id}-${current.startedAt}` : undefined;
    if (current && left !== undefined && left <= 0 && overAnnounced.current !== key) {
      overAnnounced.current = key;
      setAnnouncement(t('runSheet.timeUp', { title: current.title }));
    }
  }, [current, left, t]);

  const flush = useCallback(async () => {
    const pending = readJson<PendingStep>(pendingKey(eventId));
    if (!pending) return;
    try {
      const saved = await outcomeApi.step(eventId, pending);
      localStorage.removeItem(pendingKey(eventId));
      setOffline(false);
      setFailure(undefined);
      onChanged(saved);
    } catch (error) {
      if (isOffline(error)) setOffline(true);
      else {
        localStorage.removeItem(pendingKey(eventId));
        setOffline(false);
        setFailure(error);
      }
    }
  }, [eventId, onChanged]);

  useEffect(() => {
    void flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [flush]);

  function goTo(itemId: number | null) {
    const step = { itemId, startedAt: new Date(Date.now() + offsetMs).toISOString() };
    localStorage.setItem(pendingKey(eventId), JSON.stringify(step));
    onChanged({ ...withStep(sheet, step), serverNow: new Date(Date.now() + offsetMs).toISOString() });
    const item = sheet.items.find((candidate) => candidate.id === itemId);
    setAnnouncement(
      item ? t('runSheet.nowRunning', { title: item.title, minutes: item.minutes }) : t('runSheet.stopped'),
    );
    void flush();
  }

  const ids = sheet.items.map((item) => item.id);
  const next = neighbourItem(ids, sheet.currentItemId, 'next');
  const previous = neighbourItem(ids, sheet.currentItemId, 'previous');
  return (
    <section aria-labelledby="run-current-heading" className="run-live">
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {offline ? <p className="alert alert-info">{t('runSheet.offline')}</p> : null}
      <FormAlert error={failure} />
      {current ? (
        <>
          <p className="run-position">{t('runSheet.position', { number: index + 1, total: sheet.items.length })}</p>
          <h2 id="run-current-heading" className="run-title">
            {current.title}
          </h2>
          {left !== undefined ? (
            <p className={left < 0 ? 'run-timer run-timer-over' : 'run-timer'}>
              <span className="visually-hidden">{left < 0 ? t('runSheet.overBy') : t('runSheet.timeLeft')} </span>
              <span role="timer" aria-label={left < 0 ? t('runSheet.overBy') : t('runSheet.timeLeft')}>
                {left < 0 ? '+' : ''}
                {formatLeft(left)}
              </span>
            </p>
          ) : null}
          {current.prompts.length > 0 ? (
            <ul className="run-prompts" aria-label={t('runSheet.prompts')}>
              {current.prompts.map((prompt) => (
                <li key={prompt}>{prompt}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <>
          <h2 id="run-current-heading">{t('runSheet.notStarted')}</h2>
          <p>{t('runSheet.notStartedIntro', { minutes: sheet.totalMinutes })}</p>
        </>
      )}
      <div className="run-controls">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => goTo(previous ?? null)}
          disabled={sheet.currentItemId === null || previous === undefined}
        >
          {t('runSheet.previous')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => goTo(next ?? null)}
          disabled={next === undefined && sheet.currentItemId === null}
        >
          {sheet.currentItemId === null
            ? t('runSheet.start')
            : next === undefined
              ? t('runSheet.finish')
              : t('runSheet.next')}
        </button>
      </div>
      <h2 id="run-agenda-heading">{t('runSheet.agenda')}</h2>
      <ol className="run-agenda" aria-labelledby="run-agenda-heading">
        {sheet.items.map((item) => (
          <li key={item.id} aria-current={item.id === sheet.currentItemId ? 'step' : undefined}>
            {item.title} <span className="hint">{t('runSheet.minutes', { count: item.minutes })}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function TemplatePicker({ eventId, onApplied }: { eventId: number; onApplied: (sheet: RunSheetView) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState<'en' | 'cy'>(i18n.language === 'cy' ? 'cy' : 'en');
  const [template, setTemplate] = useState<'roundtable' | 'workshop'>('roundtable');
  const templates = useQuery({
    queryKey: outcomeKeys.templates(language),
    queryFn: () => outcomeApi.templates(language),
  });
  const apply = useMutation({
    mutationFn: () => outcomeApi.applyTemplate(eventId, { template, language }),
    onSuccess: async (sheet) => {
      onApplied(sheet);
      queryClient.setQueryData(outcomeKeys.runSheet(eventId), sheet);
    },
  });
  const chosen = templates.data?.templates.find((candidate) => candidate.id === template);
  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    apply.mutate();
  }
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/organise/events/${eventId}`}>{t('runSheet.back')}</Link>
      </p>
      <PageHeading>{t('runSheet.heading')}</PageHeading>
      <p>{t('runSheet.chooseIntro')}</p>
      <form onSubmit={submit} className="form" noValidate>
        <FormAlert error={apply.error} />
        <SelectField
          id="run-template"
          label={t('runSheet.template')}
          value={template}
          onChange={(changeEvent) => setTemplate(changeEvent.target.value === 'workshop' ? 'workshop' : 'roundtable')}
          error={fieldError(apply.error, 'template')}
        >
          <option value="roundtable">{t('runSheet.templates.roundtable')}</option>
          <option value="workshop">{t('runSheet.templates.workshop')}</option>
        </SelectField>
        <SelectField
          id="run-language"
          label={t('runSheet.language')}
          value={language}
          onChange={(changeEvent) => setLanguage(changeEvent.target.value === 'cy' ? 'cy' : 'en')}
        >
          <option value="en">English</option>
          <option value="cy">Cymraeg</option>
        </SelectField>
        {chosen ? (
          <ol className="run-agenda" aria-label={t('runSheet.preview')}>
            {chosen.items.map((item) => (
              <li key={item.title} lang={language}>
                {item.title} <span className="hint">{t('runSheet.minutes', { count: item.minutes })}</span>
              </li>
            ))}
          </ol>
        ) : null}
        <button type="submit" className="button button-primary" disabled={apply.isPending}>
          {t('runSheet.useTemplate')}
        </button>
      </form>
    </>
  );
}

interface DraftItem {
  key: number;
  title: string;
  minutes: string;
  prompts: string;
}

function toDrafts(sheet: RunSheetView): DraftItem[] {
  return sheet.items.map((item) => ({
    key: item.id,
    title: item.title,
    minutes: String(item.minutes),
    prompts: item.prompts.join('\n'),
  }));
}

/** Add, remove, reorder and edit items; saved whole, and refused whole if it overruns the event. */
function AgendaEditor({
  eventId,
  sheet,
  onSaved,
}: {
  eventId: number;
  sheet: RunSheetView;
  onSaved: (sheet: RunSheetView) => void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<DraftItem[]>(() => toDrafts(sheet));
  const [saved, setSaved] = useState(false);
  const nextKey = useRef(-1);
  const save = useMutation({
    mutationFn: (body: AgendaBody) => outcomeApi.saveAgenda(eventId, body),
    onSuccess: (updated) => {
      onSaved(updated);
      setDrafts(toDrafts(updated));
      setSaved(true);
    },
  });
  const total = drafts.reduce((sum, draft) => sum + (Number(draft.minutes) || 0), 0);

  function change(index: number, patch: Partial<DraftItem>) {
    setSaved(false);
    setDrafts((current) => current.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)));
  }
  function move(index: number, by: number) {
    setSaved(false);
    setDrafts((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });
  }
  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    save.mutate({
      items: drafts.map((draft) => ({
        title: draft.title,
        minutes: Number(draft.minutes),
        prompts: draft.prompts
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      })),
    });
  }

  return (
    <section aria-labelledby="agenda-editor-heading" className="agenda-editor">
      <h2 id="agenda-editor-heading">{t('runSheet.editTitle')}</h2>
      <details>
        <summary>{t('runSheet.editOpen')}</summary>
        <p>{t('runSheet.editIntro')}</p>
        <form onSubmit={submit} className="form" noValidate>
          <FormAlert error={save.error} />
          {drafts.map((draft, index) => (
            <fieldset key={draft.key} className="agenda-item">
              <legend>{t('runSheet.itemLegend', { number: index + 1 })}</legend>
              <TextField
                id={`agenda-${index}-title`}
                label={t('runSheet.itemTitle')}
                value={draft.title}
                onChange={(changeEvent) => change(index, { title: changeEvent.target.value })}
                error={fieldError(save.error, `items.${index}.title`)}
              />
              <TextField
                id={`agenda-${index}-minutes`}
                label={t('runSheet.itemMinutes')}
                type="number"
                inputMode="numeric"
                min={1}
                max={240}
                value={draft.minutes}
                onChange={(changeEvent) => change(index, { minutes: changeEvent.target.value })}
                error={fieldError(save.error, `items.${index}.minutes`)}
              />
              <TextAreaField
                id={`agenda-${index}-prompts`}
                label={t('runSheet.itemPrompts')}
                hint={t('runSheet.itemPromptsHint')}
                rows={3}
                value={draft.prompts}
                onChange={(changeEvent) => change(index, { prompts: changeEvent.target.value })}
              />
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => move(index, -1)}
                  disabled={index === 0}
                >
                  {t('runSheet.moveUp', { number: index + 1 })}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => move(index, 1)}
                  disabled={index === drafts.length - 1}
                >
                  {t('runSheet.moveDown', { number: index + 1 })}
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => {
                    setSaved(false);
                    setDrafts((current) => current.filter((_, at) => at !== index));
                  }}
                >
                  {t('runSheet.remove', { number: index + 1 })}
                </button>
              </div>
            </fieldset>
          ))}
          <p aria-live="polite">{t('runSheet.total', { total, available: sheet.eventMinutes })}</p>
          <FieldErrorText id="agenda-items-error" message={fieldError(save.error, 'items')} />
          <div className="button-row">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setSaved(false);
                setDrafts((current) => [...current, { key: nextKey.current--, title: '', minutes: '10', prompts: '' }]);
              }}
            >
              {t('runSheet.addItem')}
            </button>
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('runSheet.save')}
            </button>
          </div>
          {saved ? (
            <p role="status" className="alert alert-success">
              {t('runSheet.saved')}
            </p>
          ) : null}
        </form>
      </details>
    </section>
  );
}
