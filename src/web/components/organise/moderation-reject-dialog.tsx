import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../contract/limits.js';
import { FormAlert, fieldError, TextAreaField } from '../form-fields.js';

/** What is being rejected: one statement (its text is shown) or a selection. */
export interface RejectTarget {
  statementIds: number[];
  text?: string;
}

/**
 * Asks for the reason a statement is rejected, in a modal <dialog>: the browser moves focus to its
 * first field (the reason), keeps focus inside, closes it on Escape and returns focus to the button
 * that opened it.
 */
export function ModerationRejectDialog({
  target,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  target: RejectTarget | null;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (target && !element.open) element.showModal();
    if (!target && element.open) element.close();
  }, [target]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onClose={onCancel}>
      {target ? (
        <RejectForm
          key={target.statementIds.join(',')}
          id={id}
          target={target}
          pending={pending}
          error={error}
          onCancel={onCancel}
          onConfirm={onConfirm}
        />
      ) : null}
    </dialog>
  );
}

function RejectForm({
  id,
  target,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  id: string;
  target: RejectTarget;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setLocalError(t('moderationQueue.reasonRequired'));
      return;
    }
    setLocalError(undefined);
    onConfirm(reason.trim());
  }

  const single = target.statementIds.length === 1 && target.text !== undefined;
  return (
    <form onSubmit={submit} noValidate className="form">
      <h2 id={`${id}-title`}>
        {single
          ? t('moderationQueue.rejectTitle')
          : t('moderationQueue.rejectManyTitle', { count: target.statementIds.length })}
      </h2>
      {single ? <blockquote className="dialog-quote">{target.text}</blockquote> : null}
      <FormAlert error={localError ? undefined : error} />
      <TextAreaField
        id={`${id}-reason`}
        label={t('moderationQueue.reasonLabel')}
        hint={t('moderationQueue.reasonHint')}
        rows={3}
        maxLength={limits.rejectionReasonMaxLength}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={localError ?? fieldError(error, 'reason')}
      />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={pending}>
          {t('moderationQueue.confirmReject')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('moderationQueue.cancel')}
        </button>
      </div>
    </form>
  );
}
