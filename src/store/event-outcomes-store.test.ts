import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStoreFactories } from '../test-support/stores.js';
import type { EventRow } from './event-store.js';
import type { AccountRow, ReviewRow, Store } from './store.js';

/** Run sheets, outcomes, the event report and volunteers (`store.eventOutcomes`, `store.volunteers`), on both databases. */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`Store event outcomes on ${factory.kind}`, () => {
    let store: Store;
    let host: AccountRow;
    let review: ReviewRow;
    let event: EventRow;

    const at = (minute: number): string => new Date(Date.UTC(2026, 11, 3, 18, minute)).toISOString();

    beforeEach(async () => {
      store = await factory.create();
      host = await store.createAccount({
        email: 'host@example.org',
        displayName: 'Hana Host',
        passwordHash: 'x',
        isInstanceOwner: false,
        createdAt: at(0),
      });
      review = await store.createReview({
        slug: 'futures',
        title: 'Futures',
        introduction: '',
        status: 'open',
        visibility: 'public',
        moderationMode: 'strict',
        participantsCanAddStatements: true,
        createdByAccountId: host.id,
        createdAt: at(0),
        updatedAt: at(0),
      });
      event = await store.events.createEvent(
        {
          reviewId: review.id,
          type: 'roundtable',
          title: 'Cardiff roundtable',
          description: '',
          format: 'in_person',
          venue: null,
          address: null,
          region: 'Wales',
          accessibilityNotes: null,
          meetingLink: null,
          startsAt: at(30),
          endsAt: at(150),
          timeZone: 'Europe/London',
          capacity: 10,
          status: 'published',
          proposedByAccountId: host.id,
          createdAt: at(0),
          updatedAt: at(0),
        },
        { accountId: host.id, role: 'host' },
      );
    });
    afterEach(async () => {
      await store.close();
    });

    it('replaces the agenda in order, resets the run state and keeps each item’s start', async () => {
      expect(await store.eventOutcomes.findRunSheet(event.id)).toBeUndefined();
      const first = await store.eventOutcomes.replaceAgenda({
        eventId: event.id,
        template: 'roundtable',
        language: 'cy',
        items: [
          { title: 'Croeso', minutes: 10, prompts: ['Helo'] },
          { title: 'Cloi', minutes: 5, prompts: [] },
        ],
        updatedAt: at(1),
      });
      expect(first.items.map((item) => [item.position, item.title, item.prompts])).toEqual([
        [1, 'Croeso', ['Helo']],
        [2, 'Cloi', []],
      ]);
      const itemId = first.items[1]?.id ?? 0;
      const running = await store.eventOutcomes.setCurrentAgendaItem(event.id, itemId, at(40));
      expect(running?.currentItemId).toBe(itemId);
      expect(running?.items[1]?.startedAt).toBe(at(40));

      const replaced = await store.eventOutcomes.replaceAgenda({
        eventId: event.id,
        template: null,
        language: 'cy',
        items: [{ title: 'Un eitem', minutes: 120, prompts: [] }],
        updatedAt: at(41),
      });
      expect(replaced).toMatchObject({ template: null, currentItemId: null });
      expect(replaced.items).toHaveLength(1);
    });

    it('keeps outcomes, links statements to the event and finds the event of a statement', async () => {
      const outcome = await store.eventOutcomes.createOutcome({
        eventId: event.id,
        kind: 'agreement',
        text: 'Buses matter',
        createdByAccountId: host.id,
        createdAt: at(60),
      });
      await store.eventOutcomes.createOutcome({
        eventId: event.id,
        kind: 'question',
        text: 'Who pays?',
        createdByAccountId: host.id,
        createdAt: at(61),
      });
      expect((await store.eventOutcomes.updateOutcomeText(outcome.id, 'Buses matter most', at(62)))?.text).toBe(
        'Buses matter most',
      );
      expect((await store.eventOutcomes.listOutcomes(event.id)).map((row) => row.kind)).toEqual([
        'agreement',
        'question',
      ]);
      expect(await store.eventOutcomes.deleteOutcome(event.id, outcome.id)).toBe(true);
      expect(await store.eventOutcomes.deleteOutcome(event.id, outcome.id)).toBe(false);

      const statement = await store.createStatement({
        reviewId: review.id,
        text: 'Rural buses should run hourly',
        textKey: 'rural buses should run hourly',
        origin: 'event',
        moderation: 'pending',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: host.id,
        createdAt: at(63),
      });
      await store.eventOutcomes.linkEventStatement({ eventId: event.id, statementId: statement.id, createdAt: at(63) });
      expect(await store.eventOutcomes.listEventStatements(event.id)).toEqual([
        { statementId: statement.id, text: 'Rural buses should run hourly', moderation: 'pending', createdAt: at(63) },
      ]);
      const events = await store.eventOutcomes.findStatementEvents([statement.id, statement.id + 100]);
      expect([...events.entries()]).toEqual([[statement.id, { eventId: event.id, title: 'Cardiff roundtable' }]]);
    });

    it('saves the report and decides each suggestion once', async () => {
      await store.eventOutcomes.saveReport({ eventId: event.id, summary: 'Draft', finishedAt: null, updatedAt: at(1) });
      await store.eventOutcomes.saveReport({
        eventId: event.id,
        summary: 'Final',
        finishedAt: at(150),
        updatedAt: at(2),
      });
      expect(await store.eventOutcomes.findReport(event.id)).toEqual({
        eventId: event.id,
        summary: 'Final',
        finishedAt: at(150),
        updatedAt: at(2),
      });
      const suggestion = await store.eventOutcomes.createSuggestion({
        eventId: event.id,
        registrationId: null,
        outcomeId: null,
        kind: 'action',
        text: 'Add: meet again in spring',
        createdAt: at(151),
      });
      expect(suggestion.status).toBe('pending');
      const decided = await store.eventOutcomes.decideSuggestion({
        suggestionId: suggestion.id,
        status: 'accepted',
        accountId: host.id,
        decidedAt: at(152),
      });
      expect(decided).toMatchObject({ status: 'accepted', decidedAt: at(152) });
      expect(
        await store.eventOutcomes.decideSuggestion({
          suggestionId: suggestion.id,
          status: 'declined',
          accountId: host.id,
          decidedAt: at(153),
        }),
      ).toBeUndefined();
      expect(await store.eventOutcomes.listSuggestions(event.id)).toHaveLength(1);
    });

    it('lists volunteer offers with filters and assigns each to an event once', async () => {
      const offer = await store.volunteers.createOffer({
        name: 'Val Unteer',
        email: 'val@example.org',
        capabilities: ['host', 'food'],
        area: 'North Wales',
        availability: 'Weekends',
        consentedAt: at(1),
        createdAt: at(1),
      });
      await store.volunteers.createOffer({
        name: 'Tec Helper',
        email: 'tec@example.org',
        capabilities: ['tech'],
        area: 'Bristol',
        availability: 'Evenings',
        consentedAt: at(2),
        createdAt: at(2),
      });
      expect((await store.volunteers.listOffers({ capability: 'food' })).map((row) => row.name)).toEqual([
        'Val Unteer',
      ]);
      expect((await store.volunteers.listOffers({ area: 'wales' })).map((row) => row.name)).toEqual(['Val Unteer']);
      expect(
        await store.volunteers.assign({ offerId: offer.id, eventId: event.id, accountId: host.id, assignedAt: at(3) }),
      ).toBe(true);
      expect(
        await store.volunteers.assign({ offerId: offer.id, eventId: event.id, accountId: host.id, assignedAt: at(4) }),
      ).toBe(false);
      expect((await store.volunteers.findOffer(offer.id))?.assignedEventIds).toEqual([event.id]);
      expect((await store.volunteers.listOffers({ unassigned: true })).map((row) => row.name)).toEqual(['Tec Helper']);
    });
  });
}
