import { z } from 'zod';
import { sessionSchema, setupOwnerBody, signInBody } from '../../../contract/accounts.js';
import { signInWithLockout } from '../../auth/lockout.js';
import { endSession, ensureCsrfCookie, startSession } from '../../auth/session.js';
import { setupOwner } from '../../commands/accounts.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';
import { presentAccount } from '../../presenters/presenters.js';

const tags = ['accounts'];

/** Sessions, the CSRF token, and the one-time owner set-up. */
export function registerAccountRoutes(app: App, context: AppContext): void {
  app.get(
    '/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in, and the CSRF token to send as x-csrf-token',
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const csrfToken = ensureCsrfCookie(request, reply, context);
      void reply.header('cache-control', 'no-store');
      return { account: request.account ? presentAccount(request.account) : null, csrfToken };
    },
  );

  app.get(
    '/setup/status',
    {
      schema: {
        tags,
        summary: 'Whether the owner account still needs creating',
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: (await context.store.findInstanceOwner()) === undefined }),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the owner account from the one-time set-up link',
        body: setupOwnerBody,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const account = unwrap(await setupOwner(context, request.body));
      const csrfToken = await startSession(reply, request, context, account.id);
      return { account: presentAccount(account), csrfToken };
    },
  );

  app.post(
    '/sessions',
    {
      schema: { tags, summary: 'Sign in with email and password', body: signInBody, response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const account = unwrap(await signInWithLockout(context, request.body, request.ip));
      const csrfToken = await startSession(reply, request, context, account.id);
      return { account: presentAccount(account), csrfToken };
    },
  );

  app.delete('/sessions/current', { schema: { tags, summary: 'Sign out' } }, async (request, reply) => {
    await endSession(request, reply, context);
    return reply.code(204).send();
  });
}
