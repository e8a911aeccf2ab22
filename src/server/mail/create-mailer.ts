import type { AppConfig } from '../env.js';
import { type Mailer, MemoryMailer } from './mailer.js';

/**
 * The mailer for a running server. Until SMTP and the development outbox folder are wired in (the
 * invitations work), messages are kept in memory and logged nowhere.
 */
export function createMailer(_config: AppConfig): Mailer {
  return new MemoryMailer();
}
