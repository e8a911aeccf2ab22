import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Mailer, OutgoingMail } from './mailer.js';
import { toNodemailerMessage } from './message.js';

/** What /dev/mail lists for each message; the full message is the .eml beside it. */
export const outboxEntrySchema = z.object({
  id: z.string(),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  hasHtml: z.boolean(),
  hasCalendar: z.boolean(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** Ids are made here and are the only names read back, so a request can never reach another file. */
const outboxIdPattern = /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}$/;

export function isOutboxId(value: string): boolean {
  return outboxIdPattern.test(value);
}

/**
 * The development outbox: with no SMTP server configured, each message is built by nodemailer exactly
 * as it would be sent (a real .eml a mail client can open) and written to a folder, with a small JSON
 * summary beside it for the /dev/mail page.
 */
export class OutboxMailer implements Mailer {
  readonly #transport: Transporter;
  #sequence = 0;

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const built = await this.#transport.sendMail(toNodemailerMessage(mail, this.from));
    const message: unknown = built.message;
    if (!Buffer.isBuffer(message)) throw new Error('nodemailer did not return the message as a buffer.');
    const date = this.now();
    this.#sequence = (this.#sequence + 1) % 1_000_000;
    // Time first so names sort by age; the sequence orders messages sent within one millisecond.
    const stamp = date.toISOString().replace(/[-:.]/g, '');
    const id = `${stamp}-${String(this.#sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
    const entry: OutboxEntry = {
      id,
      date: date.toISOString(),
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      hasHtml: mail.html !== undefined,
      hasCalendar: mail.icalEvent !== undefined,
    };
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, `${id}.eml`), message);
    // The summary is written last and renamed into place: a listed message always has its .eml.
    const partial = join(this.dir, `${id}.json.partial`);
    await writeFile(partial, `${JSON.stringify(entry, null, 2)}\n`, 'utf8');
    await rename(partial, join(this.dir, `${id}.json`));
  }
}

/** Every message in the outbox folder, newest first; an absent folder is an empty outbox. */
export async function listOutbox(dir: string): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter(isOutboxId)
    .sort()
    .reverse();
  const entries = await Promise.all(ids.map((id) => readOutboxEntry(dir, id)));
  return entries.filter((entry): entry is OutboxEntry => entry !== undefined);
}

/** One message's summary, or undefined when there is no such message (or the id is not one of ours). */
export async function readOutboxEntry(dir: string, id: string): Promise<OutboxEntry | undefined> {
  if (!isOutboxId(id)) return undefined;
  let text: string;
  try {
    text = await readFile(join(dir, `${id}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = outboxEntrySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

/** The raw .eml of one message. */
export async function readOutboxMessage(dir: string, id: string): Promise<Buffer | undefined> {
  if (!isOutboxId(id)) return undefined;
  try {
    return await readFile(join(dir, `${id}.eml`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
