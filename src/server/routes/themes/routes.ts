import { z } from 'zod';
import { mergeThemesBody, renameThemeBody, themeIdParam, themesViewSchema } from '../../../contract/themes.js';
import {
  draftThemeSummary,
  mergeThemes,
  renameTheme,
  requestThemesRun,
  splitTheme,
  themesView,
} from '../../commands/themes.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { authoriseReview } from '../authorise.js';

const tags = ['themes'];
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const themeParams = slugParams.extend({ themeId: themeIdParam });

/**
 * Themes of a review's answers and voices. Reading them needs `viewResults` (they are results:
 * counts by seat and identity group, small cells suppressed); running and editing them needs
 * `editReview`, since names, merges and splits change what everyone on the team and the report sees.
 * Runs happen off the request: the actions answer 202 with the current view while a run is due.
 */
export function registerThemeRoutes(app: App, context: AppContext): void {
  const manage = '/manage/reviews/:slug/themes';

  app.get(
    manage,
    {
      config: { permission: 'viewResults' },
      schema: {
        tags,
        summary: 'The latest themes, their counts per seat and identity group (small cells suppressed), and run status',
        params: slugParams,
        response: { 200: themesViewSchema },
      },
    },
    async (request) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'viewResults');
      return themesView(context, review);
    },
  );

  app.post(
    `${manage}/run`,
    {
      config: { permission: 'editReview', audit: 'themes.run' },
      schema: {
        tags,
        summary: 'Re-run themes now, off the request (answers at once; poll the view until it is done)',
        params: slugParams,
        response: { 202: themesViewSchema },
      },
    },
    async (request, reply) => {
      const { review } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return reply.code(202).send(await requestThemesRun(context, review));
    },
  );

  app.post(
    `${manage}/merge`,
    {
      config: { permission: 'editReview', audit: 'themes.merge' },
      schema: {
        tags,
        summary: 'Merge themes into one (kept across re-runs)',
        params: slugParams,
        body: mergeThemesBody,
        response: { 202: themesViewSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return reply.code(202).send(unwrap(await mergeThemes(context, review, account, request.body.themeIds)));
    },
  );

  app.post(
    `${manage}/:themeId/rename`,
    {
      config: { permission: 'editReview', audit: 'themes.rename' },
      schema: {
        tags,
        summary: 'Name a theme (an empty name goes back to the automatic one); kept across re-runs',
        params: themeParams,
        body: renameThemeBody,
        response: { 202: themesViewSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return reply
        .code(202)
        .send(unwrap(await renameTheme(context, review, account, request.params.themeId, request.body.label)));
    },
  );

  app.post(
    `${manage}/:themeId/split`,
    {
      config: { permission: 'editReview', audit: 'themes.split' },
      schema: {
        tags,
        summary: 'Split a theme in two as the engine proposes (stored as seed answers, so it follows new answers)',
        params: themeParams,
        response: { 202: themesViewSchema },
      },
    },
    async (request, reply) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return reply.code(202).send(unwrap(await splitTheme(context, review, account, request.params.themeId)));
    },
  );

  app.post(
    `${manage}/:themeId/summary`,
    {
      config: { permission: 'editReview', audit: 'themes.summary' },
      schema: {
        tags,
        summary:
          'Draft a machine-written summary of a theme with the configured OpenAI-compatible endpoint (409 when none is configured)',
        params: themeParams,
        response: { 200: themesViewSchema },
      },
    },
    async (request) => {
      const { review, account } = await authoriseReview(context, request, request.params.slug, 'editReview');
      return unwrap(await draftThemeSummary(context, review, account, request.params.themeId));
    },
  );
}
