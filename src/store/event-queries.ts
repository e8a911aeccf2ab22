import { type Kysely, type Selectable, sql } from 'kysely';
import type { EventRegistrationsTable, EventsTable } from './event-schema.js';
import type {
  EventChanges,
  EventFilter,
  EventHostRole,
  EventHostRow,
  EventRow,
  EventStore,
  NewEvent,
  NewRegistration,
  RegistrationChanges,
  RegistrationRow,
  TablePlanRow,
} from './event-store.js';
import { conflictFromError } from './kysely-store.js';
import type { Database } from './schema.js';

/**
 * The events queries of `KyselyStore` (migration 0009). Each takes the store's connection, which may
 * be a transaction, so commands compose them inside `store.transaction`.
 */

const integerCount = sql<number>`cast(count(*) as integer)`;

export async function insertEvent(db: Kysely<Database>, input: NewEvent): Promise<EventRow> {
  const row = await db
    .insertInto('events')
    .values({
      review_id: input.reviewId,
      type: input.type,
      title: input.title,
      description: input.description,
      format: input.format,
      venue: input.venue,
      address: input.address,
      region: input.region,
      accessibility_notes: input.accessibilityNotes,
      meeting_link: input.meetingLink,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      time_zone: input.timeZone,
      capacity: input.capacity,
      status: input.status,
      proposed_by_account_id: input.proposedByAccountId,
      approved_by_account_id: null,
      approved_at: null,
      created_at: input.createdAt,
      updated_at: input.updatedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return eventFromRow(row);
}

export async function findEvent(db: Kysely<Database>, eventId: number): Promise<EventRow | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
  return row === undefined ? undefined : eventFromRow(row);
}

export async function updateEvent(
  db: Kysely<Database>,
  eventId: number,
  changes: EventChanges,
): Promise<EventRow | undefined> {
  const values: Partial<Record<keyof EventsTable, unknown>> = { updated_at: changes.updatedAt };
  const columns: Array<[keyof EventChanges, keyof EventsTable]> = [
    ['reviewId', 'review_id'],
    ['type', 'type'],
    ['title', 'title'],
    ['description', 'description'],
    ['format', 'format'],
    ['venue', 'venue'],
    ['address', 'address'],
    ['region', 'region'],
    ['accessibilityNotes', 'accessibility_notes'],
    ['meetingLink', 'meeting_link'],
    ['startsAt', 'starts_at'],
    ['endsAt', 'ends_at'],
    ['timeZone', 'time_zone'],
    ['capacity', 'capacity'],
    ['status', 'status'],
    ['sequence', 'sequence'],
    ['approvedByAccountId', 'approved_by_account_id'],
    ['approvedAt', 'approved_at'],
  ];
  for (const [field, column] of columns) {
    if (changes[field] !== undefined) values[column] = changes[field];
  }
  const row = await db
    .updateTable('events')
    .set(values as never)
    .where('id', '=', eventId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : eventFromRow(row);
}

export async function listEvents(db: Kysely<Database>, filter: EventFilter): Promise<EventRow[]> {
  let query = db.selectFrom('events').selectAll('events');
  if (filter.statuses !== undefined) {
    if (filter.statuses.length === 0) return [];
    query = query.where('events.status', 'in', filter.statuses);
  }
  if (filter.type !== undefined) query = query.where('events.type', '=', filter.type);
  if (filter.region !== undefined) query = query.where('events.region', '=', filter.region);
  if (filter.endsFrom !== undefined) query = query.where('events.ends_at', '>=', filter.endsFrom);
  if (filter.startsBefore !== undefined) query = query.where('events.starts_at', '<', filter.startsBefore);
  if (filter.hostAccountId !== undefined) {
    const accountId = filter.hostAccountId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_hosts')
          .select('event_hosts.event_id')
          .whereRef('event_hosts.event_id', '=', 'events.id')
          .where('event_hosts.account_id', '=', accountId),
      ),
    );
  }
  if (filter.reviewIds !== undefined || filter.standalone) {
    const reviewIds = filter.reviewIds ?? [];
    if (reviewIds.length === 0 && !filter.standalone) return [];
    query = query.where((eb) => {
      const either = [];
      if (reviewIds.length > 0) either.push(eb('events.review_id', 'in', reviewIds));
      if (filter.standalone) either.push(eb('events.review_id', 'is', null));
      return eb.or(either);
    });
  }
  const rows = await query.orderBy('events.starts_at').orderBy('events.id').execute();
  return rows.map(eventFromRow);
}

