import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AttendeeReportView,
  EventOutcomesView,
  OutcomeView,
  PublicReportView,
  RunSheetTemplateView,
  RunSheetView,
  SuggestionView,
} from '../../../contract/event-outcomes.js';
import type { ManagedEvent, RegistrationResult } from '../../../contract/events.js';
import type { ModerationQueue } from '../../../contract/moderation.js';
import type { Problem } from '../../../contract/problem.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { signedInAccount } from '../../../test-support/team.js';
import { checkInCodeFor } from '../../events/links.js';

/** The test clock starts at 2026-11-25T10:00Z; the event runs 2026-12-03 18:30–20:30 (London = UTC in December). */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`event outcomes API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    let event: ManagedEvent;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['Buses should be free']));
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
      const approved = await owner.post(`/api/manage/events/${created.json<ManagedEvent>().id}/approve`);
      expect(approved.statusCode).toBe(200);
      event = approved.json<ManagedEvent>();
    });
    afterEach(async () => {
      await api.close();
    });

    const base = () => `/api/manage/events/${event.id}`;

    function fieldsOf(problem: Problem): string[] {
      return (problem.errors ?? []).map((error) => error.field);
    }

    async function registerAndCheckIn(name: string, checkIn: boolean): Promise<string> {
      const registered = await api
        .client()
        .post(`/api/events/${event.id}/registrations`, { name, email: `${name.toLowerCase()}@example.org` });
      expect(registered.statusCode).toBe(201);
      const token = registered.json<RegistrationResult>().manageUrl.split('/').pop() ?? '';
      if (checkIn) {
        const present = await owner.post(`${base()}/check-in`, { code: checkInCodeFor(token) });
        expect(present.statusCode).toBe(200);
      }
      return token;
    }

    it('copies a template in Welsh, refuses an agenda that overruns the event, and keeps the running item’s start', async () => {
      const templates = await owner.get('/api/manage/run-sheet-templates?lang=cy');
      expect(templates.json<{ templates: RunSheetTemplateView[] }>().templates.map((t) => t.name)).toEqual([
        'Bord gron',
        'Gweithdy',
      ]);
      const missing = await owner.get(`${base()}/run-sheet`);
      expect(missing.json<Problem>().code).toBe('run_sheet_missing');

      const applied = await owner.post(`${base()}/run-sheet/template`, { template: 'roundtable', language: 'cy' });
      expect(applied.statusCode).toBe(200);
      const sheet = applied.json<RunSheetView>();
      expect(sheet).toMatchObject({ language: 'cy', template: 'roundtable', totalMinutes: 115, eventMinutes: 120 });
      expect(sheet.items[0]?.title).toBe('Croeso');

      const overrun = await owner.put(`${base()}/run-sheet`, {
        items: [
          { title: 'Talk', minutes: 100, prompts: [] },
          { title: 'More talk', minutes: 21, prompts: [] },
        ],
      });
      expect(overrun.statusCode).toBe(400);
      expect(fieldsOf(overrun.json<Problem>())).toEqual(['items']);
      expect(overrun.json<Problem>().detail).toContain('121 minutes but the event lasts 120');

      const badMinutes = await owner.put(`${base()}/run-sheet`, {
        items: [{ title: 'Talk', minutes: 241, prompts: [] }],
      });
      expect(badMinutes.statusCode).toBe(400);
      expect(fieldsOf(badMinutes.json<Problem>())).toEqual(['items.0.minutes']);

      const edited = await owner.put(`${base()}/run-sheet`, {
        items: [
          { title: 'Close', minutes: 10, prompts: ['Thanks'] },
          { title: 'Welcome', minutes: 20, prompts: [] },
        ],
      });
      expect(edited.statusCode).toBe(200);
      const items = edited.json<RunSheetView>().items;
      expect(items.map((item) => item.title)).toEqual(['Close', 'Welcome']);

      const second = items[1]?.id ?? 0;
      // A start in the future is not believed: the server's time is kept.
      const stepped = await owner.post(`${base()}/run-sheet/step`, {
        itemId: second,
        startedAt: '2030-01-01T00:00:00.000Z',
      });
      expect(stepped.statusCode).toBe(200);
      expect(stepped.json<RunSheetView>()).toMatchObject({ currentItemId: second });
      expect(stepped.json<RunSheetView>().items[1]?.startedAt).toBe(api.clock.now.toISOString());
      // A reload reads the same start.
      expect((await owner.get(`${base()}/run-sheet`)).json<RunSheetView>().items[1]?.startedAt).toBe(
        api.clock.now.toISOString(),
      );
      const wrongItem = await owner.post(`${base()}/run-sheet/step`, { itemId: second + 1000 });
      expect(wrongItem.json<Problem>().code).toBe('agenda_item_not_found');

      const { client: stranger } = await signedInAccount(api, 'stranger@example.org');
      expect((await stranger.get(`${base()}/run-sheet`)).statusCode).toBe(404);
    });

    it('puts captured statements into the review’s moderation queue as origin event', async () => {
      const first = await owner.post(`${base()}/statements`, { text: 'Rural buses should run every hour' });
      expect(first.statusCode).toBe(201);
      expect((await owner.post(`${base()}/statements`, { text: 'Libraries need longer hours' })).statusCode).toBe(201);
      const duplicate = await owner.post(`${base()}/statements`, { text: 'rural buses should run every hour!' });
      expect(duplicate.json<Problem>().code).toBe('duplicate_statement');
      const empty = await owner.post(`${base()}/statements`, { text: '   ' });
      expect(empty.statusCode).toBe(400);
      expect(fieldsOf(empty.json<Problem>())).toEqual(['text']);

      const queue = (await owner.get(`/api/manage/reviews/${slug}/moderation?origin=event`)).json<ModerationQueue>();
      expect(queue.items.map((item) => [item.text, item.origin, item.moderation])).toEqual([
        ['Rural buses should run every hour', 'event', 'pending'],
        ['Libraries need longer hours', 'event', 'pending'],
      ]);
      expect(queue.counts.origin.event).toBe(2);
      expect(queue.items.map((item) => item.fromEvent)).toEqual([
        { id: event.id, title: 'Cardiff roundtable' },
        { id: event.id, title: 'Cardiff roundtable' },
      ]);
      const outcomes = (await owner.get(`${base()}/outcomes`)).json<EventOutcomesView>();
      expect(outcomes.statements.map((statement) => statement.text)).toHaveLength(2);
      expect(outcomes.reviewSlug).toBe(slug);
    });

    it('opens the report to checked-in attendees for 72 hours after finishing, then locks and publishes it', async () => {
      const attendee = await registerAndCheckIn('Ann', true);
      const absent = await registerAndCheckIn('Bo', false);
      const added = await owner.post(`${base()}/outcomes`, { kind: 'agreement', text: 'Buses matter' });
      expect(added.statusCode).toBe(201);
      const outcome = added.json<OutcomeView>();
      const badKind = await owner.post(`${base()}/outcomes`, { kind: 'vibe', text: 'Nice' });
      expect(fieldsOf(badKind.json<Problem>())).toEqual(['kind']);

      expect((await api.client().get(`/api/event-registrations/${attendee}/report`)).json<Problem>().code).toBe(
        'report_not_open',
      );
      const early = await owner.post(`${base()}/finish`);
      expect(early.json<Problem>().code).toBe('event_status');

      api.clock.now = new Date('2026-12-03T20:30:00.000Z');
      const finished = await owner.post(`${base()}/finish`);
      expect(finished.statusCode).toBe(200);
      expect(finished.json<EventOutcomesView>().report).toMatchObject({
        phase: 'open',
        finishedAt: '2026-12-03T20:30:00.000Z',
        locksAt: '2026-12-06T20:30:00.000Z',
      });

      expect((await api.client().get(`/api/event-registrations/${absent}/report`)).json<Problem>().code).toBe(
        'not_checked_in',
      );
      const report = await api.client().get(`/api/event-registrations/${attendee}/report`);
      expect(report.statusCode).toBe(200);
      expect(report.body).not.toContain('Ann');
      expect(report.json<AttendeeReportView>().content.sections).toEqual([
        { kind: 'agreement', items: [{ id: outcome.id, text: 'Buses matter' }] },
      ]);

      const kindless = await api
        .client()
        .post(`/api/event-registrations/${attendee}/report/suggestions`, { text: 'Add x' });
      expect(fieldsOf(kindless.json<Problem>())).toEqual(['kind']);
      const suggested = await api.client().post(`/api/event-registrations/${attendee}/report/suggestions`, {
        text: 'Buses matter most',
        outcomeId: outcome.id,
      });
      expect(suggested.statusCode).toBe(201);
      const suggestion = suggested.json<SuggestionView>();
      const accepted = await owner.post(`${base()}/report/suggestions/${suggestion.id}/decision`, {
        decision: 'accept',
      });
      expect(accepted.json<SuggestionView>().status).toBe('accepted');
      const again = await owner.post(`${base()}/report/suggestions/${suggestion.id}/decision`, { decision: 'decline' });
      expect(again.json<Problem>().code).toBe('suggestion_decided');
      expect((await owner.get(`${base()}/outcomes`)).json<EventOutcomesView>().outcomes[0]?.text).toBe(
        'Buses matter most',
      );
      expect((await api.client().get(`/api/events/${event.id}/report`)).json<Problem>().code).toBe(
        'report_not_published',
      );

      api.clock.now = new Date('2026-12-06T20:30:00.000Z');
      const late = await api
        .client()
        .post(`/api/event-registrations/${attendee}/report/suggestions`, { text: 'Too late', kind: 'action' });
      expect(late.statusCode).toBe(409);
      expect(late.json<Problem>().code).toBe('report_locked');
      const lockedEdit = await owner.patch(`${base()}/outcomes/${outcome.id}`, { text: 'Changed' });
      expect(lockedEdit.json<Problem>().code).toBe('report_locked');

      const published = await api.client().get(`/api/events/${event.id}/report`);
      expect(published.statusCode).toBe(200);
      expect(published.json<PublicReportView>()).toMatchObject({ phase: 'locked', eventTitle: 'Cardiff roundtable' });
      expect(published.body).not.toMatch(/Ann|Bo\b|example\.org/);
    });
  });
}
