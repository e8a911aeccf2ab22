import type { AppContext } from '../context.js';
import { registrationMail } from './mail.js';

const dayMs = 24 * 60 * 60 * 1000;
/** Reminders sent per run; the next run takes the rest. */
const batchSize = 200;

/**
 * Emails "tomorrow" reminders for confirmed places at published events starting within the next
 * 24 hours. Each reminder is claimed (reminder_sent_at) before it is sent, in one conditional
 * UPDATE, so running this twice, or on two app instances at once, sends each reminder once. A
 * failed send is not retried: a second reminder is worse than none. Returns how many were sent.
 */
export async function sendDueReminders(
  context: AppContext,
  now: Date,
  onError: (error: unknown) => void = () => {},
): Promise<number> {
  const due = await context.store.events.listDueReminders(
    now.toISOString(),
    new Date(now.getTime() + dayMs).toISOString(),
    batchSize,
  );
  let sent = 0;
  for (const { event, registration } of due) {
    if (!(await context.store.events.claimReminder(registration.id, now.toISOString()))) continue;
    try {
      await context.mailer.send(
        registrationMail('reminder', event, registration, {
          publicUrl: context.config.publicUrl,
          manageToken: null,
          now,
        }),
      );
      sent += 1;
    } catch (error) {
      onError(error);
    }
  }
  return sent;
}

/** Runs `sendDueReminders` every `intervalMs` until the returned stop function is called. */
export function startReminderTimer(
  context: AppContext,
  onError: (error: unknown) => void,
  intervalMs = 10 * 60 * 1000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueReminders(context, context.now(), onError);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  // The timer alone must not keep a process (a CLI command, a test) alive.
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
