import { createHash } from 'node:crypto';

/**
 * A registration has one secret, the token in the registrant's link (status, cancel). The door's
 * check-in code is derived from it, so the registrant's page can show the QR code while the
 * database keeps only hashes of both and a leaked check-in code does not allow cancelling.
 */
export function checkInCodeFor(manageToken: string): string {
  return createHash('sha256').update(`check-in:${manageToken}`).digest('base64url');
}

export function registrationUrl(publicUrl: string, eventId: number, manageToken: string): string {
  return `${publicUrl}/events/${eventId}/registration/${manageToken}`;
}

export function checkInUrl(publicUrl: string, eventId: number, checkInCode: string): string {
  return `${publicUrl}/organise/events/${eventId}/check-in?code=${checkInCode}`;
}

export function eventUrl(publicUrl: string, eventId: number): string {
  return `${publicUrl}/events/${eventId}`;
}
