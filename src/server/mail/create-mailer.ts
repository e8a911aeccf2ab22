import type { AppConfig } from '../env.js';
import type { Mailer } from './mailer.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/**
 * The mailer for a running server: SMTP when SMTP_URL is set; otherwise the development outbox, a
 * folder (MAIL_DIR) whose messages are listed at /dev/mail.
 */
export function createMailer(config: AppConfig): Mailer {
  if (config.smtpUrl) return new SmtpMailer(config.smtpUrl, config.mailFrom);
  return new OutboxMailer(config.mailDir, config.mailFrom);
}

/** True when mail goes to the local outbox folder, and so /dev/mail is served. */
export function usesDevelopmentOutbox(config: AppConfig): boolean {
  return !config.smtpUrl;
}
