import type { ReviewRole } from '../../core/review-rules.js';
import type { OutgoingMail } from '../mail/mailer.js';

const roleNames: Record<ReviewRole, { en: string; cy: string }> = {
  owner: { en: 'an owner', cy: 'perchennog' },
  organiser: { en: 'an organiser', cy: 'trefnydd' },
  moderator: { en: 'a moderator', cy: 'cymedrolwr' },
  facilitator: { en: 'a facilitator', cy: 'hwylusydd' },
  analyst: { en: 'an analyst', cy: 'dadansoddwr' },
};

/**
 * The team invitation, in English then Welsh: the server does not know which the recipient reads,
 * and bilingual messages are the norm for Welsh organisations.
 */
export function teamInvitationMail(input: {
  to: string;
  inviterName: string;
  reviewTitle: string;
  role: ReviewRole;
  url: string;
  expiresAt: Date;
}): OutgoingMail {
  const role = roleNames[input.role];
  const day = input.expiresAt.toISOString().slice(0, 10);
  const text = [
    `${input.inviterName} has invited you to join the team of the review “${input.reviewTitle}” on Common Ground, as ${role.en}.`,
    '',
    `Open this link to accept. It works once, until ${day}:`,
    input.url,
    '',
    'If you were not expecting this invitation, you can ignore this email.',
    '',
    '—',
    '',
    `Mae ${input.inviterName} wedi eich gwahodd i ymuno â thîm yr adolygiad “${input.reviewTitle}” ar Common Ground, fel ${role.cy}.`,
    '',
    `Agorwch y ddolen hon i dderbyn. Mae’n gweithio unwaith, tan ${day}:`,
    input.url,
    '',
    'Os nad oeddech yn disgwyl y gwahoddiad hwn, gallwch anwybyddu’r e-bost hwn.',
  ].join('\n');
  return {
    to: input.to,
    subject: `Join the team of “${input.reviewTitle}” · Ymunwch â thîm “${input.reviewTitle}”`,
    text,
  };
}
