import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventDetail, ManagedEvent, MyEventAnswers } from '../../../contract/events.js';
import type { IdentityQuestion, PlaceOption, Problem } from '../../../contract/index.js';
import { createTestApi, signedInOwner, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { participantCookie } from '../../auth/session.js';

const slug = 'why-we-lost';
const placesCsv = [
  'code,name,region,name_cy',
  'W07000112,Ynys Môn,Wales,Ynys Môn',
  'E14001063,Aldershot,South East,',
  'S14000060,Aberdeen North,Scotland,',
].join('\n');

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`event registration answers on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let tradition: IdentityQuestion;
    let seat: IdentityQuestion;
    let event: ManagedEvent;

    beforeEach(async () => {
      api = await createTestApi(factory);
      owner = await signedInOwner(api);
      expect((await owner.post('/api/manage/reviews', { title: 'Why we lost', slug, status: 'open' })).statusCode).toBe(
        201,
      );
      expect((await owner.put(`/api/manage/reviews/${slug}/places`, { csv: placesCsv })).statusCode).toBe(200);
      const questions = `/api/manage/reviews/${slug}/identity-questions`;
      tradition = (
        await owner.post(questions, { prompt: 'Which tradition?', kind: 'tradition', options: ['Labour', 'Green'] })
      ).json<IdentityQuestion>();
      seat = (
        await owner.post(questions, { prompt: 'Which seat?', kind: 'seat', usesPlaceList: true })
      ).json<IdentityQuestion>();
      const created = await owner.post('/api/manage/events', {
        type: 'roundtable',
        title: 'Cardiff roundtable',
        format: 'in_person',
        venue: 'Tramshed',
        startsAt: '2026-12-03T18:30',
        endsAt: '2026-12-03T20:30',
        timeZone: 'Europe/London',
        capacity: 10,
        reviewSlug: slug,
      });
      expect(created.statusCode).toBe(201);
      event = (await owner.post(`/api/manage/events/${created.json<ManagedEvent>().id}/approve`)).json<ManagedEvent>();
      expect(event.status).toBe('published');
    });
    afterEach(async () => {
      await api.close();
    });

    /** A participant of the review who has answered both questions in their own browser. */
    async function participantAnswering(traditionIndex: number, seatIndex: number) {
      const client = api.client();
      const answers = [
        { questionId: tradition.id, optionId: tradition.options[traditionIndex]!.id },
        { questionId: seat.id, optionId: seat.options[seatIndex]!.id },
      ];
      expect((await client.put(`/api/reviews/${slug}/identity-answers`, { answers })).statusCode).toBe(200);
      return { client, answers };
    }

    it('offers the place question in the event and its places through the event', async () => {
      const detail = (await api.client().get(`/api/events/${event.id}`)).json<EventDetail>();
      expect(detail.questions).toEqual([
        expect.objectContaining({ id: tradition.id, usesPlaceList: false, options: expect.any(Array) }),
        expect.objectContaining({ id: seat.id, usesPlaceList: true, options: [] }),
      ]);
      const places = await api.client().get(`/api/events/${event.id}/questions/${seat.id}/places`);
      expect(places.statusCode).toBe(200);
      expect(places.json<PlaceOption[]>().map((place) => [place.optionId, place.name])).toEqual(
        seat.options.map((option) => [option.id, option.label]),
      );
      const notPlaces = await api.client().get(`/api/events/${event.id}/questions/${tradition.id}/places`);
      expect(notPlaces.statusCode).toBe(404);
      expect(notPlaces.json<Problem>().code).toBe('question_not_found');
    });

    it('returns only the cookie holder’s own answers, and nothing without a participant cookie', async () => {
      const first = await participantAnswering(0, 0);
      const second = await participantAnswering(1, 2);

      const firstView = await first.client.get(`/api/events/${event.id}/my-answers`);
      expect(firstView.statusCode).toBe(200);
      expect(firstView.headers['cache-control']).toBe('private, no-store');
      expect(firstView.json<MyEventAnswers>()).toEqual({ answers: first.answers });
      expect((await second.client.get(`/api/events/${event.id}/my-answers`)).json<MyEventAnswers>()).toEqual({
        answers: second.answers,
      });

      const stranger = await api.client().get(`/api/events/${event.id}/my-answers`);
      expect(stranger.statusCode).toBe(200);
      expect(stranger.json<MyEventAnswers>()).toEqual({ answers: [] });
      // The owner is signed in, but an account is not a participant: still nothing.
      expect((await owner.get(`/api/events/${event.id}/my-answers`)).json<MyEventAnswers>()).toEqual({ answers: [] });
      // A forged cookie finds nobody.
      const forger = api.client();
      forger.cookies.set(participantCookie((await api.store.findReviewBySlug(slug))!.id), 'x'.repeat(43));
      expect((await forger.get(`/api/events/${event.id}/my-answers`)).json<MyEventAnswers>()).toEqual({ answers: [] });
      expect((await api.client().get('/api/events/999999/my-answers')).statusCode).toBe(404);
    });

    it('registers with a seat answer and refuses an unknown seat, naming the field', async () => {
      const seatAnswer = { questionId: seat.id, optionId: seat.options[1]!.id };
      const registered = await api.client().post(`/api/events/${event.id}/registrations`, {
        name: 'Sam',
        email: 'sam@example.org',
        answers: [{ questionId: tradition.id, optionId: tradition.options[0]!.id }, seatAnswer],
      });
      expect(registered.statusCode).toBe(201);
      const stored = await api.store.events.findRegistrationByEmail(event.id, 'sam@example.org');
      expect(stored?.answers).toContainEqual(seatAnswer);

      const unknownSeat = await api.client().post(`/api/events/${event.id}/registrations`, {
        name: 'Alex',
        email: 'alex@example.org',
        answers: [
          { questionId: tradition.id, optionId: tradition.options[1]!.id },
          // An option of the tradition question is no place on the seat question's list.
          { questionId: seat.id, optionId: tradition.options[0]!.id },
        ],
      });
      expect(unknownSeat.statusCode).toBe(400);
      expect(unknownSeat.json<Problem>().errors).toEqual([
        { field: 'answers.1', message: 'Not a place on this question’s list.' },
      ]);
      expect(await api.store.events.findRegistrationByEmail(event.id, 'alex@example.org')).toBeUndefined();
    });
  });
}
