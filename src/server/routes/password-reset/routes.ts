import { z } from 'zod';
import { passwordResetCompleteBody, passwordResetRequestBody } from '../../../contract/password-reset.js';
import { completePasswordReset, requestPasswordReset } from '../../commands/password-reset.js';
import type { App, AppContext } from '../../context.js';
import { unwrap } from '../../errors.js';

const tags = ['accounts'];

/** "Forgot password?" and the page its link opens. Rate limits: see security/route-limits.ts. */
export function registerPasswordResetRoutes(app: App, context: AppContext): void {
  app.post(
    '/password-resets',
    {
      schema: {
        tags,
        summary: 'Email a single-use reset link to the account with this email, if there is one (always 202)',
        body: passwordResetRequestBody,
        response: { 202: z.object({}) },
      },
    },
    async (request, reply) => {
      // Answered before the lookup and the mail, so neither the answer nor its timing says whether
      // the email has an account. A failure is logged without the address.
      requestPasswordReset(context, request.body).catch((error: unknown) => {
        request.log.error({ err: error }, 'password reset mail failed');
      });
      // An empty JSON object rather than no body, so clients can treat every success as JSON.
      return reply.code(202).send({});
    },
  );

  app.post(
    '/password-resets/complete',
    {
      schema: {
        tags,
        summary: 'Set a new password with the token from the reset link; signs the account out everywhere',
        body: passwordResetCompleteBody,
      },
    },
    async (request, reply) => {
      unwrap(await completePasswordReset(context, request.body));
      return reply.code(204).send();
    },
  );
}
