/**
 * The events part of the Store (migration 0009), kept in its own interface so `store.ts` only
 * extends it. Same conventions: ISO UTC times passed in, undefined when nothing is found,
 * StoreConflictError on uniqueness clashes.
 */
export interface EventStore {
  /** The event and its first host, in one transaction. */
  createEvent(input: NewEvent, host: { accountId: number; role: EventHostRole }): Promise<EventRow>;
  findEvent(eventId: number): Promise<EventRow | undefined>;
  /** Undefined when there is no such event. */
  updateEvent(eventId: number, changes: EventChanges): Promise<EventRow | undefined>;
  /** Events by start time (soonest first), filtered; `hostAccountId` keeps only events that account hosts. */
  listEvents(filter: EventFilter): Promise<EventRow[]>;
  /** Adds a host or facilitator, or changes the role of one already there. */
  setEventHost(input: { eventId: number; accountId: number; role: EventHostRole; createdAt: string }): Promise<void>;
  listEventHosts(eventId: number): Promise<EventHostRow[]>;
  findEventHostRole(eventId: number, accountId: number): Promise<EventHostRole | undefined>;
  /**
   * Inside a transaction: on PostgreSQL locks the event's row until commit, so registrations and
   * cancellations of one event queue up and capacity cannot be overrun by two app instances. SQLite
   * has one writer at a time already.
   */
  lockEvent(eventId: number): Promise<void>;

  /** Throws StoreConflictError (`storeEventConstraints.registrationEmail`) when the address is registered already. */
  createRegistration(input: NewRegistration): Promise<RegistrationRow>;
  findRegistration(eventId: number, registrationId: number): Promise<RegistrationRow | undefined>;
  findRegistrationByEmail(eventId: number, email: string): Promise<RegistrationRow | undefined>;
  findRegistrationByManageTokenHash(tokenHash: string): Promise<RegistrationRow | undefined>;
  findRegistrationByCheckInTokenHash(tokenHash: string): Promise<RegistrationRow | undefined>;
  updateRegistration(registrationId: number, changes: RegistrationChanges): Promise<RegistrationRow>;
  /** Confirmed first (by id), then the waitlist in position order, then cancelled. */
  listRegistrations(eventId: number): Promise<RegistrationRow[]>;
  countRegistrations(eventId: number): Promise<{ confirmed: number; waitlisted: number; checkedIn: number }>;
  /** The waitlist's head, or undefined when nobody waits. */
  firstWaitlisted(eventId: number): Promise<RegistrationRow | undefined>;
  /** The next free waitlist position (1 when nobody waits). */
  nextWaitlistPosition(eventId: number): Promise<number>;

  /**
   * Confirmed registrations of published events starting in (from, to] whose reminder has not gone,
   * soonest first, at most `limit`.
   */
  listDueReminders(
    from: string,
    to: string,
    limit: number,
  ): Promise<Array<{ event: EventRow; registration: RegistrationRow }>>;
  /** Claims a reminder: true for exactly one caller, false when it was claimed already (safe across instances). */
  claimReminder(registrationId: number, at: string): Promise<boolean>;

  saveTablePlan(input: TablePlanRow): Promise<void>;
  findTablePlan(eventId: number): Promise<TablePlanRow | undefined>;
}

export const storeEventConstraints = {
  registrationEmail: 'event_registrations_event_id_email_unique',
  hostPrimaryKey: 'event_hosts_pkey',
} as const;

export type EventFormat = 'in_person' | 'online' | 'hybrid';
export type EventStatus = 'draft' | 'proposed' | 'published' | 'cancelled' | 'finished';
export type EventHostRole = 'host' | 'facilitator';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface EventRow {
  id: number;
  reviewId: number | null;
  type: string;
  title: string;
  description: string;
  format: EventFormat;
  venue: string | null;
  address: string | null;
  region: string | null;
  accessibilityNotes: string | null;
  meetingLink: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  capacity: number;
  status: EventStatus;
  /** Incremented whenever the time or place changes, for calendar updates. */
  sequence: number;
  proposedByAccountId: number | null;
  approvedByAccountId: number | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type NewEvent = Omit<EventRow, 'id' | 'sequence' | 'approvedByAccountId' | 'approvedAt'>;
export type EventChanges = Partial<Omit<EventRow, 'id' | 'createdAt' | 'proposedByAccountId' | 'updatedAt'>> & {
  updatedAt: string;
};

export interface EventFilter {
  statuses?: EventStatus[];
  type?: string;
  region?: string;
  /** Events ending at or after this time. */
  endsFrom?: string;
  /** Events starting before this time. */
  startsBefore?: string;
  hostAccountId?: number;
  /** Events linked to any of these reviews. */
  reviewIds?: number[];
  /** Standalone events (no review). */
  standalone?: boolean;
}

export interface EventHostRow {
  accountId: number;
  displayName: string;
  email: string;
  role: EventHostRole;
}

export interface RegistrationAnswer {
  questionId: number;
  optionId: number;
}

export interface RegistrationRow {
  id: number;
  eventId: number;
  name: string;
  email: string;
  answers: RegistrationAnswer[];
  opinionGroup: string | null;
  status: RegistrationStatus;
  /** Place on the waitlist (1 = next); null unless waitlisted. */
  position: number | null;
  manageTokenHash: string;
  checkInTokenHash: string;
  checkedInAt: string | null;
  togetherWith: number[];
  apartFrom: number[];
  reminderSentAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type NewRegistration = Omit<
  RegistrationRow,
  'id' | 'checkedInAt' | 'reminderSentAt' | 'updatedAt' | 'togetherWith' | 'apartFrom'
> &
  Partial<Pick<RegistrationRow, 'togetherWith' | 'apartFrom'>>;
export type RegistrationChanges = Partial<
  Pick<
    RegistrationRow,
    | 'name'
    | 'answers'
    | 'opinionGroup'
    | 'status'
    | 'position'
    | 'manageTokenHash'
    | 'checkInTokenHash'
    | 'checkedInAt'
    | 'togetherWith'
    | 'apartFrom'
  >
> & { updatedAt: string };

export interface TablePlanRow {
  eventId: number;
  seed: number;
  tableSize: number;
  /** Registration ids per table, table 1 first. */
  tables: number[][];
  updatedByAccountId: number | null;
  updatedAt: string;
}
