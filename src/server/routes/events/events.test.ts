import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedEvent, MyRegistration, RegistrationResult, TablePlanView } from '../../../contract/events.js';
import type { Problem } from '../../../contract/problem.js';
import { createTestApi, signedInOwner, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, signedInAccount } from '../../../test-support/team.js';
import { sendDueReminders } from '../../events/reminders.js';

/** The test clock stands at 2026-11-25T10:00Z; events are in the following weeks. */
function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    type: 'roundtable',
    title: 'Cardiff roundtable',
    description: 'People from every tradition, one room.',
    format: 'hybrid',
    venue: 'Tramshed',
    address: 'Clare Road, Cardiff',
    region: 'Wales',
    accessibilityNotes: 'Step-free entrance',
    meetingLink: 'https://meet.example.org/cardiff',
    startsAt: '2026-12-03T18:30',
    endsAt: '2026-12-03T20:30',
    timeZone: 'Europe/London',
    capacity: 1,
    ...overrides,
  };
}

function tokenOf(result: RegistrationResult): string {
  return result.manageUrl.split('/').pop() ?? '';
}

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`events API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let host: TestClient;

    beforeEach(async () => {
      api = await createTestApi(factory);
      owner = await signedInOwner(api);
      ({ client: host } = await signedInAccount(api, 'host@example.org', 'Hana Host'));
    });
    afterEach(async () => {
      await api.close();
    });

    async function publishedEvent(overrides: Record<string, unknown> = {}): Promise<ManagedEvent> {
      const created = await host.post('/api/manage/events', eventBody(overrides));
      expect(created.statusCode).toBe(201);
      const event = created.json<ManagedEvent>();
      const approved = await owner.post(`/api/manage/events/${event.id}/approve`);
      expect(approved.statusCode).toBe(200);
      return approved.json<ManagedEvent>();
    }

    async function registerAs(eventId: number, name: string, extra: Record<string, unknown> = {}) {
      return api
        .client()
        .post(`/api/events/${eventId}/registrations`, { name, email: `${name.toLowerCase()}@example.org`, ...extra });
    }

    it('keeps a host’s event proposed and out of the list until the instance owner approves it', async () => {
      const created = await host.post('/api/manage/events', eventBody());
      expect(created.statusCode).toBe(201);
      const event = created.json<ManagedEvent>();
      expect(event).toMatchObject({
        status: 'proposed',
        startsAt: '2026-12-03T18:30:00.000Z',
        localStartsAt: '2026-12-03T18:30',
        canApprove: false,
      });
      expect((await api.client().get('/api/events')).json<{ events: unknown[] }>().events).toEqual([]);
      expect((await api.client().get(`/api/events/${event.id}`)).statusCode).toBe(404);

      const refused = await host.post(`/api/manage/events/${event.id}/approve`);
      expect(refused.statusCode).toBe(403);
      const { client: stranger } = await signedInAccount(api, 'stranger@example.org');
      expect((await stranger.get(`/api/manage/events/${event.id}`)).statusCode).toBe(404);

      const waiting = (await owner.get('/api/manage/events')).json<{ awaitingApproval: Array<{ id: number }> }>();
      expect(waiting.awaitingApproval.map((row) => row.id)).toEqual([event.id]);
      const approved = await owner.post(`/api/manage/events/${event.id}/approve`);
      expect(approved.json<ManagedEvent>().status).toBe('published');
      const listed = (await api.client().get('/api/events?type=roundtable&region=Wales')).json<{
        events: Array<{ id: number }>;
        types: string[];
        regions: string[];
      }>();
      expect(listed.events.map((row) => row.id)).toEqual([event.id]);
      expect(listed.types).toEqual(['roundtable', 'workshop', 'hackathon', 'social']);
      expect(listed.regions).toEqual(['Wales']);
      expect((await api.client().get('/api/events?type=social')).json<{ events: unknown[] }>().events).toEqual([]);
      expect((await api.client().get('/api/events?to=2026-12-02')).json<{ events: unknown[] }>().events).toEqual([]);
      expect((await api.client().get('/api/events?from=2026-12-04')).json<{ events: unknown[] }>().events).toEqual([]);
    });

    it('lets a facilitator of a review host its events and its organisers approve them; an analyst may not host', async () => {
      const review = await owner.post('/api/manage/reviews', {
        title: 'Why we lost',
        slug: 'why-we-lost',
        status: 'open',
      });
      expect(review.statusCode).toBe(201);
      const { client: facilitator, account: facilitatorAccount } = await signedInAccount(api, 'f@example.org');
      const { client: analyst, account: analystAccount } = await signedInAccount(api, 'a@example.org');
      const { client: organiser, account: organiserAccount } = await signedInAccount(api, 'o@example.org');
      await grantRole(api, 'why-we-lost', facilitatorAccount.id, 'facilitator');
      await grantRole(api, 'why-we-lost', analystAccount.id, 'analyst');
      await grantRole(api, 'why-we-lost', organiserAccount.id, 'organiser');

      const refused = await analyst.post('/api/manage/events', eventBody({ reviewSlug: 'why-we-lost' }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json<Problem>().errors?.[0]?.field).toBe('reviewSlug');
      const created = await facilitator.post('/api/manage/events', eventBody({ reviewSlug: 'why-we-lost' }));
      expect(created.statusCode).toBe(201);
      const event = created.json<ManagedEvent>();
      expect(event.review).toEqual({ slug: 'why-we-lost', title: 'Why we lost' });
      expect((await analyst.get(`/api/manage/events/${event.id}`)).statusCode).toBe(404);
      expect((await facilitator.post(`/api/manage/events/${event.id}/approve`)).statusCode).toBe(403);
      const approved = await organiser.post(`/api/manage/events/${event.id}/approve`);
      expect(approved.json<ManagedEvent>()).toMatchObject({ status: 'published', canApprove: true });
      const audit = await api.store.listAuditEvents((await api.store.findReviewBySlug('why-we-lost'))!.id, {
        limit: 10,
      });
      expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['event.create', 'event.approve']));
    });

    it('refuses past dates, an end before the start, capacity 0 and unknown time zones, naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ startsAt: '2026-11-20T18:00', endsAt: '2026-11-20T19:00' }, 'startsAt'],
        [{ endsAt: '2026-12-03T17:00' }, 'endsAt'],
        [{ capacity: 0 }, 'capacity'],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ type: 'rally' }, 'type'],
        [{ startsAt: '3 December' }, 'startsAt'],
      ];
      for (const [overrides, field] of cases) {
        const response = await host.post('/api/manage/events', eventBody(overrides));
        expect(response.statusCode, field).toBe(400);
        const problem = response.json<Problem>();
        expect(problem.errors?.map((error) => error.field)).toContain(field);
      }
      expect(await api.store.events.listEvents({})).toEqual([]);
    });

    it('waitlists when full, refuses a double registration and promotes the waitlist when someone cancels', async () => {
      const event = await publishedEvent({ capacity: 1 });
      const ann = await registerAs(event.id, 'Ann');
      expect(ann.statusCode).toBe(201);
      expect(ann.json<RegistrationResult>()).toMatchObject({ status: 'confirmed', position: null });
      const bo = await registerAs(event.id, 'Bo');
      expect(bo.statusCode).toBe(201);
      expect(bo.json<RegistrationResult>()).toMatchObject({ status: 'waitlisted', position: 1 });

      const again = await registerAs(event.id, 'Ann', { email: 'ANN@example.org' });
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>()).toMatchObject({ code: 'already_registered', errors: [{ field: 'email' }] });

      const annMail = api.outbox.find((mail) => mail.to === 'ann@example.org');
      expect(annMail?.icalEvent?.method).toBe('REQUEST');
      expect(annMail?.text).toContain('https://meet.example.org/cardiff');
      const boMail = api.outbox.find((mail) => mail.to === 'bo@example.org');
      expect(boMail?.icalEvent).toBeUndefined();
      expect(boMail?.text).not.toContain('meet.example.org');

      const boToken = tokenOf(bo.json<RegistrationResult>());
      const boView = (await api.client().get(`/api/event-registrations/${boToken}`)).json<MyRegistration>();
      expect(boView).toMatchObject({ status: 'waitlisted', position: 1, meetingLink: null, checkInQrSvg: null });

      const cancelled = await api
        .client()
        .post(`/api/event-registrations/${tokenOf(ann.json<RegistrationResult>())}/cancel`);
      expect(cancelled.json<MyRegistration>().status).toBe('cancelled');
      const promoted = (await api.client().get(`/api/event-registrations/${boToken}`)).json<MyRegistration>();
      expect(promoted).toMatchObject({
        status: 'confirmed',
        position: null,
        meetingLink: 'https://meet.example.org/cardiff',
      });
      expect(promoted.checkInQrSvg).toMatch(/^<svg/);
      const promotion = api.outbox.findLast((mail) => mail.to === 'bo@example.org');
      expect(promotion?.subject).toMatch(/place has opened/);
      expect(promotion?.icalEvent?.method).toBe('REQUEST');

      const managed = (await host.get(`/api/manage/events/${event.id}`)).json<ManagedEvent>();
      expect(managed.registrations.map((row) => [row.name, row.status])).toEqual([
        ['Bo', 'confirmed'],
        ['Ann', 'cancelled'],
      ]);
      expect(managed.placesLeft).toBe(0);
      expect((await api.client().get(`/api/event-registrations/${'x'.repeat(43)}`)).statusCode).toBe(404);
    });

    it('never seats more people than the capacity when many register at once', async () => {
      const event = await publishedEvent({ capacity: 3 });
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, index) => registerAs(event.id, `Person${index}`)),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(8).fill(201));
      const counts = await api.store.events.countRegistrations(event.id);
      expect(counts).toEqual({ confirmed: 3, waitlisted: 5, checkedIn: 0 });
      const positions = (await api.store.events.listRegistrations(event.id))
        .filter((row) => row.status === 'waitlisted')
        .map((row) => row.position);
      expect(positions).toEqual([1, 2, 3, 4, 5]);
    });

    it('attaches an invite that ical.js reads at the right instant and in the host’s zone', async () => {
      const event = await publishedEvent({ startsAt: '2027-07-01T18:30', endsAt: '2027-07-01T20:00' });
      await registerAs(event.id, 'Ann');
      const content = api.outbox.find((mail) => mail.to === 'ann@example.org')?.icalEvent?.content ?? '';
      const calendar = new ICAL.Component(ICAL.parse(content));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/London');
      const invite = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      // 18:30 in London in July is 17:30 UTC (BST).
      expect(invite.startDate.toJSDate().toISOString()).toBe('2027-07-01T17:30:00.000Z');
      expect(invite.endDate.toJSDate().toISOString()).toBe('2027-07-01T19:00:00.000Z');
      expect(invite.startDate.zone.tzid).toBe('UTC');
      expect(invite.summary).toBe('Cardiff roundtable');
      expect(invite.location).toBe('Tramshed, Clare Road, Cardiff');
      expect(invite.sequence).toBe(0);

      const moved = await host.patch(`/api/manage/events/${event.id}`, {
        startsAt: '2027-07-02T18:30',
        endsAt: '2027-07-02T20:00',
      });
      expect(moved.statusCode).toBe(200);
      const update = api.outbox.findLast((mail) => mail.to === 'ann@example.org');
      expect(update?.subject).toMatch(/^Changed/);
      const updated = new ICAL.Event(
        new ICAL.Component(ICAL.parse(update?.icalEvent?.content ?? '')).getFirstSubcomponent('vevent')!,
      );
      expect(updated.uid).toBe(invite.uid);
      expect(updated.sequence).toBe(1);
      expect(updated.startDate.toJSDate().toISOString()).toBe('2027-07-02T17:30:00.000Z');
    });

    it('sends each reminder once, the day before', async () => {
      const event = await publishedEvent({ capacity: 1 });
      await registerAs(event.id, 'Ann');
      await registerAs(event.id, 'Bo');
      expect(await sendDueReminders(api.context, new Date('2026-12-01T18:00:00.000Z'))).toBe(0);
      const dayBefore = new Date('2026-12-02T19:00:00.000Z');
      expect(await sendDueReminders(api.context, dayBefore)).toBe(1);
      expect(await sendDueReminders(api.context, dayBefore)).toBe(0);
      const reminders = api.outbox.filter((mail) => mail.subject.startsWith('Tomorrow'));
      expect(reminders.map((mail) => mail.to)).toEqual(['ann@example.org']);
    });

    it('exports attendees as CSV for hosts only, with formula-like names defused', async () => {
      const event = await publishedEvent({ capacity: 5 });
      await registerAs(event.id, 'Ann');
      await registerAs(event.id, 'Eve', { name: '=HYPERLINK("x")', email: 'eve@example.org' });
      const csv = await host.get(`/api/manage/events/${event.id}/attendees.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('name,email,status,waitlist_position,registered_at,checked_in_at');
      expect(lines[1]).toMatch(/^Ann,ann@example.org,confirmed,,/);
      expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",eve@example.org/);
      const { client: stranger } = await signedInAccount(api, 'stranger@example.org');
      expect((await stranger.get(`/api/manage/events/${event.id}/attendees.csv`)).statusCode).toBe(404);
      expect((await api.client().get(`/api/manage/events/${event.id}/attendees.csv`)).statusCode).toBe(401);
    });

    it('plans mixed tables from the review’s tradition answers, swaps two people and re-plans at the door', async () => {
      const review = await owner.post('/api/manage/reviews', {
        title: 'Why we lost',
        slug: 'why-we-lost',
        status: 'open',
      });
      expect(review.statusCode).toBe(201);
      const question = await owner.post('/api/manage/reviews/why-we-lost/identity-questions', {
        prompt: 'Which tradition?',
        kind: 'tradition',
        options: ['Labour', 'Green', 'Liberal'],
      });
      expect(question.statusCode).toBe(201);
      const { id: questionId, options } = question.json<{
        id: number;
        options: Array<{ id: number; label: string }>;
      }>();
      const created = await owner.post('/api/manage/events', eventBody({ reviewSlug: 'why-we-lost', capacity: 20 }));
      const event = created.json<ManagedEvent>();
      await owner.post(`/api/manage/events/${event.id}/approve`);

      const tokens: string[] = [];
      for (let index = 0; index < 6; index += 1) {
        const option = options[index % 3]!;
        const response = await registerAs(event.id, `Person${index}`, {
          answers: [{ questionId, optionId: option.id }],
        });
        expect(response.statusCode).toBe(201);
        tokens.push(tokenOf(response.json<RegistrationResult>()));
      }
      const badAnswer = await registerAs(event.id, 'Wrong', { answers: [{ questionId, optionId: 999_999 }] });
      expect(badAnswer.statusCode).toBe(400);
      expect(badAnswer.json<Problem>().errors?.[0]?.field).toBe('answers.0');

      const planned = await owner.post(`/api/manage/events/${event.id}/table-plan`, { tableSize: 3, seed: 4 });
      expect(planned.statusCode).toBe(200);
      const plan = planned.json<TablePlanView>();
      expect(plan.tables).toHaveLength(2);
      for (const table of plan.tables) {
        expect(new Set(table.people.map((person) => person.tradition))).toEqual(
          new Set(['Labour', 'Green', 'Liberal']),
        );
        expect(table.distinct.tradition).toBe(3);
      }
      expect(plan.mixing).toBeCloseTo(1, 5);

      const first = plan.tables[0]!.people.find((person) => person.tradition === 'Labour')!;
      const second = plan.tables[1]!.people.find((person) => person.tradition === 'Green')!;
      const swapped = (
        await owner.post(`/api/manage/events/${event.id}/table-plan/swap`, {
          first: first.registrationId,
          second: second.registrationId,
        })
      ).json<TablePlanView>();
      expect(swapped.tables[0]!.people.map((person) => person.registrationId)).toContain(second.registrationId);
      expect(swapped.tables[0]!.distinct.tradition).toBe(2);
      expect(swapped.mixing).toBeLessThan(plan.mixing);
      expect((await owner.get(`/api/manage/events/${event.id}/table-plan`)).json<TablePlanView>().mixing).toBe(
        swapped.mixing,
      );

      // At the door: everyone but one arrives (by QR code or by name), and one more registers late.
      const codes = await Promise.all(
        tokens.slice(0, 5).map(async (token) => {
          const view = (await api.client().get(`/api/event-registrations/${token}`)).json<MyRegistration>();
          return new URL(view.checkInUrl!).searchParams.get('code')!;
        }),
      );
      for (const code of codes.slice(0, 4)) {
        expect((await owner.post(`/api/manage/events/${event.id}/check-in`, { code })).statusCode).toBe(200);
      }
      const byName = (await owner.get(`/api/manage/events/${event.id}`)).json<ManagedEvent>().registrations[4]!;
      const checked = await owner.post(`/api/manage/events/${event.id}/registrations/${byName.id}/check-in`, {
        present: true,
      });
      expect(checked.json<{ checkedInAt: string | null }>().checkedInAt).not.toBeNull();
      const late = await registerAs(event.id, 'Late', { answers: [{ questionId, optionId: options[1]!.id }] });
      const lateId = (await api.store.events.findRegistrationByEmail(event.id, 'late@example.org'))!.id;
      expect(late.statusCode).toBe(201);
      await owner.post(`/api/manage/events/${event.id}/registrations/${lateId}/check-in`, { present: true });

      const before = (await owner.get(`/api/manage/events/${event.id}/table-plan`)).json<TablePlanView>();
      expect(before.unseated.map((person) => person.registrationId)).toEqual([lateId]);
      const adjustedResponse = await owner.post(`/api/manage/events/${event.id}/table-plan/check-in`);
      expect(adjustedResponse.statusCode, adjustedResponse.body).toBe(200);
      const adjusted = adjustedResponse.json<TablePlanView>();
      const seated = adjusted.tables.flatMap((table) => table.people.map((person) => person.registrationId));
      expect(seated).toContain(lateId);
      expect(seated).toHaveLength(6);
      expect(adjusted.tables.flatMap((table) => table.people).every((person) => person.checkedIn)).toBe(true);
      // The one who never came is off the tables, still listed apart in case they turn up.
      const noShow = (await api.store.events.findRegistrationByEmail(event.id, 'person5@example.org'))!.id;
      expect(adjusted.unseated.map((person) => person.registrationId)).toEqual([noShow]);
    });

    it('refuses registration for a draft or cancelled event, and a table plan with nobody to seat', async () => {
      const draft = (await host.post('/api/manage/events', eventBody({ draft: true }))).json<ManagedEvent>();
      expect(draft.status).toBe('draft');
      expect((await registerAs(draft.id, 'Ann')).statusCode).toBe(404);
      const event = await publishedEvent();
      const noPlan = await host.post(`/api/manage/events/${event.id}/table-plan`, { tableSize: 6 });
      expect(noPlan.statusCode).toBe(422);
      await registerAs(event.id, 'Ann');
      const cancelled = await host.post(`/api/manage/events/${event.id}/cancel`);
      expect(cancelled.json<ManagedEvent>().status).toBe('cancelled');
      expect(api.outbox.findLast((mail) => mail.to === 'ann@example.org')?.icalEvent?.method).toBe('CANCEL');
      const closed = await registerAs(event.id, 'Bo');
      expect(closed.statusCode).toBe(409);
      expect(closed.json<Problem>().code).toBe('event_not_open');
    });
  });
}