export async function setEventHost(
  db: Kysely<Database>,
  input: { eventId: number; accountId: number; role: EventHostRole; createdAt: string },
): Promise<void> {
  await db
    .insertInto('event_hosts')
    .values({ event_id: input.eventId, account_id: input.accountId, role: input.role, created_at: input.createdAt })
    .onConflict((conflict) => conflict.columns(['event_id', 'account_id']).doUpdateSet({ role: input.role }))
    .execute();
}

export async function listEventHosts(db: Kysely<Database>, eventId: number): Promise<EventHostRow[]> {
  const rows = await db
    .selectFrom('event_hosts')
    .innerJoin('accounts', 'accounts.id', 'event_hosts.account_id')
    .select(['event_hosts.account_id', 'accounts.display_name', 'accounts.email', 'event_hosts.role'])
    .where('event_hosts.event_id', '=', eventId)
    .orderBy('event_hosts.created_at')
    .orderBy('event_hosts.account_id')
    .execute();
  return rows.map((row) => ({
    accountId: row.account_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
  }));
}

export async function findEventHostRole(
  db: Kysely<Database>,
  eventId: number,
  accountId: number,
): Promise<EventHostRole | undefined> {
  const row = await db
    .selectFrom('event_hosts')
    .select('role')
    .where('event_id', '=', eventId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.role;
}

export async function lockEvent(db: Kysely<Database>, kind: 'sqlite' | 'postgres', eventId: number): Promise<void> {
  if (kind !== 'postgres') return;
  await db.selectFrom('events').select('id').where('id', '=', eventId).forUpdate().execute();
}

export async function insertRegistration(db: Kysely<Database>, input: NewRegistration): Promise<RegistrationRow> {
  const row = await db
    .insertInto('event_registrations')
    .values({
      event_id: input.eventId,
      name: input.name,
      email: input.email,
      answers: JSON.stringify(input.answers),
      opinion_group: input.opinionGroup,
      status: input.status,
      position: input.position,
      manage_token_hash: input.manageTokenHash,
      check_in_token_hash: input.checkInTokenHash,
      checked_in_at: null,
      together_with: JSON.stringify(input.togetherWith ?? []),
      apart_from: JSON.stringify(input.apartFrom ?? []),
      reminder_sent_at: null,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return registrationFromRow(row);
}

export async function findRegistration(
  db: Kysely<Database>,
  where:
    | { eventId: number; id: number }
    | { eventId: number; email: string }
    | { manageTokenHash: string }
    | {
        checkInTokenHash: string;
      },
): Promise<RegistrationRow | undefined> {
  let query = db.selectFrom('event_registrations').selectAll();
  if ('id' in where) query = query.where('event_id', '=', where.eventId).where('id', '=', where.id);
  else if ('email' in where) query = query.where('event_id', '=', where.eventId).where('email', '=', where.email);
  else if ('manageTokenHash' in where) query = query.where('manage_token_hash', '=', where.manageTokenHash);
  else query = query.where('check_in_token_hash', '=', where.checkInTokenHash);
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : registrationFromRow(row);
}

export async function updateRegistration(
  db: Kysely<Database>,
  registrationId: number,
  changes: RegistrationChanges,
): Promise<RegistrationRow> {
  const values: Partial<Record<keyof EventRegistrationsTable, unknown>> = { updated_at: changes.updatedAt };
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.answers !== undefined) values.answers = JSON.stringify(changes.answers);
  if (changes.opinionGroup !== undefined) values.opinion_group = changes.opinionGroup;
  if (changes.status !== undefined) values.status = changes.status;
  if (changes.position !== undefined) values.position = changes.position;
  if (changes.manageTokenHash !== undefined) values.manage_token_hash = changes.manageTokenHash;
  if (changes.checkInTokenHash !== undefined) values.check_in_token_hash = changes.checkInTokenHash;
  if (changes.checkedInAt !== undefined) values.checked_in_at = changes.checkedInAt;
  if (changes.togetherWith !== undefined) values.together_with = JSON.stringify(changes.togetherWith);
  if (changes.apartFrom !== undefined) values.apart_from = JSON.stringify(changes.apartFrom);
  const row = await db
    .updateTable('event_registrations')
    .set(values as never)
    .where('id', '=', registrationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return registrationFromRow(row);
}

export async function listRegistrations(db: Kysely<Database>, eventId: number): Promise<RegistrationRow[]> {
  const rows = await db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy(sql`case status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(registrationFromRow);
}

export async function countRegistrations(
  db: Kysely<Database>,
  eventId: number,
): Promise<{ confirmed: number; waitlisted: number; checkedIn: number }> {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['status', integerCount.as('count')])
    .select(sql<number>`cast(sum(case when checked_in_at is null then 0 else 1 end) as integer)`.as('checked_in'))
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const counts = { confirmed: 0, waitlisted: 0, checkedIn: 0 };
  for (const row of rows) {
    if (row.status === 'confirmed') {
      counts.confirmed = row.count;
      counts.checkedIn = row.checked_in ?? 0;
    } else if (row.status === 'waitlisted') counts.waitlisted = row.count;
  }
  return counts;
}

export async function firstWaitlisted(db: Kysely<Database>, eventId: number): Promise<RegistrationRow | undefined> {
  const row = await db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('position')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : registrationFromRow(row);
}

export async function nextWaitlistPosition(db: Kysely<Database>, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .select(sql<number | null>`cast(max(position) as integer)`.as('last'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

export async function listDueReminders(
  db: Kysely<Database>,
  from: string,
  to: string,
  limit: number,
): Promise<Array<{ event: EventRow; registration: RegistrationRow }>> {
  const rows = await db
    .selectFrom('event_registrations')
    .innerJoin('events', 'events.id', 'event_registrations.event_id')
    .selectAll('event_registrations')
    .select('events.starts_at as event_starts_at')
    .where('events.status', '=', 'published')
    .where('events.starts_at', '>', from)
    .where('events.starts_at', '<=', to)
    .where('event_registrations.status', '=', 'confirmed')
    .where('event_registrations.reminder_sent_at', 'is', null)
    .orderBy('events.starts_at')
    .orderBy('event_registrations.id')
    .limit(limit)
    .execute();
  const events = new Map<number, EventRow>();
  const due: Array<{ event: EventRow; registration: RegistrationRow }> = [];
  for (const row of rows) {
    let event = events.get(row.event_id);
    if (event === undefined) {
      event = await findEvent(db, row.event_id);
      if (event === undefined) continue;
      events.set(event.id, event);
    }
    due.push({ event, registration: registrationFromRow(row) });
  }
  return due;
}

export async function claimReminder(db: Kysely<Database>, registrationId: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('event_registrations')
    .set({ reminder_sent_at: at })
    .where('id', '=', registrationId)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveTablePlan(db: Kysely<Database>, input: TablePlanRow): Promise<void> {
  const values = {
    seed: input.seed,
    table_size: input.tableSize,
    plan: JSON.stringify(input.tables),
    updated_by_account_id: input.updatedByAccountId,
    updated_at: input.updatedAt,
  };
  await db
    .insertInto('event_table_plans')
    .values({ event_id: input.eventId, ...values })
    .onConflict((conflict) => conflict.column('event_id').doUpdateSet(values))
    .execute();
}

export async function findTablePlan(db: Kysely<Database>, eventId: number): Promise<TablePlanRow | undefined> {
  const row = await db.selectFrom('event_table_plans').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    eventId: row.event_id,
    seed: row.seed,
    tableSize: row.table_size,
    tables: JSON.parse(row.plan) as number[][],
    updatedByAccountId: row.updated_by_account_id,
    updatedAt: row.updated_at,
  };
}

function eventFromRow(row: Selectable<EventsTable>): EventRow {
  return {
    id: row.id,
    reviewId: row.review_id,
    type: row.type,
    title: row.title,
    description: row.description,
    format: row.format,
    venue: row.venue,
    address: row.address,
    region: row.region,
    accessibilityNotes: row.accessibility_notes,
    meetingLink: row.meeting_link,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    capacity: row.capacity,
    status: row.status,
    sequence: row.sequence,
    proposedByAccountId: row.proposed_by_account_id,
    approvedByAccountId: row.approved_by_account_id,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function registrationFromRow(row: Selectable<EventRegistrationsTable>): RegistrationRow {
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    email: row.email,
    answers: JSON.parse(row.answers) as RegistrationRow['answers'],
    opinionGroup: row.opinion_group,
    status: row.status,
    position: row.position,
    manageTokenHash: row.manage_token_hash,
    checkInTokenHash: row.check_in_token_hash,
    checkedInAt: row.checked_in_at,
    togetherWith: JSON.parse(row.together_with) as number[],
    apartFrom: JSON.parse(row.apart_from) as number[],
    reminderSentAt: row.reminder_sent_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `store.events`: the EventStore over the store's connection (a transaction's, inside one). */
export class KyselyEventStore implements EventStore {
  readonly #db: Kysely<Database>;
  readonly #kind: 'sqlite' | 'postgres';

  constructor(db: Kysely<Database>, kind: 'sqlite' | 'postgres') {
    this.#db = db;
    this.#kind = kind;
  }

  async createEvent(input: NewEvent, host: { accountId: number; role: EventHostRole }): Promise<EventRow> {
    const work = async (db: Kysely<Database>) => {
      const event = await insertEvent(db, input);
      await setEventHost(db, {
        eventId: event.id,
        accountId: host.accountId,
        role: host.role,
        createdAt: input.createdAt,
      });
      return event;
    };
    return this.#db.isTransaction ? work(this.#db) : this.#db.transaction().execute(work);
  }
  findEvent(eventId: number): Promise<EventRow | undefined> {
    return findEvent(this.#db, eventId);
  }
  updateEvent(eventId: number, changes: EventChanges): Promise<EventRow | undefined> {
    return updateEvent(this.#db, eventId, changes);
  }
  listEvents(filter: EventFilter): Promise<EventRow[]> {
    return listEvents(this.#db, filter);
  }
  setEventHost(input: { eventId: number; accountId: number; role: EventHostRole; createdAt: string }): Promise<void> {
    return setEventHost(this.#db, input);
  }
  listEventHosts(eventId: number): Promise<EventHostRow[]> {
    return listEventHosts(this.#db, eventId);
  }
  findEventHostRole(eventId: number, accountId: number): Promise<EventHostRole | undefined> {
    return findEventHostRole(this.#db, eventId, accountId);
  }
  lockEvent(eventId: number): Promise<void> {
    return lockEvent(this.#db, this.#kind, eventId);
  }
  createRegistration(input: NewRegistration): Promise<RegistrationRow> {
    return mapConflicts(insertRegistration(this.#db, input));
  }
  findRegistration(eventId: number, registrationId: number): Promise<RegistrationRow | undefined> {
    return findRegistration(this.#db, { eventId, id: registrationId });
  }
  findRegistrationByEmail(eventId: number, email: string): Promise<RegistrationRow | undefined> {
    return findRegistration(this.#db, { eventId, email });
  }
  findRegistrationByManageTokenHash(tokenHash: string): Promise<RegistrationRow | undefined> {
    return findRegistration(this.#db, { manageTokenHash: tokenHash });
  }
  findRegistrationByCheckInTokenHash(tokenHash: string): Promise<RegistrationRow | undefined> {
    return findRegistration(this.#db, { checkInTokenHash: tokenHash });
  }
  updateRegistration(registrationId: number, changes: RegistrationChanges): Promise<RegistrationRow> {
    return mapConflicts(updateRegistration(this.#db, registrationId, changes));
  }
  listRegistrations(eventId: number): Promise<RegistrationRow[]> {
    return listRegistrations(this.#db, eventId);
  }
  countRegistrations(eventId: number): Promise<{ confirmed: number; waitlisted: number; checkedIn: number }> {
    return countRegistrations(this.#db, eventId);
  }
  firstWaitlisted(eventId: number): Promise<RegistrationRow | undefined> {
    return firstWaitlisted(this.#db, eventId);
  }
  nextWaitlistPosition(eventId: number): Promise<number> {
    return nextWaitlistPosition(this.#db, eventId);
  }
  listDueReminders(
    from: string,
    to: string,
    limit: number,
  ): Promise<Array<{ event: EventRow; registration: RegistrationRow }>> {
    return listDueReminders(this.#db, from, to, limit);
  }
  claimReminder(registrationId: number, at: string): Promise<boolean> {
    return claimReminder(this.#db, registrationId, at);
  }
  saveTablePlan(input: TablePlanRow): Promise<void> {
    return saveTablePlan(this.#db, input);
  }
  findTablePlan(eventId: number): Promise<TablePlanRow | undefined> {
    return findTablePlan(this.#db, eventId);
  }
}

async function mapConflicts<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw conflictFromError(error) ?? error;
  }
}
