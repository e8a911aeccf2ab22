import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { useErrorMessage } from '../hooks/use-error-message.js';

/** The server's message for one field, if the error is a problem naming it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/** The message under a field. Always rendered (empty when fine) so aria-describedby never points nowhere. */
export function FieldErrorText({ id, message }: { id: string; message: string | undefined }) {
  return (
    <p className="field-error" id={id} hidden={!message}>
      {message}
    </p>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

export function TextField({ id, label, hint, error, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, error && `${id}-error`)}
        {...input}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Extra ids to describe the field by (e.g. a live character count). */
  extraDescribedBy?: string;
  after?: ReactNode;
};

export function TextAreaField({ id, label, hint, error, extraDescribedBy, after, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, extraDescribedBy, error && `${id}-error`)}
        {...textarea}
      />
      {after}
    </FieldFrame>
  );
}

/**
 * A form-wide error (one not tied to a field), announced as it appears. Field errors are shown at
 * their fields instead, so a validation error with field messages only gets a short summary here.
 */
export function FormAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  let message: string | undefined;
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    message = t('form.fixErrors');
  } else if (error) {
    message = describe(error);
  }
  return (
    <div role="alert" className={message ? 'alert alert-error' : 'alert-empty'}>
      {message}
    </div>
  );
}

/** A quiet confirmation, read out politely without moving focus. */
export function StatusMessage({ message }: { message: string | undefined }) {
  return (
    <p role="status" className={message ? 'alert alert-success' : 'alert-empty'}>
      {message}
    </p>
  );
}
