import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem } from '../../../contract/problem.js';
import type { SuppressedCell, ThemesView } from '../../../contract/themes.js';
import type { ThemeRun } from '../../../core/themes/extract.js';
import type { ReviewRow } from '../../../store/store.js';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../../test-support/api.js';
import { testStoreFactories } from '../../../test-support/stores.js';
import { grantRole, signedInAccount } from '../../../test-support/team.js';
import { labelledAnswers } from '../../../themes/fixtures/labelled-answers.js';
import { ThemesRunner } from '../../../worker/themes-runner.js';

/** Answers on three known topics from the labelled set, `perTopic` each, skipping the first `skip`. */
function topicAnswers(perTopic: number, skip = 0): string[] {
  return (['europe', 'local', 'campaign'] as const).flatMap((topic) =>
    labelledAnswers
      .filter((answer) => answer.topic === topic)
      .slice(skip, skip + perTopic)
      .map((answer) => answer.text),
  );
}

/** A stand-in for an OpenAI-compatible API on loopback: records every request, answers as told. */
async function fakeLlm(
  status = 200,
): Promise<{ url: string; requests: Array<{ headers: IncomingMessage['headers']; body: unknown }>; server: Server }> {
  const requests: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      requests.push({ headers: request.headers, body: JSON.parse(text) as unknown });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          status === 200
            ? { choices: [{ message: { role: 'assistant', content: 'Members want a clear line on Europe.' } }] }
            : { error: 'down' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, server };
}

const revealsSmallCount = (cell: SuppressedCell) => cell.state === 'shown' && cell.value > 0 && cell.value < 10;

