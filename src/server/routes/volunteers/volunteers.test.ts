import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VolunteerList, VolunteerOfferView } from '../../../contract/event-outcomes.js';
import type { ManagedEvent } from '../../../contract/events.js';
import type { Problem } from '../../../contract/problem.js';
import { createTestApi, signedInOwner, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { signedInAccount } from '../../../test-support/team.js';

const offer = {
  name: 'Val Unteer',
  email: 'Val@Example.org',
  capabilities: ['host', 'food'],
  area: 'North Wales',
  availability: 'Weekends',
  consent: true,
};

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`volunteers API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;

    beforeEach(async () => {
      api = await createTestApi(factory);
      owner = await signedInOwner(api);
    });
    afterEach(async () => {
      await api.close();
    });

    it('refuses an offer without consent, a way to help or a valid email, naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...offer, consent: false }, 'consent'],
        [{ ...offer, capabilities: [] }, 'capabilities'],
        [{ ...offer, capabilities: ['juggling'] }, 'capabilities.0'],
        [{ ...offer, email: 'not an email' }, 'email'],
        [{ ...offer, area: ' ' }, 'area'],
      ];
      for (const [body, field] of cases) {
        const response = await api.client().post('/api/volunteers', body);
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.map((error) => error.field)).toEqual([field]);
      }
      expect((await owner.get('/api/manage/volunteers')).json<VolunteerList>().offers).toEqual([]);
    });

    it('lets organisers filter offers and assign one to an event, emailing the volunteer', async () => {
      expect((await api.client().post('/api/volunteers', offer)).statusCode).toBe(201);
      expect(
        (
          await api.client().post('/api/volunteers', {
            ...offer,
            name: 'Tec Helper',
            email: 'tec@example.org',
            capabilities: ['tech'],
            area: 'Bristol',
          })
        ).statusCode,
      ).toBe(201);

      const { client: outsider } = await signedInAccount(api, 'outsider@example.org');
      expect((await outsider.get('/api/manage/volunteers')).statusCode).toBe(404);

      const food = (await owner.get('/api/manage/volunteers?capability=food')).json<VolunteerList>();
      expect(food.offers.map((row) => [row.name, row.email])).toEqual([['Val Unteer', 'val@example.org']]);
      expect((await owner.get('/api/manage/volunteers?area=bristol')).json<VolunteerList>().offers).toHaveLength(1);

      const created = await owner.post('/api/manage/events', {
        type: 'roundtable',
        title: 'Bangor roundtable',
        format: 'in_person',
        startsAt: '2026-12-10T18:00',
        endsAt: '2026-12-10T20:00',
        timeZone: 'Europe/London',
        capacity: 12,
      });
      const event = created.json<ManagedEvent>();
      const listed = (await owner.get('/api/manage/volunteers')).json<VolunteerList>();
      expect(listed.events.map((row) => row.title)).toEqual(['Bangor roundtable']);
      const val = food.offers[0] as VolunteerOfferView;

      const assigned = await owner.post(`/api/manage/volunteers/${val.id}/assignments`, { eventId: event.id });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json<VolunteerOfferView>().assignedEvents).toEqual([
        { id: event.id, title: 'Bangor roundtable' },
      ]);
      const mail = api.outbox.find((message) => message.to === 'val@example.org');
      expect(mail?.subject).toContain('Bangor roundtable');
      expect(mail?.text).toContain(`/events/${event.id}`);

      const twice = await owner.post(`/api/manage/volunteers/${val.id}/assignments`, { eventId: event.id });
      expect(twice.json<Problem>().code).toBe('already_assigned');
      const nowhere = await owner.post(`/api/manage/volunteers/${val.id}/assignments`, { eventId: event.id + 99 });
      expect(nowhere.statusCode).toBe(404);
      const unassigned = (await owner.get('/api/manage/volunteers?unassigned=true')).json<VolunteerList>();
      expect(unassigned.offers.map((row) => row.name)).toEqual(['Tec Helper']);
    });
  });
}
