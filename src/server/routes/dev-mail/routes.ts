import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { listOutbox, readOutboxEntry, readOutboxMessage } from '../../mail/outbox-mailer.js';
import { renderLocalOnly, renderNotFound, renderOutboxList, renderOutboxMessage } from './render.js';

const idParams = z.object({ id: z.string().max(64) });

/**
 * True for a request from this machine. The outbox holds working invite links, so a server that was
 * deployed without SMTP must not hand them to the world.
 */
function isLocalRequest(request: FastifyRequest): boolean {
  return request.ip === '127.0.0.1' || request.ip === '::1' || request.ip === '::ffff:127.0.0.1';
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  // No caching and no indexing: these pages are a development tool holding live links.
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(body);
}

/**
 * The development outbox at /dev/mail: every message the server "sent", newest first, readable in
 * the browser. Registered only when no SMTP server is configured (see app.ts).
 */
export function registerDevMailRoutes(app: App, context: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isLocalRequest(request)) return html(reply, 403, renderLocalOnly());
  });

  app.get('/dev/mail', { schema: { hide: true } }, async (_request, reply) =>
    html(reply, 200, renderOutboxList(await listOutbox(context.config.mailDir))),
  );

  app.get('/dev/mail/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const entry = await readOutboxEntry(context.config.mailDir, request.params.id);
    return entry ? html(reply, 200, renderOutboxMessage(entry)) : html(reply, 404, renderNotFound());
  });

  app.get('/dev/mail/:id/raw', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const message = await readOutboxMessage(context.config.mailDir, request.params.id);
    if (!message) return html(reply, 404, renderNotFound());
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${request.params.id}.eml"`)
      .type('message/rfc822')
      .send(message);
  });
}
