/**
 * Domain rules about who sees and does what in a review, kept pure so routes, the analysis worker
 * and the report all apply the same ones.
 */

export type ReviewStatus = 'draft' | 'open' | 'closed';
export type ModerationMode = 'strict' | 'permissive';
export type ModerationState = 'pending' | 'accepted' | 'rejected';

/**
 * Whether participants see (and may vote on) a statement. Strict moderation shows only accepted
 * statements; permissive shows everything not rejected, as Pol.is does, so a review does not stall
 * while moderators are away.
 */
export function isStatementShown(mode: ModerationMode, moderation: ModerationState): boolean {
  return moderation === 'accepted' || (mode === 'permissive' && moderation === 'pending');
}

/** Votes, answers and new statements are taken only while a review is open. */
export function acceptsParticipation(status: ReviewStatus): boolean {
  return status === 'open';
}

/** Organiser-written (seed) statements need no moderation; participants' wait for it. */
export function initialModeration(origin: 'seed' | 'participant' | 'event'): ModerationState {
  return origin === 'seed' ? 'accepted' : 'pending';
}

export type ReviewRole = 'owner' | 'organiser' | 'moderator' | 'facilitator' | 'analyst';

/**
 * What each role may do on a review (docs/roles.md is this table in words; tests check both).
 * Owners and organisers run the review; moderators look after statements; facilitators host events;
 * analysts read results. Everyone but analysts may record voter voices on the doorstep. Only owners see the audit log and may grant or remove the organiser role, so
 * an organiser cannot lock the owner out or hide what they did.
 */
export const rolePermissions = {
  owner: {
    editReview: true,
    moderate: true,
    invite: true,
    manageTeam: true,
    grantOrganiser: true,
    viewDashboard: true,
    viewResults: true,
    viewAudit: true,
    hostEvents: true,
    recordVoices: true,
  },
  organiser: {
    editReview: true,
    moderate: true,
    invite: true,
    manageTeam: true,
    grantOrganiser: false,
    viewDashboard: true,
    viewResults: true,
    viewAudit: false,
    hostEvents: true,
    recordVoices: true,
  },
  moderator: {
    editReview: false,
    moderate: true,
    invite: false,
    manageTeam: false,
    grantOrganiser: false,
    viewDashboard: true,
    viewResults: true,
    viewAudit: false,
    hostEvents: false,
    recordVoices: true,
  },
  facilitator: {
    editReview: false,
    moderate: false,
    invite: false,
    manageTeam: false,
    grantOrganiser: false,
    viewDashboard: false,
    viewResults: true,
    viewAudit: false,
    hostEvents: true,
    recordVoices: true,
  },
  analyst: {
    editReview: false,
    moderate: false,
    invite: false,
    manageTeam: false,
    grantOrganiser: false,
    viewDashboard: true,
    viewResults: true,
    viewAudit: false,
    hostEvents: false,
    recordVoices: false,
  },
} as const satisfies Record<ReviewRole, Record<string, boolean>>;

export type ReviewPermission = keyof (typeof rolePermissions)['owner'];

/** Every role, most powerful first (the order of the table above and of docs/roles.md). */
export const reviewRoleList = Object.keys(rolePermissions) as ReviewRole[];
/** Roles one can be invited to by email. Owners are made from existing members, by an owner. */
export const invitableRoles = [
  'organiser',
  'moderator',
  'facilitator',
  'analyst',
] as const satisfies readonly ReviewRole[];
export type InvitableRole = (typeof invitableRoles)[number];
/** Every permission, in the table's order. */
export const reviewPermissionList = Object.keys(rolePermissions.owner) as ReviewPermission[];

export function roleAllows(role: ReviewRole | undefined, permission: ReviewPermission): boolean {
  return role !== undefined && rolePermissions[role][permission];
}

/**
 * The permission needed to give someone `role`, or to change or remove a member who has it. Owners
 * and organisers can change the review and its team, so making (or unmaking) one is for owners only;
 * that is also what stops an organiser from demoting or removing an owner.
 */
export function permissionToAssign(role: ReviewRole): ReviewPermission {
  return role === 'owner' || role === 'organiser' ? 'grantOrganiser' : 'manageTeam';
}
