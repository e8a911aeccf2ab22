import type { z } from 'zod';
import type { passwordResetCompleteBody, passwordResetRequestBody } from '../../contract/password-reset.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { type Outcome, ok, refuse } from '../errors.js';
import type { OutgoingMail } from '../mail/mailer.js';

const linkLifetimeMs = 60 * 60 * 1000;
/** At most this many links per account per hour: enough for a lost email, too few to flood an inbox. */
const linksPerHour = 3;

/**
 * Requests run one after another per app instance, because the route does not wait for them and
 * the per-hour cap is a count then an insert. Across instances the cap can overshoot by a link or
 * two under a race, which the per-address rate limit bounds.
 */
const queues = new WeakMap<AppContext, Promise<void>>();

/**
 * Starts a reset: when the email has an account, mails it a single-use link valid for an hour. What
 * the caller learns is the same either way (the route answers 202 before the mail goes), so the form
 * cannot be used to find out who has an account.
 */
export function requestPasswordReset(
  context: AppContext,
  body: z.infer<typeof passwordResetRequestBody>,
): Promise<void> {
  const previous = queues.get(context) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => sendResetLink(context, body.email));
  queues.set(context, next);
  return next;
}

async function sendResetLink(context: AppContext, email: string): Promise<void> {
  const account = await context.store.findAccountByEmail(email);
  if (!account) return;
  const now = context.now();
  const security = context.store.security;
  const recent = await security.countPasswordResetTokens(account.id, new Date(now.getTime() - 3_600_000).toISOString());
  if (recent >= linksPerHour) return;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + linkLifetimeMs);
  await security.createPasswordResetToken({
    accountId: account.id,
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  const url = `${context.config.publicUrl}/reset-password#token=${encodeURIComponent(token)}`;
  await context.mailer.send(passwordResetMail({ to: account.email, url, expiresAt }));
}

/**
 * Sets the new password from a reset link, in one transaction: the token is used up, every other
 * open link of the account retired, and every session ended, so whoever knew the old password is
 * signed out everywhere.
 */
export async function completePasswordReset(
  context: AppContext,
  body: z.infer<typeof passwordResetCompleteBody>,
): Promise<Outcome<{ accountId: number }>> {
  const passwordHash = await hashPassword(body.password);
  const now = context.now().toISOString();
  const accountId = await context.store.transaction(async (tx) => {
    const found = await tx.security.consumePasswordResetToken(hashToken(body.token), now);
    if (found === undefined) return undefined;
    await tx.security.retirePasswordResetTokens(found, now);
    await tx.security.updatePasswordHash(found, passwordHash);
    await tx.security.deleteSessionsOfAccount(found);
    return found;
  });
  if (accountId === undefined) {
    return refuse(
      'reset_token_invalid',
      'This reset link is not valid, was used already or has expired. Ask for a new one.',
    );
  }
  return ok({ accountId });
}

/** The reset mail, in English then Welsh (the server does not know which the reader prefers). */
export function passwordResetMail(input: { to: string; url: string; expiresAt: Date }): OutgoingMail {
  const time = `${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const text = [
    'Someone (we hope you) asked to reset the password of your Common Ground account.',
    '',
    `Open this link to choose a new password. It works once, until ${time}:`,
    input.url,
    '',
    'Setting a new password signs you out on every device. If you did not ask for this, ignore this email: your password stays as it is.',
    '',
    '—',
    '',
    'Mae rhywun (gobeithio chi) wedi gofyn am ailosod cyfrinair eich cyfrif Common Ground.',
    '',
    `Agorwch y ddolen hon i ddewis cyfrinair newydd. Mae’n gweithio unwaith, tan ${time}:`,
    input.url,
    '',
    'Mae gosod cyfrinair newydd yn eich allgofnodi ar bob dyfais. Os na wnaethoch ofyn am hyn, anwybyddwch yr e-bost hwn: bydd eich cyfrinair yn aros fel y mae.',
  ].join('\n');
  return { to: input.to, subject: 'Reset your password · Ailosod eich cyfrinair', text };
}
