import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { regionsByOption } from '../core/places.js';
import { testStoreFactories } from '../test-support/stores.js';
import {
  type AccountRow,
  type NewPlace,
  type ReviewRow,
  type Store,
  StoreConflictError,
  storeConstraints,
} from './store.js';

/**
 * The store contract for what migration 0003 added (place lists, required questions with
 * explanations, question editing, archived reviews), on both databases.
 */
for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`places, questions and archive on ${factory.kind}`, () => {
    let store: Store;
    let account: AccountRow;
    let review: ReviewRow;
    const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

    beforeEach(async () => {
      store = await factory.create();
      account = await store.createAccount({
        email: 'organiser@example.org',
        displayName: 'Organiser',
        passwordHash: '$argon2id$fake',
        isInstanceOwner: true,
        createdAt: at(0),
      });
      review = await aReview('election-review');
    });
    afterEach(async () => {
      await store.close();
    });

    async function aReview(slug: string, status: ReviewRow['status'] = 'open'): Promise<ReviewRow> {
      const created = await store.createReview({
        slug,
        title: `Review ${slug}`,
        introduction: '',
        status,
        visibility: 'public',
        moderationMode: 'permissive',
        participantsCanAddStatements: true,
        createdByAccountId: account.id,
        createdAt: at(1),
        updatedAt: at(1),
      });
      await store.setReviewRole({ reviewId: created.id, accountId: account.id, role: 'owner', createdAt: at(1) });
      return created;
    }

    const place = (code: string, name: string, region: string, extra: Partial<NewPlace> = {}): NewPlace => ({
      code,
      name,
      nameCy: null,
      region,
      attributes: {},
      ...extra,
    });

    describe('archived reviews', () => {
      it('start unarchived, archive and unarchive, and leave the public list while archived', async () => {
        expect(review.archivedAt).toBeNull();
        const archived = await store.updateReview(review.id, { archivedAt: at(5), updatedAt: at(5) });
        expect(archived).toMatchObject({ archivedAt: at(5), status: 'open' });
        expect((await store.findReviewBySlug(review.slug))?.archivedAt).toBe(at(5));
        expect(await store.listPublicOpenReviews()).toEqual([]);

        const restored = await store.updateReview(review.id, { archivedAt: null, updatedAt: at(6) });
        expect(restored.archivedAt).toBeNull();
        expect((await store.listPublicOpenReviews()).map((row) => row.slug)).toEqual([review.slug]);
      });

      it('lists an account’s reviews with or without the archived ones', async () => {
        const other = await aReview('another-review', 'closed');
        await store.updateReview(other.id, { archivedAt: at(5), updatedAt: at(5) });
        const slugs = async (filter?: { archived?: boolean }) =>
          (await store.listReviewsForAccount(account.id, filter)).map((row) => row.slug).sort();
        expect(await slugs()).toEqual(['another-review', 'election-review']);
        expect(await slugs({ archived: false })).toEqual(['election-review']);
        expect(await slugs({ archived: true })).toEqual(['another-review']);
      });
    });

    describe('identity questions', () => {
      it('are optional with no explanation unless said otherwise', async () => {
        const plain = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Your tradition?',
          kind: 'tradition',
          options: ['Left', 'Centre'],
          createdAt: at(2),
        });
        expect(plain).toMatchObject({ required: false, explanation: '', usesPlaceList: false });
        expect(plain.options.map((option) => [option.label, option.placeId])).toEqual([
          ['Left', null],
          ['Centre', null],
        ]);
        const required = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Your role?',
          kind: 'role',
          options: ['Member', 'Voter'],
          required: true,
          explanation: 'Only counts per group are shown, never who answered what.',
          createdAt: at(2),
        });
        expect(await store.listIdentityQuestions(review.id)).toEqual([
          plain,
          expect.objectContaining({
            id: required.id,
            required: true,
            explanation: 'Only counts per group are shown, never who answered what.',
          }),
        ]);
      });

      it('are edited, their options replaced in the new order, reordered and deleted', async () => {
        const first = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'First?',
          kind: 'other',
          options: ['A', 'B'],
          createdAt: at(2),
        });
        const second = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Second?',
          kind: 'other',
          options: ['C', 'D'],
          createdAt: at(2),
        });
        const edited = await store.updateIdentityQuestion(review.id, first.id, {
          prompt: 'First, reworded?',
          required: true,
          explanation: 'Why we ask.',
          options: ['B', 'A', 'E'],
        });
        expect(edited).toMatchObject({ prompt: 'First, reworded?', kind: 'other', required: true });
        expect(edited?.options.map((option) => option.label)).toEqual(['B', 'A', 'E']);
        expect(await store.updateIdentityQuestion(review.id, 9999, { prompt: 'Nothing' })).toBeUndefined();

        expect(await store.reorderIdentityQuestions(review.id, [second.id, first.id])).toBe(true);
        expect((await store.listIdentityQuestions(review.id)).map((question) => question.id)).toEqual([
          second.id,
          first.id,
        ]);
        // Not exactly the review's questions: nothing moves.
        expect(await store.reorderIdentityQuestions(review.id, [first.id])).toBe(false);
        expect(await store.reorderIdentityQuestions(review.id, [first.id, first.id])).toBe(false);
        expect(await store.reorderIdentityQuestions(review.id, [first.id, 9999])).toBe(false);
        expect((await store.listIdentityQuestions(review.id)).map((question) => question.id)).toEqual([
          second.id,
          first.id,
        ]);

        const otherReview = await aReview('other-review');
        expect(await store.deleteIdentityQuestion(otherReview.id, first.id)).toBe(false);
        expect(await store.deleteIdentityQuestion(review.id, first.id)).toBe(true);
        expect((await store.listIdentityQuestions(review.id)).map((question) => question.id)).toEqual([second.id]);
        // A question added after a delete still goes last.
        const third = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Third?',
          kind: 'other',
          options: ['E', 'F'],
          createdAt: at(3),
        });
        expect((await store.listIdentityQuestions(review.id)).map((question) => question.id)).toEqual([
          second.id,
          third.id,
        ]);
      });

      it('says which questions have answers', async () => {
        const question = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Tradition?',
          kind: 'tradition',
          options: ['Left', 'Centre'],
          createdAt: at(2),
        });
        const unanswered = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Role?',
          kind: 'role',
          options: ['Member', 'Voter'],
          createdAt: at(2),
        });
        expect(await store.answeredIdentityQuestionIds(review.id)).toEqual(new Set());
        const participant = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'hash',
          seed: 1,
          createdAt: at(3),
        });
        await store.setIdentityAnswer({
          participantId: participant.id,
          questionId: question.id,
          optionId: question.options[1]?.id ?? 0,
          answeredAt: at(4),
        });
        expect(await store.answeredIdentityQuestionIds(review.id)).toEqual(new Set([question.id]));
        expect((await store.answeredIdentityQuestionIds(review.id)).has(unanswered.id)).toBe(false);
      });

      it('lists the required questions a participant has not answered yet, in order', async () => {
        const optional = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Tradition?',
          kind: 'tradition',
          options: ['Left', 'Centre'],
          createdAt: at(2),
        });
        const role = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Role?',
          kind: 'role',
          options: ['Member', 'Voter'],
          required: true,
          createdAt: at(2),
        });
        const vote = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Referendum?',
          kind: 'referendum',
          options: ['Remain', 'Leave'],
          required: true,
          createdAt: at(2),
        });
        const participant = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'hash',
          seed: 1,
          createdAt: at(3),
        });
        const other = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'other',
          seed: 2,
          createdAt: at(3),
        });
        expect(await store.listUnansweredRequiredQuestions(review.id, participant.id)).toEqual([
          { id: role.id, prompt: 'Role?' },
          { id: vote.id, prompt: 'Referendum?' },
        ]);
        await store.setIdentityAnswer({
          participantId: participant.id,
          questionId: role.id,
          optionId: role.options[0]?.id ?? 0,
          answeredAt: at(4),
        });
        await store.setIdentityAnswer({
          participantId: participant.id,
          questionId: optional.id,
          optionId: optional.options[0]?.id ?? 0,
          answeredAt: at(4),
        });
        expect(await store.listUnansweredRequiredQuestions(review.id, participant.id)).toEqual([
          { id: vote.id, prompt: 'Referendum?' },
        ]);
        // Another participant's answers count for nobody else.
        expect(await store.listUnansweredRequiredQuestions(review.id, other.id)).toHaveLength(2);
      });
    });

    describe('place lists', () => {
      const list = [
        place('W07000081', 'Ynys Môn', 'Wales', { nameCy: 'Ynys Môn', attributes: { held: 'no' } }),
        place('E14001063', 'Aldershot', 'South East', { attributes: { held: 'yes' } }),
        place('E14001064', 'Aldridge-Brownhills', 'West Midlands', { attributes: { held: 'yes' } }),
      ];

      it('are stored in list order with their Welsh names and attributes, per review', async () => {
        expect(await store.listPlaces(review.id)).toEqual([]);
        const stored = await store.replacePlaces(review.id, list);
        expect(
          stored.map(({ code, name, nameCy, region, attributes, position }) => ({
            code,
            name,
            nameCy,
            region,
            attributes,
            position,
          })),
        ).toEqual(list.map((entry, position) => ({ ...entry, position })));
        expect(await store.listPlaces(review.id)).toEqual(stored);
        expect(await store.countPlaces(review.id)).toBe(3);
        const other = await aReview('other-review');
        expect(await store.countPlaces(other.id)).toBe(0);
      });

      it('are replaced whole, and a duplicate code leaves the previous list untouched', async () => {
        await store.replacePlaces(review.id, list);
        await expect(
          store.replacePlaces(review.id, [place('A', 'Alpha', 'North'), place('A', 'Alpha again', 'North')]),
        ).rejects.toSatisfy(
          (error) => error instanceof StoreConflictError && error.constraint === storeConstraints.placeCode,
        );
        expect((await store.listPlaces(review.id)).map((row) => row.code)).toEqual(list.map((entry) => entry.code));

        await store.replacePlaces(review.id, [place('N1', 'Newport East', 'Wales')]);
        expect((await store.listPlaces(review.id)).map((row) => row.name)).toEqual(['Newport East']);
      });

      it('hold five thousand places', async () => {
        const many = Array.from({ length: 5000 }, (_, index) => place(`P${index}`, `Place ${index}`, `R${index % 9}`));
        const stored = await store.replacePlaces(review.id, many);
        expect(stored).toHaveLength(5000);
        expect(stored.at(-1)).toMatchObject({ code: 'P4999', position: 4999 });
        const question = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Your place?',
          kind: 'seat',
          options: [],
          usesPlaceList: true,
          createdAt: at(2),
        });
        expect(question.options).toHaveLength(5000);
      });

      it('give a place question one option per place, answered and analysed like any option', async () => {
        const places = await store.replacePlaces(review.id, list);
        const question = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Which seat do you live in?',
          kind: 'seat',
          options: ['ignored'],
          usesPlaceList: true,
          required: true,
          createdAt: at(2),
        });
        expect(question.usesPlaceList).toBe(true);
        expect(question.options.map((option) => [option.label, option.placeId, option.position])).toEqual(
          places.map((row, index) => [row.name, row.id, index]),
        );

        const participant = await store.createParticipant({
          reviewId: review.id,
          tokenHash: 'hash',
          seed: 1,
          createdAt: at(3),
        });
        const aldershot = question.options[1];
        expect(
          await store.setIdentityAnswer({
            participantId: participant.id,
            questionId: question.id,
            optionId: aldershot?.id ?? 0,
            answeredAt: at(4),
          }),
        ).toBe(true);
        expect(await store.listReviewIdentityAnswers(review.id)).toEqual([
          { participantId: participant.id, questionId: question.id, optionId: aldershot?.id },
        ]);
        const regions = regionsByOption(question.options, await store.listPlaces(review.id));
        expect(regions.get(aldershot?.id ?? 0)).toBe('South East');

        // Editing the wording keeps the place options; option lists are not taken on a place question.
        const edited = await store.updateIdentityQuestion(review.id, question.id, {
          prompt: 'Your constituency?',
          options: ['A', 'B'],
        });
        expect(edited?.options.map((option) => option.id)).toEqual(question.options.map((option) => option.id));
      });

      it('rebuild the options of place questions when the list is replaced', async () => {
        await store.replacePlaces(review.id, list);
        const question = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Which seat?',
          kind: 'seat',
          options: [],
          usesPlaceList: true,
          createdAt: at(2),
        });
        const plain = await store.createIdentityQuestion({
          reviewId: review.id,
          prompt: 'Tradition?',
          kind: 'tradition',
          options: ['Left', 'Right'],
          createdAt: at(2),
        });
        const replaced = await store.replacePlaces(review.id, [
          place('N1', 'Newport East', 'Wales'),
          place('N2', 'Newport West and Islwyn', 'Wales'),
        ]);
        const [seat, tradition] = await store.listIdentityQuestions(review.id);
        expect(seat?.options.map((option) => [option.label, option.placeId])).toEqual(
          replaced.map((row) => [row.name, row.id]),
        );
        expect(tradition).toEqual(plain);
        expect(seat?.id).toBe(question.id);
      });
    });
  });
}
