import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMail } from './mailer.js';

/** Our message as nodemailer takes it; the same for SMTP and the development outbox. */
export function toNodemailerMessage(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
    ...(mail.icalEvent === undefined ? {} : { icalEvent: mail.icalEvent }),
  };
}
