import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  IdentityQuestion,
  Participation,
  PlaceList,
  PlaceListPresetInfo,
  PlaceOption,
  Problem,
} from '../../../contract/index.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';

const goodCsv = [
  'code,name,region,name_cy,held,lost in 2019',
  'W07000112,Ynys Môn,Wales,Ynys Môn,no,yes',
  'E14001063,Aldershot,South East,,no,no',
  'S14000060,Aberdeen North,Scotland,,yes,no',
].join('\n');

type LineProblem = NonNullable<Problem['lines']>[number];

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`place lists API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['We lost touch with the coast.']));
    });
    afterEach(async () => {
      await api.close();
    });

    const placesUrl = () => `/api/manage/reviews/${slug}/places`;
    const importCsv = (csv: string) => owner.put(placesUrl(), { csv });
    const storedCodes = async () => (await owner.get(placesUrl())).json<PlaceList>().places.map((place) => place.code);

    async function expectBadLines(csv: string): Promise<LineProblem[]> {
      const response = await importCsv(csv);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json<Problem>();
      expect(problem.code).toBe('place_list_invalid');
      expect(problem.detail).toContain('nothing was imported');
      expect(problem.errors?.every((error) => error.field === 'csv')).toBe(true);
      return problem.lines ?? [];
    }

    it('imports a CSV with Welsh names and attribute columns, and replaces it whole', async () => {
      expect((await owner.get(placesUrl())).json<PlaceList>()).toEqual({
        count: 0,
        regions: [],
        attributeColumns: [],
        locked: false,
        places: [],
      });
      const imported = await importCsv(goodCsv);
      expect(imported.statusCode).toBe(200);
      const list = imported.json<PlaceList>();
      expect(list).toMatchObject({
        count: 3,
        regions: ['Wales', 'South East', 'Scotland'],
        attributeColumns: ['held', 'lost in 2019'],
        locked: false,
      });
      expect(list.places[0]).toMatchObject({
        code: 'W07000112',
        name: 'Ynys Môn',
        nameCy: 'Ynys Môn',
        region: 'Wales',
        attributes: { held: 'no', 'lost in 2019': 'yes' },
      });
      expect((await owner.get(placesUrl())).json<PlaceList>()).toEqual(list);

      await importCsv('code,name,region\nN1,Newport East,Wales\n');
      expect(await storedCodes()).toEqual(['N1']);
    });

    it('refuses a file with bad lines, naming each line and column, and keeps the list it had', async () => {
      await importCsv(goodCsv);
      const lines = await expectBadLines(
        [
          'code,name,region,held',
          'A1,Alpha,North,yes',
          ',Beta,North,no',
          'C3,,South,no',
          'A1,Alpha again,North,yes',
          'D4,Delta,East',
          'E5,Echo,West,no,extra',
        ].join('\n'),
      );
      expect(lines.map(({ line, column, code }) => ({ line, column, code }))).toEqual([
        { line: 3, column: 'code', code: 'missing_value' },
        { line: 4, column: 'name', code: 'missing_value' },
        { line: 5, column: 'code', code: 'duplicate_code' },
        { line: 6, column: null, code: 'column_count' },
        { line: 7, column: null, code: 'column_count' },
      ]);
      expect(lines[2]?.message).toContain('line 2');
      // Nothing of the bad file was stored, and the old list is intact.
      expect(await storedCodes()).toEqual(['W07000112', 'E14001063', 'S14000060']);
    });

    it('refuses empty files, headers without places, missing columns, bad quoting and too many rows', async () => {
      const empty = await importCsv('');
      expect(empty.statusCode).toBe(400);
      expect(empty.json<Problem>().errors?.[0]?.field).toBe('csv');

      expect(await expectBadLines('\n\n')).toMatchObject([{ line: 1, code: 'empty_file' }]);
      expect(await expectBadLines('code,name,region\n')).toMatchObject([{ line: 1, code: 'no_places' }]);
      expect(await expectBadLines('code,title,area\nA,Alpha,North\n')).toMatchObject([
        { line: 1, column: 'name', code: 'missing_column' },
        { line: 1, column: 'region', code: 'missing_column' },
      ]);
      expect(await expectBadLines('code,name,region\nA1,"Al"pha,North\n')).toMatchObject([
        { line: 2, code: 'csv_syntax' },
      ]);
      const tooMany = ['code,name,region', ...Array.from({ length: 5001 }, (_, index) => `P${index},Place ${index},R`)];
      expect(await expectBadLines(tooMany.join('\n'))).toMatchObject([
        { line: 5002, code: 'too_many_places', params: { max: 5000, found: 5001 } },
      ]);
      expect(await storedCodes()).toEqual([]);

      const notJson = await owner.put(placesUrl(), { csv: 'code,name,region\nA,B,C', extra: true });
      expect(notJson.statusCode).toBe(400);
    });

    it('loads the 650 UK constituencies with one request, with Welsh names', async () => {
      const presets = (await owner.get('/api/manage/place-lists/presets')).json<PlaceListPresetInfo[]>();
      expect(presets).toEqual([
        expect.objectContaining({
          id: 'uk-westminster-2024',
          count: 650,
          attribution: expect.stringContaining('Open Parliament Licence'),
        }),
      ]);
      const loaded = await owner.post(`${placesUrl()}/preset`, { preset: 'uk-westminster-2024' });
      expect(loaded.statusCode).toBe(200);
      const list = loaded.json<PlaceList>();
      expect(list.count).toBe(650);
      expect(list.regions).toEqual(expect.arrayContaining(['Wales', 'Scotland', 'Northern Ireland', 'London']));
      expect(list.places.filter((place) => place.region === 'Wales')).toHaveLength(32);
      expect(list.places.filter((place) => place.nameCy !== null)).toHaveLength(32);
      expect(list.attributeColumns).toContain('winner_2024');

      const unknown = await owner.post(`${placesUrl()}/preset`, { preset: 'atlantis' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<Problem>().errors?.[0]?.field).toBe('preset');
    });

    it('offers the list in a place question, answered by option, and locks the list once answered', async () => {
      const questionsUrl = `/api/manage/reviews/${slug}/identity-questions`;
      const placeQuestion = { prompt: 'Which seat do you live in?', kind: 'seat', usesPlaceList: true };

      const tooEarly = await owner.post(questionsUrl, placeQuestion);
      expect(tooEarly.statusCode).toBe(409);
      expect(tooEarly.json<Problem>()).toMatchObject({
        code: 'place_list_missing',
        errors: [{ field: 'usesPlaceList' }],
      });
      await importCsv(goodCsv);
      const wrongKind = await owner.post(questionsUrl, { ...placeQuestion, kind: 'tradition' });
      expect(wrongKind.statusCode).toBe(400);
      expect(wrongKind.json<Problem>().errors?.[0]?.field).toBe('kind');
      const withOptions = await owner.post(questionsUrl, { ...placeQuestion, options: ['A', 'B'] });
      expect(withOptions.json<Problem>().errors?.[0]?.field).toBe('options');

      const created = await owner.post(questionsUrl, placeQuestion);
      expect(created.statusCode).toBe(201);
      const question = created.json<IdentityQuestion>();
      expect(question).toMatchObject({ usesPlaceList: true, kind: 'seat', required: false });
      expect(question.options.map((option) => option.label)).toEqual(['Ynys Môn', 'Aldershot', 'Aberdeen North']);

      const participant = api.client();
      const joined = (await participant.post(`/api/reviews/${slug}/join`)).json<Participation>();
      // Participants get the question without its (possibly thousands of) options…
      expect(joined.identityQuestions).toEqual([expect.objectContaining({ id: question.id, options: [] })]);
      // …and load them once for the seat picker, without the organisers' attributes.
      const choices = (await participant.get(`/api/reviews/${slug}/identity-questions/${question.id}/places`)).json<
        PlaceOption[]
      >();
      expect(choices).toEqual([
        { optionId: question.options[0]?.id, code: 'W07000112', name: 'Ynys Môn', nameCy: 'Ynys Môn', region: 'Wales' },
        { optionId: question.options[1]?.id, code: 'E14001063', name: 'Aldershot', nameCy: null, region: 'South East' },
        {
          optionId: question.options[2]?.id,
          code: 'S14000060',
          name: 'Aberdeen North',
          nameCy: null,
          region: 'Scotland',
        },
      ]);

      const answered = await participant.put(`/api/reviews/${slug}/identity-answers`, {
        answers: [{ questionId: question.id, optionId: choices[1]?.optionId }],
      });
      expect(answered.statusCode).toBe(200);
      const review = await api.store.findReviewBySlug(slug);
      expect(await api.store.listReviewIdentityAnswers(review?.id ?? 0)).toEqual([
        expect.objectContaining({ questionId: question.id, optionId: choices[1]?.optionId }),
      ]);

      expect((await owner.get(placesUrl())).json<PlaceList>().locked).toBe(true);
      const replace = await importCsv('code,name,region\nN1,Newport East,Wales\n');
      expect(replace.statusCode).toBe(409);
      expect(replace.json<Problem>().code).toBe('place_list_in_use');
      const preset = await owner.post(`${placesUrl()}/preset`, { preset: 'uk-westminster-2024' });
      expect(preset.statusCode).toBe(409);
      expect(await storedCodes()).toEqual(['W07000112', 'E14001063', 'S14000060']);
    });

    it('answers 404 for the places of a question that is not a place question', async () => {
      const plain = await owner.post(`/api/manage/reviews/${slug}/identity-questions`, {
        prompt: 'Tradition?',
        kind: 'tradition',
        options: ['Left', 'Centre'],
      });
      const questionId = plain.json<IdentityQuestion>().id;
      const response = await api.client().get(`/api/reviews/${slug}/identity-questions/${questionId}/places`);
      expect(response.statusCode).toBe(404);
      expect(response.json<Problem>().code).toBe('question_not_found');
      const badId = await api.client().get(`/api/reviews/${slug}/identity-questions/nope/places`);
      expect(badId.json<Problem>().errors?.[0]?.field).toBe('questionId');
    });

    it('keeps place lists to the review’s team', async () => {
      const stranger = api.client();
      expect((await stranger.put(placesUrl(), { csv: goodCsv })).statusCode).toBe(401);
      expect((await stranger.get(placesUrl())).statusCode).toBe(401);
    });
  });
}
