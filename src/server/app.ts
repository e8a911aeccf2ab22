import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuditHook } from './audit-hook.js';
import { checkCsrf, loadAccount } from './auth/session.js';
import type { App, AppContext } from './context.js';
import { AppError, type FieldError } from './errors.js';
import { usesDevelopmentOutbox } from './mail/create-mailer.js';
import { registerRoutePermissions } from './route-permissions.js';
import { registerAccountRoutes } from './routes/accounts/routes.js';
import { registerAuditRoutes } from './routes/audit/routes.js';
import { registerDashboardRoutes } from './routes/dashboard/routes.js';
import { registerDevMailRoutes } from './routes/dev-mail/routes.js';
import { registerEmbedRoutes } from './routes/embed/routes.js';
import { registerEventOutcomeRoutes } from './routes/event-outcomes/routes.js';
import { registerEventRoutes } from './routes/events/routes.js';
import { registerExportRoutes } from './routes/exports/routes.js';
import { registerHealthRoutes } from './routes/health/routes.js';
import { registerIdentityQuestionRoutes } from './routes/identity/routes.js';
import { registerInvitationRoutes } from './routes/invitations/routes.js';
import { registerListeningRoutes } from './routes/listening/routes.js';
import { registerManageRoutes } from './routes/manage/routes.js';
import { registerModerationRoutes } from './routes/moderation/routes.js';
import { registerParticipationRoutes } from './routes/participation/routes.js';
import { registerPasswordResetRoutes } from './routes/password-reset/routes.js';
import { registerPlaceRoutes } from './routes/places/routes.js';
import { registerPrivacyRoutes } from './routes/privacy/routes.js';
import { registerResultsRoutes } from './routes/results/routes.js';
import { registerTeamRoutes } from './routes/team/routes.js';
import { registerThemeRoutes } from './routes/themes/routes.js';
import { registerVolunteerRoutes } from './routes/volunteers/routes.js';
import { loggerOptions } from './security/log-options.js';
import { registerRouteLimits } from './security/route-limits.js';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/**
 * Builds the HTTP app around a context. Handlers stay thin (validate → authorise → command →
 * present); this file wires the cross-cutting parts: cookies, session, CSRF, rate limits, security
 * headers, the one error handler, the OpenAPI document and the browser app.
 */
export async function buildApp(
  context: AppContext,
  options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(context.config, options.logStream) : false,
    trustProxy: context.config.trustProxy,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    const retryAt = appError.extensions?.retryAt;
    if (retryAt) {
      const seconds = Math.ceil((Date.parse(retryAt) - context.now().getTime()) / 1000);
      void reply.header('retry-after', String(Math.max(1, seconds)));
    }
    void reply.code(appError.status).type('application/problem+json').send(appError.toProblem());
  });

  await app.register(fastifyCookie);
  // Shared with the embed pages, which differ only in who may frame them.
  const cspDirectives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: context.config.secureCookies ? [] : null,
  };
  await app.register(fastifyHelmet, {
    // HSTS on a plain-http instance (a laptop, a test) would pin browsers to https that is not there.
    strictTransportSecurity: context.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: { directives: cspDirectives },
  });
  // Before the plugin: its onRoute hook reads the per-route limits this one sets.
  registerRouteLimits(app, context);
  await app.register(fastifyRateLimit, {
    max: context.config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Shared counters hold the limit across instances; if Redis is unreachable, serve rather than fail.
    ...(context.rateLimitStore ? { ...context.rateLimitStore, skipOnError: true } : {}),
    errorResponseBuilder: (_request, limit) =>
      new AppError('rate_limited', `More than ${limit.max} requests a minute; try again in ${limit.after}.`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Common Ground API',
        version: '0.1.0',
        description:
          'JSON over HTTP. Errors are application/problem+json with a stable `code`. State-changing requests need the `x-csrf-token` header (from GET /api/session).',
      },
    },
    transform: jsonSchemaTransform,
  });

  // Both before any route: they hook into every route as it is registered.
  registerRoutePermissions(app, context);
  registerAuditHook(app, context);
  app.decorateRequest('account', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    checkCsrf(request);
    request.account = await loadAccount(request, context);
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      registerHealthRoutes(typed, context);
      registerAccountRoutes(typed, context);
      registerPasswordResetRoutes(typed, context);
      registerParticipationRoutes(typed, context);
      registerPrivacyRoutes(typed, context);
      registerManageRoutes(typed, context);
      registerTeamRoutes(typed, context);
      registerAuditRoutes(typed, context);
      registerDashboardRoutes(typed, context);
      registerIdentityQuestionRoutes(typed, context);
      registerPlaceRoutes(typed, context);
      registerInvitationRoutes(typed, context);
      registerResultsRoutes(typed, context);
      registerExportRoutes(typed, context);
      registerModerationRoutes(typed, context);
      registerEventRoutes(typed, context);
      registerEventOutcomeRoutes(typed, context);
      registerVolunteerRoutes(typed, context);
      registerListeningRoutes(typed, context);
      registerThemeRoutes(typed, context);
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  if (usesDevelopmentOutbox(context.config)) {
    // Its own plugin, so its local-only hook guards these pages and nothing else.
    await app.register(async (devMail) => registerDevMailRoutes(devMail.withTypeProvider<ZodTypeProvider>(), context));
  }

  const hasWebBuild = existsSync(join(webRoot, 'index.html'));
  if (hasWebBuild) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  registerEmbedRoutes(app, { webRoot, hasWebBuild, cspDirectives });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw new AppError('not_found', `No API route for ${request.method} ${path}.`);
    }
    if (!hasWebBuild) {
      return reply.code(503).type('text/plain').send('The web app is not built yet: run `npm run build:web`.');
    }
    // The browser app routes on the client: every other page path gets the app shell.
    return reply.type('text/html').sendFile('index.html', webRoot, { maxAge: 0 });
  });

  return app;
}

/** Maps anything thrown to one of our errors, so every failure leaves as problem+json. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const fieldErrors: FieldError[] = error.validation.map((issue) => ({
      field: fieldName(issue.instancePath, where),
      message: issue.message ?? 'Not valid.',
    }));
    const summary = fieldErrors.map((fieldError) => `${fieldError.field}: ${fieldError.message}`).join('; ');
    return new AppError('validation_failed', summary, fieldErrors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_json', 'The request body is not valid JSON.', [
        { field: 'body', message: 'Not valid JSON.' },
      ]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', 'The body is empty but Content-Type says JSON.', [
        { field: 'body', message: 'Empty.' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is larger than 256 KiB.');
  }
  if (error.statusCode === 429) return new AppError('rate_limited', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', error.message);
  }
  return new AppError('internal', 'The server could not complete the request; it has been logged.');
}

function fieldName(instancePath: string, where: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return where === 'body' ? 'body' : where;
}