for (const factory of testStoreFactories) {
  describe.skipIf(factory.skipReason !== undefined)(`themes API on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let slug: string;
    let review: ReviewRow;
    let runner: ThemesRunner;
    let participants = 0;
    const themes = () => `/api/manage/reviews/${slug}/themes`;

    beforeEach(async () => {
      api = await createTestApi(factory);
      ({ owner, slug } = await openReviewWithStatements(api, ['We lost touch with voters.']));
      review = (await api.store.findReviewBySlug(slug)) as ReviewRow;
      runner = new ThemesRunner(api.store, {
        inline: true,
        debounceMs: 0,
        everyNAnswers: 1000,
        now: () => api.clock.now,
      });
      api.context.themes = runner;
      participants = 0;
    });
    afterEach(async () => {
      await runner.close();
      await api.close();
    });

    /** Writes answers straight to the store, one participant each; every `minorityEvery`-th is in tradition B. */
    async function seedAnswers(texts: readonly string[], minorityEvery = 15): Promise<void> {
      const at = api.clock.now.toISOString();
      const prompt =
        (await api.store.listening.listPrompts(review.id))[0] ??
        (await api.store.listening.createPrompt({
          reviewId: review.id,
          text: 'Why did we lose?',
          maxLength: 2000,
          createdAt: at,
        }));
      let question = (await api.store.listIdentityQuestions(review.id))[0];
      question ??= await api.store.createIdentityQuestion({
        reviewId: review.id,
        prompt: 'Tradition',
        kind: 'tradition',
        options: ['Tradition A', 'Tradition B'],
        createdAt: at,
      });
      for (const text of texts) {
        participants++;
        const participant = await api.store.createParticipant({
          reviewId: review.id,
          tokenHash: `participant-${participants}`,
          seed: participants,
          createdAt: at,
        });
        const option = question.options[participants % minorityEvery === 0 ? 1 : 0];
        if (option) {
          await api.store.setIdentityAnswer({
            participantId: participant.id,
            questionId: question.id,
            optionId: option.id,
            answeredAt: at,
          });
        }
        await api.store.listening.savePromptAnswer({
          reviewId: review.id,
          promptId: prompt.id,
          participantId: participant.id,
          text,
          at,
        });
      }
    }

    async function runAndWait(): Promise<ThemesView> {
      const response = await owner.post(`${themes()}/run`);
      expect(response.statusCode).toBe(202);
      await runner.whenIdle(review.id);
      return (await owner.get(themes())).json<ThemesView>();
    }

    async function latestRun(): Promise<ThemeRun> {
      return JSON.parse((await api.store.themes.latestRun(review.id))?.result ?? 'null') as ThemeRun;
    }

    it('runs off the request, then shows themes with counts, examples and suppressed breakdowns', async () => {
      const before = (await owner.get(themes())).json<ThemesView>();
      expect(before).toMatchObject({
        run: null,
        running: false,
        pendingEdits: 0,
        newAnswers: 0,
        summariesAvailable: false,
      });

      const texts = topicAnswers(30);
      await seedAnswers(texts);
      const voice = {
        placeId: null,
        pastVote: null,
        intention: null,
        recordedByAccountId: review.createdByAccountId as number,
        createdAt: api.clock.now.toISOString(),
      };
      for (let index = 0; index < 14; index++) {
        const seat =
          index < 11
            ? { placeCode: 'E14000530', placeName: 'Aldershot' }
            : { placeCode: 'W07000041', placeName: 'Ynys Môn' };
        await api.store.listening.recordVoterVoice({
          ...voice,
          ...seat,
          reviewId: review.id,
          text: texts[index * 5] as string,
          idempotencyKey: `voice-${index}`,
        });
      }

      const queued = await owner.post(`${themes()}/run`);
      expect(queued.statusCode).toBe(202);
      expect(queued.json<ThemesView>().running).toBe(true);
      await runner.whenIdle(review.id);
      const view = (await owner.get(themes())).json<ThemesView>();
      const run = view.run;
      if (!run) throw new Error('no run');
      expect(run.answerCount).toBe(texts.length + 14);
      expect(view).toMatchObject({ running: false, newAnswers: 0 });
      expect(run.themes.length).toBeGreaterThanOrEqual(2);

      const stored = await latestRun();
      const sizeOf = new Map(stored.themes.map((theme) => [theme.id, theme.answerIds.length]));
      for (const theme of run.themes) {
        const size = sizeOf.get(theme.id) as number;
        if (size < 10) expect(theme.count).toEqual({ state: 'small' });
        else expect(['shown', 'complement']).toContain(theme.count.state);
        if (theme.count.state === 'shown') expect(theme.count.value).toBe(size);
        expect(theme.label).toBe(theme.automaticLabel);
        expect(theme.terms.length).toBeGreaterThan(0);
        expect(theme.examples.length).toBeGreaterThanOrEqual(1);
        expect(theme.examples.length).toBeLessThanOrEqual(3);
        for (const example of theme.examples) expect(texts).toContain(example.text);
      }

      const identity = run.breakdowns.find((breakdown) => breakdown.kind === 'identity');
      expect(identity?.title).toBe('Tradition');
      expect(identity?.groups).toContain('Tradition B');
      const seat = run.breakdowns.find((breakdown) => breakdown.kind === 'seat');
      expect(seat?.groups).toEqual(expect.arrayContaining(['Aldershot', 'Ynys Môn']));
      // Six tradition-B writers and three voices from Ynys Môn: every such cell is hidden, never shown.
      for (const breakdown of run.breakdowns) {
        for (const row of breakdown.rows) for (const cell of row.cells) expect(revealsSmallCount(cell)).toBe(false);
      }
      const minorityColumn = identity?.groups.indexOf('Tradition B') ?? -1;
      expect(identity?.rows.some((row) => row.cells[minorityColumn]?.state === 'small')).toBe(true);
    });

    it('keeps renames and merges across a re-run with new answers', async () => {
      await seedAnswers(topicAnswers(30));
      const first = await runAndWait();
      const [renamed, mergedInto, mergedAway] = (first.run?.themes ?? []).map((theme) => theme.id);
      if (!renamed || !mergedInto || !mergedAway) throw new Error('expected three themes');

      const rename = await owner.post(`${themes()}/${renamed}/rename`, { label: '  Our message  ' });
      expect(rename.statusCode).toBe(202);
      const pending = rename.json<ThemesView>();
      expect(pending.pendingEdits).toBe(1);
      expect(pending.run?.themes.find((theme) => theme.id === renamed)?.label).toBe('Our message');
      await runner.whenIdle(review.id);

      const merge = await owner.post(`${themes()}/merge`, { themeIds: [mergedInto, mergedAway] });
      expect(merge.statusCode).toBe(202);
      await runner.whenIdle(review.id);
      const edited = (await owner.get(themes())).json<ThemesView>();
      expect(edited.pendingEdits).toBe(0);
      expect(edited.run?.themes.map((theme) => theme.id)).not.toContain(mergedAway);
      expect(edited.run?.themes).toHaveLength((first.run?.themes.length ?? 0) - 1);
      const renamedTheme = edited.run?.themes.find((theme) => theme.id === renamed);
      expect(renamedTheme).toMatchObject({ label: 'Our message', customLabel: 'Our message' });

      await seedAnswers(topicAnswers(8, 30));
      expect((await owner.get(themes())).json<ThemesView>().newAnswers).toBe(24);
      const rerun = await runAndWait();
      expect(rerun.run?.answerCount).toBe(90 + 24);
      expect(rerun.run?.themes.find((theme) => theme.id === renamed)?.label).toBe('Our message');
      expect(rerun.run?.themes.map((theme) => theme.id)).not.toContain(mergedAway);
      expect(rerun.run?.themes.map((theme) => theme.id)).toContain(mergedInto);
      expect((await api.store.themes.listEdits(review.id)).map((edit) => JSON.parse(edit.edit).kind)).toEqual([
        'rename',
        'merge',
      ]);
    });

    it('splits a theme in two by the engine’s proposal, and refuses unknown themes and edits before a run', async () => {
      const early = await owner.post(`${themes()}/theme-1/rename`, { label: 'Too soon' });
      expect(early.statusCode).toBe(409);
      expect(early.json<Problem>().code).toBe('themes_not_run');

      await seedAnswers(topicAnswers(30));
      const first = await runAndWait();
      const [a, b] = (first.run?.themes ?? []).map((theme) => theme.id);
      if (!a || !b) throw new Error('expected two themes');
      await owner.post(`${themes()}/merge`, { themeIds: [a, b] });
      await runner.whenIdle(review.id);
      const split = await owner.post(`${themes()}/${a}/split`);
      expect(split.statusCode).toBe(202);
      await runner.whenIdle(review.id);
      const after = (await owner.get(themes())).json<ThemesView>();
      const ids = after.run?.themes.map((theme) => theme.id) ?? [];
      expect(ids).not.toContain(a);
      expect(ids.filter((id) => id.startsWith(`${a}.`))).toHaveLength(2);

      const unknown = await owner.post(`${themes()}/theme-99/split`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<Problem>().code).toBe('theme_not_found');
      const badId = await owner.post(`${themes()}/not-a-theme/rename`, { label: 'x' });
      expect(badId.statusCode).toBe(400);
      const oneTheme = await owner.post(`${themes()}/merge`, { themeIds: [ids[0]] });
      expect(oneTheme.statusCode).toBe(400);
      expect(JSON.stringify(oneTheme.json<Problem>())).toContain('themeIds');
      const longName = await owner.post(`${themes()}/${ids[0]}/rename`, { label: 'x'.repeat(121) });
      expect(longName.statusCode).toBe(400);
      expect(JSON.stringify(longName.json<Problem>())).toContain('label');
    });

    it('runs by itself once enough new answers arrive through the API', async () => {
      await runner.close();
      runner = new ThemesRunner(api.store, { inline: true, debounceMs: 0, everyNAnswers: 6, now: () => api.clock.now });
      api.context.themes = runner;
      const prompt = (await owner.post(`/api/manage/reviews/${slug}/prompts`, { text: 'Why did we lose?' })).json<{
        id: number;
      }>();
      const texts = topicAnswers(2);
      const answer = async (text: string) => {
        const response = await api.client().put(`/api/reviews/${slug}/prompts/${prompt.id}/answer`, { text });
        expect(response.statusCode).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await runner.whenIdle(review.id);
      };
      for (const text of texts.slice(0, 5)) await answer(text);
      expect(await api.store.themes.latestRun(review.id)).toBeUndefined();
      await answer(texts[5] as string);
      expect((await api.store.themes.latestRun(review.id))?.answerCount).toBe(6);
    });

    it('lets analysts read themes but only editors run and change them', async () => {
      const { client: analyst, account } = await signedInAccount(api, 'analyst@example.org');
      await grantRole(api, slug, account.id, 'analyst');
      expect((await analyst.get(themes())).statusCode).toBe(200);
      expect((await analyst.post(`${themes()}/run`)).statusCode).toBe(403);
      expect((await api.client().get(themes())).statusCode).toBe(401);
    });

    describe('machine-written summaries', () => {
      let llm: Awaited<ReturnType<typeof fakeLlm>> | undefined;
      afterEach(async () => {
        await new Promise((resolve) => llm?.server.close(resolve));
        llm = undefined;
      });

      it('sends nothing and answers 409 when no endpoint is configured', async () => {
        llm = await fakeLlm();
        await seedAnswers(topicAnswers(30));
        const view = await runAndWait();
        const response = await owner.post(`${themes()}/${view.run?.themes[0]?.id}/summary`);
        expect(response.statusCode).toBe(409);
        expect(response.json<Problem>().code).toBe('llm_not_configured');
        expect(llm.requests).toHaveLength(0);
        expect(await api.store.themes.latestSummaries(review.id)).toEqual([]);
      });

      it('drafts from example answers only and records the prompt and model', async () => {
        llm = await fakeLlm();
        api.context.config = {
          ...api.context.config,
          llm: { baseUrl: llm.url, apiKey: 'test-key', model: 'fake-model' },
        };
        await seedAnswers(topicAnswers(30));
        const view = await runAndWait();
        expect(view.summariesAvailable).toBe(true);
        const theme = view.run?.themes[0];
        if (!theme) throw new Error('no theme');
        const response = await owner.post(`${themes()}/${theme.id}/summary`);
        expect(response.statusCode).toBe(200);
        const summary = response.json<ThemesView>().run?.themes.find((candidate) => candidate.id === theme.id)?.summary;
        expect(summary).toMatchObject({ text: 'Members want a clear line on Europe.', model: 'fake-model' });
        expect(llm.requests).toHaveLength(1);
        const sent = llm.requests[0];
        if (!sent) throw new Error('nothing sent');
        expect(sent.headers.authorization).toBe('Bearer test-key');
        expect(sent.body).toMatchObject({ model: 'fake-model' });
        const sentText = JSON.stringify((sent.body as { messages: unknown }).messages);
        expect(summary?.prompt).toBe(sentText);
        for (const example of theme.examples) expect(sentText).toContain(JSON.stringify(example.text).slice(1, -1));
        expect(sentText).not.toContain('Tradition');
      });

      it('answers 502 when the endpoint fails, storing nothing', async () => {
        llm = await fakeLlm(500);
        api.context.config = {
          ...api.context.config,
          llm: { baseUrl: llm.url, apiKey: 'test-key', model: 'fake-model' },
        };
        await seedAnswers(topicAnswers(30));
        const view = await runAndWait();
        const response = await owner.post(`${themes()}/${view.run?.themes[0]?.id}/summary`);
        expect(response.statusCode).toBe(502);
        expect(response.json<Problem>().code).toBe('llm_failed');
        expect(await api.store.themes.latestSummaries(review.id)).toEqual([]);
      });
    });
  });
}
