import { describe, expect, it } from 'vitest';
import {
  acceptsParticipation,
  initialModeration,
  isStatementShown,
  permissionToAssign,
  type ReviewRole,
  reviewRoleList,
  roleAllows,
} from './review-rules.js';

describe('isStatementShown', () => {
  it('shows only accepted statements under strict moderation', () => {
    expect(isStatementShown('strict', 'accepted')).toBe(true);
    expect(isStatementShown('strict', 'pending')).toBe(false);
    expect(isStatementShown('strict', 'rejected')).toBe(false);
  });

  it('shows pending statements under permissive moderation but never rejected ones', () => {
    expect(isStatementShown('permissive', 'pending')).toBe(true);
    expect(isStatementShown('permissive', 'rejected')).toBe(false);
  });
});

describe('participation and roles', () => {
  it('takes part only in open reviews', () => {
    expect(acceptsParticipation('open')).toBe(true);
    expect(acceptsParticipation('draft')).toBe(false);
    expect(acceptsParticipation('closed')).toBe(false);
  });

  it('accepts seed statements at once and holds the others for moderation', () => {
    expect(initialModeration('seed')).toBe('accepted');
    expect(initialModeration('participant')).toBe('pending');
  });

  it('lets moderators moderate but not edit the review', () => {
    expect(roleAllows('moderator', 'moderate')).toBe(true);
    expect(roleAllows('moderator', 'editReview')).toBe(false);
    expect(roleAllows('organiser', 'editReview')).toBe(true);
    expect(roleAllows(undefined, 'moderate')).toBe(false);
  });
});

describe('permissionToAssign', () => {
  it('keeps the owner and organiser roles for owners, and other roles for whoever manages the team', () => {
    const allowed = (actor: ReviewRole, role: ReviewRole) => roleAllows(actor, permissionToAssign(role));
    expect(reviewRoleList.filter((role) => allowed('owner', role))).toEqual(reviewRoleList);
    expect(reviewRoleList.filter((role) => allowed('organiser', role))).toEqual([
      'moderator',
      'facilitator',
      'analyst',
    ]);
    for (const actor of ['moderator', 'facilitator', 'analyst'] as const) {
      expect(reviewRoleList.filter((role) => allowed(actor, role))).toEqual([]);
    }
  });
});
