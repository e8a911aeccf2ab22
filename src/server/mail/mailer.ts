/**
 * Outgoing email, behind one small interface so commands do not know how mail leaves: through SMTP in
 * production, into a local folder in development (listed at /dev/mail), into memory in tests.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text is always sent; many members read mail in clients that show nothing else. */
  text: string;
  html?: string;
  /** An iCalendar invitation (text/calendar) attached as a meeting request. */
  icalEvent?: { filename: string; method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
}

export interface Mailer {
  /** Resolves once the message is accepted for delivery; rejects with the transport's error. */
  send(mail: OutgoingMail): Promise<void>;
  /** Lets go of connections (SMTP keeps a pool open); called when the server stops. */
  close?(): void;
}

/** Keeps every message in `outbox`, for tests. */
export class MemoryMailer implements Mailer {
  readonly outbox: OutgoingMail[] = [];

  async send(mail: OutgoingMail): Promise<void> {
    this.outbox.push(mail);
  }
}
