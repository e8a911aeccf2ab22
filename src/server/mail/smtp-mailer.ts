import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from './mailer.js';
import { toNodemailerMessage } from './message.js';

/**
 * Sends through an SMTP server. One pooled transport for the process, so a member list of thousands
 * reuses a few connections instead of a TLS handshake per message.
 */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport({ url: smtpUrl, pool: true });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#transport.sendMail(toNodemailerMessage(mail, this.from));
  }

  close(): void {
    this.#transport.close();
  }
}
