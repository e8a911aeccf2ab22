import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { ApiError, type ModerationItem } from '../../api.js';
import { useErrorMessage } from '../../hooks/use-error-message.js';
import { fieldError, TextAreaField } from '../form-fields.js';

/**
 * A date in the reader's language, e.g. "25 Nov 2026" or "25 Tach 2026". A browser without Welsh
 * dates would fall back to its own default (often US English), so it gets the numeric 25/11/2026.
 */
function formatDate(iso: string, language: string): string {
  const locale = `${language}-GB`;
  if (Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0) {
    return new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });
  }
  return new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'short' });
}

export interface ModerationItemActions {
  onToggleSelected: (statementId: number) => void;
  onAccept: (item: ModerationItem) => void;
  onReject: (item: ModerationItem) => void;
  onToggleMeta: (item: ModerationItem) => void;
  onStartEdit: (statementId: number) => void;
  onCancelEdit: () => void;
  onSaveEdit: (item: ModerationItem, text: string) => void;
}

/** One statement in the queue: its record, likely duplicates, and what a moderator can do with it. */
export function ModerationItemCard({
  item,
  selected,
  editing,
  busy,
  editError,
  actions,
}: {
  item: ModerationItem;
  selected: boolean;
  editing: boolean;
  busy: boolean;
  editError: unknown;
  actions: ModerationItemActions;
}) {
  const { t, i18n } = useTranslation();
  const textId = `moderation-text-${item.id}`;
  const selectId = `moderation-select-${item.id}`;
  const lockedId = `moderation-locked-${item.id}`;
  const duplicatesId = `moderation-duplicates-${item.id}`;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  const date = (iso: string) => formatDate(iso, i18n.language);
  const name = (person: string | null) => person ?? t('moderationQueue.someone');

  // Closing the editor hands focus back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    // Focusable from script only: after an action removes a card, focus moves to the one in its place.
    <article
      className={`statement-item moderation-item moderation-${item.moderation}`}
      aria-labelledby={textId}
      tabIndex={-1}
    >
      <div className="moderation-item-head">
        <input
          type="checkbox"
          id={selectId}
          className="moderation-select"
          checked={selected}
          onChange={() => actions.onToggleSelected(item.id)}
          aria-labelledby={`${selectId}-label ${textId}`}
        />
        <span id={`${selectId}-label`} className="visually-hidden">
          {t('moderationQueue.selectOne')}
        </span>
        {editing ? (
          <EditForm item={item} busy={busy} error={editError} actions={actions} />
        ) : (
          <p id={textId} className="statement-item-text">
            {item.text}
          </p>
        )}
      </div>
      {editing ? (
        // While editing, the checkbox still needs the text as its name.
        <p id={textId} className="visually-hidden">
          {item.text}
        </p>
      ) : null}

      <p className="card-meta">
        <span className={`badge badge-${item.moderation}`}>{t(`moderation.state.${item.moderation}`)}</span>{' '}
        {item.isMeta ? <span className="badge badge-meta">{t('moderationQueue.metaBadge')}</span> : null}{' '}
        {item.fromEvent ? t('origin.fromEvent', { title: item.fromEvent.title }) : t(`origin.${item.origin}`)} ·{' '}
        {date(item.createdAt)} ·{' '}
        {t('moderate.tallies', { agree: item.agreeCount, disagree: item.disagreeCount, pass: item.passCount })}
      </p>
      <ModerationRecord item={item} name={name} date={date} />

      {item.likelyDuplicates.length > 0 ? (
        <div className="moderation-duplicates">
          <h3 id={duplicatesId} className="moderation-duplicates-title">
            {t('moderationQueue.duplicatesTitle')}
          </h3>
          <ul aria-labelledby={duplicatesId}>
            {item.likelyDuplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <q>{duplicate.text}</q>{' '}
                <span className={`badge badge-${duplicate.moderation}`}>
                  {t(`moderation.state.${duplicate.moderation}`)}
                </span>{' '}
                <span className="hint">
                  {t('moderationQueue.similarity', { percent: Math.round(duplicate.similarity * 100) })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {editing ? null : (
        <div className="button-row">
          {item.moderation !== 'accepted' ? (
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              aria-describedby={textId}
              onClick={() => actions.onAccept(item)}
            >
              {t('moderationQueue.accept')}
            </button>
          ) : null}
          {item.moderation !== 'rejected' ? (
            <button
              type="button"
              className="button button-small button-danger"
              disabled={busy}
              aria-describedby={textId}
              aria-haspopup="dialog"
              onClick={() => actions.onReject(item)}
            >
              {t('moderationQueue.reject')}
            </button>
          ) : null}
          <button
            ref={editButton}
            type="button"
            className="button button-small button-secondary"
            disabled={busy || !item.editable}
            aria-describedby={item.editable ? textId : `${textId} ${lockedId}`}
            onClick={() => actions.onStartEdit(item.id)}
          >
            {t('moderationQueue.edit')}
          </button>
          <button
            type="button"
            className="button button-small button-secondary button-toggle"
            disabled={busy}
            aria-pressed={item.isMeta}
            aria-describedby={textId}
            onClick={() => actions.onToggleMeta(item)}
          >
            {t('moderationQueue.meta')}
          </button>
        </div>
      )}
      {!item.editable && !editing ? (
        <p id={lockedId} className="hint">
          {t('moderationQueue.editLocked')}
        </p>
      ) : null}
    </article>
  );
}

function ModerationRecord({
  item,
  name,
  date,
}: {
  item: ModerationItem;
  name: (person: string | null) => string;
  date: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {item.moderatedAt && item.moderation === 'accepted' ? (
        <p className="hint">
          {t('moderationQueue.acceptedBy', { name: name(item.moderatedBy), date: date(item.moderatedAt) })}
        </p>
      ) : null}
      {item.moderatedAt && item.moderation === 'rejected' ? (
        <p className="hint">
          {t('moderationQueue.rejectedBy', { name: name(item.moderatedBy), date: date(item.moderatedAt) })}{' '}
          {item.rejectionReason ? t('moderationQueue.reason', { reason: item.rejectionReason }) : null}
        </p>
      ) : null}
      {item.editedAt && item.originalText !== null ? (
        <p className="hint">
          {t('moderationQueue.editedBy', {
            name: name(item.editedBy),
            date: date(item.editedAt),
            text: item.originalText,
          })}
        </p>
      ) : null}
    </>
  );
}

function EditForm({
  item,
  busy,
  error,
  actions,
}: {
  item: ModerationItem;
  busy: boolean;
  error: unknown;
  actions: ModerationItemActions;
}) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [text, setText] = useState(item.text);
  const fieldId = `moderation-edit-${item.id}`;

  // Opening the editor puts the caret in the text, ready to fix the typo.
  useEffect(() => {
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    actions.onSaveEdit(item, text);
  }

  let message: string | undefined;
  if (error instanceof ApiError && error.code === 'duplicate_statement') message = t('moderationQueue.editDuplicate');
  else if (error) message = fieldError(error, 'text') ?? describe(error);

  return (
    <form
      onSubmit={submit}
      noValidate
      className="form moderation-edit"
      onKeyDown={(event) => {
        if (event.key === 'Escape') actions.onCancelEdit();
      }}
    >
      <TextAreaField
        id={fieldId}
        label={t('moderationQueue.editLabel')}
        hint={t('moderationQueue.editHint')}
        rows={3}
        maxLength={limits.statementMaxLength}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={message}
      />
      <div className="button-row">
        <button type="submit" className="button button-small button-primary" disabled={busy}>
          {t('moderationQueue.save')}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={actions.onCancelEdit}>
          {t('moderationQueue.cancel')}
        </button>
      </div>
    </form>
  );
}
