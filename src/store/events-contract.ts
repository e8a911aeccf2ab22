import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NewEvent, type NewRegistration, storeEventConstraints } from './event-store.js';
import { type AccountRow, type Store, StoreConflictError } from './store.js';

/**
 * The Store's events behaviour (0009), run on both databases by `store.test.ts`. `createStore`
 * returns a new, empty, migrated store each call.
 */
export function runEventsContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract (events): ${name}`, () => {
    let store: Store;
    let opened: Store | undefined;
    let host: AccountRow;

    beforeEach(async () => {
      opened = undefined;
      store = await createStore();
      opened = store;
      host = await store.createAccount({
        email: 'host@example.org',
        displayName: 'Hana Host',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt: at(0),
      });
    });
    afterEach(async () => {
      await opened?.close();
    });

    function at(hour: number): string {
      return new Date(Date.UTC(2026, 11, 1, hour)).toISOString();
    }

    function anEvent(overrides: Partial<NewEvent> = {}): NewEvent {
      return {
        reviewId: null,
        type: 'roundtable',
        title: 'Cardiff roundtable',
        description: 'Talk across traditions.',
        format: 'in_person',
        venue: 'Community hall',
        address: '1 High Street',
        region: 'Wales',
        accessibilityNotes: 'Step-free',
        meetingLink: null,
        startsAt: at(18),
        endsAt: at(20),
        timeZone: 'Europe/London',
        capacity: 2,
        status: 'published',
        proposedByAccountId: host.id,
        createdAt: at(1),
        updatedAt: at(1),
        ...overrides,
      };
    }

    function aRegistration(eventId: number, email: string, overrides: Partial<NewRegistration> = {}): NewRegistration {
      return {
        eventId,
        name: email.split('@')[0] ?? email,
        email,
        answers: [],
        opinionGroup: null,
        status: 'confirmed',
        position: null,
        manageTokenHash: `manage-${email}`,
        checkInTokenHash: `check-in-${email}`,
        createdAt: at(2),
        ...overrides,
      };
    }

    it('creates an event with its first host and finds it again', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      expect(event).toMatchObject({ title: 'Cardiff roundtable', status: 'published', sequence: 0, capacity: 2 });
      expect(await store.events.findEvent(event.id)).toEqual(event);
      expect(await store.events.findEventHostRole(event.id, host.id)).toBe('host');
      expect(await store.events.listEventHosts(event.id)).toEqual([
        { accountId: host.id, displayName: 'Hana Host', email: 'host@example.org', role: 'host' },
      ]);
    });

    it('updates only the fields given', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      const updated = await store.events.updateEvent(event.id, { venue: 'Library', sequence: 1, updatedAt: at(3) });
      expect(updated).toMatchObject({ venue: 'Library', sequence: 1, address: '1 High Street', updatedAt: at(3) });
      expect(await store.events.updateEvent(event.id + 100, { title: 'x', updatedAt: at(3) })).toBeUndefined();
    });

    it('lists events by start time and filters by status, type, region, dates and host', async () => {
      const late = await store.events.createEvent(anEvent({ startsAt: at(19), endsAt: at(21), title: 'Late' }), {
        accountId: host.id,
        role: 'host',
      });
      const early = await store.events.createEvent(
        anEvent({ startsAt: at(9), endsAt: at(10), title: 'Early', type: 'workshop', region: 'North' }),
        { accountId: host.id, role: 'host' },
      );
      const other = await store.createAccount({
        email: 'other@example.org',
        displayName: 'O',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt: at(0),
      });
      const proposed = await store.events.createEvent(anEvent({ status: 'proposed', title: 'Proposed' }), {
        accountId: other.id,
        role: 'host',
      });
      const titles = (rows: Array<{ title: string }>) => rows.map((row) => row.title);
      expect(titles(await store.events.listEvents({ statuses: ['published'] }))).toEqual(['Early', 'Late']);
      expect(titles(await store.events.listEvents({ type: 'workshop' }))).toEqual(['Early']);
      expect(titles(await store.events.listEvents({ region: 'Wales', statuses: ['published'] }))).toEqual(['Late']);
      expect(titles(await store.events.listEvents({ endsFrom: at(15) }))).toEqual(['Proposed', 'Late']);
      expect(titles(await store.events.listEvents({ startsBefore: at(12) }))).toEqual(['Early']);
      expect((await store.events.listEvents({ hostAccountId: other.id })).map((row) => row.id)).toEqual([proposed.id]);
      expect((await store.events.listEvents({ standalone: true })).length).toBe(3);
      expect(await store.events.listEvents({ reviewIds: [] })).toEqual([]);
      expect([late.id, early.id]).not.toContain(proposed.id);
    });

    it('keeps one registration per email and event, reported as a conflict', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      await store.events.createRegistration(aRegistration(event.id, 'ann@example.org'));
      const clash = store.events.createRegistration(
        aRegistration(event.id, 'ann@example.org', { manageTokenHash: 'other', checkInTokenHash: 'other-2' }),
      );
      await expect(clash).rejects.toBeInstanceOf(StoreConflictError);
      await expect(clash).rejects.toMatchObject({ constraint: storeEventConstraints.registrationEmail });
    });

    it('stores answers, finds registrations by id, email and token hashes, and orders the list', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      const ann = await store.events.createRegistration(
        aRegistration(event.id, 'ann@example.org', { answers: [{ questionId: 4, optionId: 9 }] }),
      );
      const cy = await store.events.createRegistration(
        aRegistration(event.id, 'cy@example.org', { status: 'waitlisted', position: 2 }),
      );
      const bo = await store.events.createRegistration(
        aRegistration(event.id, 'bo@example.org', { status: 'waitlisted', position: 1 }),
      );
      expect(ann.answers).toEqual([{ questionId: 4, optionId: 9 }]);
      expect(await store.events.findRegistration(event.id, ann.id)).toEqual(ann);
      expect(await store.events.findRegistrationByEmail(event.id, 'bo@example.org')).toEqual(bo);
      expect(await store.events.findRegistrationByManageTokenHash('manage-cy@example.org')).toEqual(cy);
      expect(await store.events.findRegistrationByCheckInTokenHash('check-in-ann@example.org')).toEqual(ann);
      expect((await store.events.listRegistrations(event.id)).map((row) => row.email)).toEqual([
        'ann@example.org',
        'bo@example.org',
        'cy@example.org',
      ]);
      expect((await store.events.firstWaitlisted(event.id))?.id).toBe(bo.id);
      expect(await store.events.nextWaitlistPosition(event.id)).toBe(3);
      await store.events.updateRegistration(ann.id, { checkedInAt: at(18), updatedAt: at(18) });
      expect(await store.events.countRegistrations(event.id)).toEqual({ confirmed: 1, waitlisted: 2, checkedIn: 1 });
    });

    it('promotes inside a transaction: all or nothing', async () => {
      const event = await store.events.createEvent(anEvent({ capacity: 1 }), { accountId: host.id, role: 'host' });
      const ann = await store.events.createRegistration(aRegistration(event.id, 'ann@example.org'));
      const bo = await store.events.createRegistration(
        aRegistration(event.id, 'bo@example.org', { status: 'waitlisted', position: 1 }),
      );
      await expect(
        store.transaction(async (tx) => {
          await tx.events.lockEvent(event.id);
          await tx.events.updateRegistration(ann.id, { status: 'cancelled', updatedAt: at(3) });
          await tx.events.updateRegistration(bo.id, { status: 'confirmed', position: null, updatedAt: at(3) });
          throw new Error('mail server down');
        }),
      ).rejects.toThrow('mail server down');
      expect(await store.events.countRegistrations(event.id)).toEqual({ confirmed: 1, waitlisted: 1, checkedIn: 0 });
    });

    it('lists due reminders once: a claimed reminder is not due again', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      const cancelled = await store.events.createEvent(anEvent({ status: 'cancelled' }), {
        accountId: host.id,
        role: 'host',
      });
      const ann = await store.events.createRegistration(aRegistration(event.id, 'ann@example.org'));
      await store.events.createRegistration(
        aRegistration(event.id, 'bo@example.org', { status: 'waitlisted', position: 1 }),
      );
      await store.events.createRegistration(aRegistration(cancelled.id, 'cy@example.org'));
      const due = await store.events.listDueReminders(at(0), at(23), 100);
      expect(due.map(({ event: row, registration }) => [row.id, registration.id])).toEqual([[event.id, ann.id]]);
      expect(await store.events.claimReminder(ann.id, at(1))).toBe(true);
      expect(await store.events.claimReminder(ann.id, at(1))).toBe(false);
      expect(await store.events.listDueReminders(at(0), at(23), 100)).toEqual([]);
      expect(await store.events.listDueReminders(at(18), at(23), 100)).toEqual([]);
    });

    it('saves and replaces the table plan', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      expect(await store.events.findTablePlan(event.id)).toBeUndefined();
      const plan = {
        eventId: event.id,
        seed: 7,
        tableSize: 6,
        tables: [[1, 2], [3]],
        updatedByAccountId: host.id,
        updatedAt: at(4),
      };
      await store.events.saveTablePlan(plan);
      expect(await store.events.findTablePlan(event.id)).toEqual(plan);
      await store.events.saveTablePlan({ ...plan, tables: [[2, 1], [3]], updatedAt: at(5) });
      expect((await store.events.findTablePlan(event.id))?.tables).toEqual([[2, 1], [3]]);
    });

    it('changes a host role rather than adding the host twice', async () => {
      const event = await store.events.createEvent(anEvent(), { accountId: host.id, role: 'host' });
      await store.events.setEventHost({ eventId: event.id, accountId: host.id, role: 'facilitator', createdAt: at(2) });
      expect(await store.events.listEventHosts(event.id)).toHaveLength(1);
      expect(await store.events.findEventHostRole(event.id, host.id)).toBe('facilitator');
    });
  });
}
