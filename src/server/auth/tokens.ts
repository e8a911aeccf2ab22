import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A fresh unguessable token (256 bits) for cookies and links; only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token: a stolen database does not yield working cookies or links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in constant time so their contents cannot be probed by timing. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A participant's ordering seed: random, so nobody can predict which statements another sees first. */
export function newParticipantSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}
