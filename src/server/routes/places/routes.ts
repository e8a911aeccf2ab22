import { z } from 'zod';
import { identityQuestionParams } from '../../../contract/identity.js';
import {
  importPlacesBody,
  loadPlacePresetBody,
  placeListMaxCharacters,
  placeListPresetSchema,
  placeListSchema,
  placeOptionSchema,
} from '../../../contract/places.js';
import {
  importPlaceList,
  listPlaceListPresets,
  loadPlaceListPreset,
  placeOptions,
  readPlaceList,
} from '../../commands/places.js';
import type { App, AppContext } from '../../context.js';
import { AppError, unwrap } from '../../errors.js';
import { authoriseReview } from '../authorise.js';
import { loadVisibleReview } from '../participation/resolve.js';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const tags = ['places'];

/**
 * Place lists: organisers import a CSV or load a ready-made list; participants' seat pickers read a
 * place question's choices once.
 */
export function registerPlaceRoutes(app: App, context: AppContext): void {
  app.get(
    '/manage/place-lists/presets',
    {
      config: { permission: 'signedIn' },
      schema: {
        tags,
        summary: 'The ready-made place lists an organiser can load with one click',
        response: { 200: z.array(placeListPresetSchema) },
      },
    },
    async () => listPlaceListPresets(),
  );

  app.get(
    '/manage/reviews/:slug/places',
    {
      config: { permission: 'view' },
      schema: { tags, summary: 'The review’s place list', params: slugParams, response: { 200: placeListSchema } },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'view');
      return readPlaceList(context.store, review);
    },
  );

  app.put(
    '/manage/reviews/:slug/places',
    {
      config: { permission: 'editReview', audit: 'place-list.import' },
      // A 5,000-place list with a few columns is well over the API's usual 256 KiB; the JSON string
      // escaping at most doubles the CSV's characters.
      bodyLimit: placeListMaxCharacters * 2 + 1024,
      schema: {
        tags,
        summary:
          'Replace the place list with a CSV (code, name, region, optional name_cy, any other columns kept as attributes). All or nothing: a 422 lists every bad line.',
        params: slugParams,
        body: importPlacesBody,
        response: { 200: placeListSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return unwrap(await importPlaceList(context, review, request.body.csv));
    },
  );

  app.post(
    '/manage/reviews/:slug/places/preset',
    {
      config: { permission: 'editReview', audit: 'place-list.load' },
      schema: {
        tags,
        summary: 'Replace the place list with a ready-made one',
        params: slugParams,
        body: loadPlacePresetBody,
        response: { 200: placeListSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return unwrap(await loadPlaceListPreset(context, review, request.body.preset));
    },
  );

  app.get(
    '/reviews/:slug/identity-questions/:questionId/places',
    {
      schema: {
        tags: ['participation'],
        summary: 'The choices of a place question, for the seat picker (load once; searched in the browser)',
        params: identityQuestionParams,
        response: { 200: z.array(placeOptionSchema) },
      },
    },
    async (request) => {
      const review = await loadVisibleReview(context, request, request.params.slug);
      const options = await placeOptions(context.store, review, request.params.questionId);
      if (options === undefined) {
        throw new AppError('question_not_found', `Question ${request.params.questionId} is not a place question here.`);
      }
      return options;
    },
  );
}
