import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from './commands/audit.js';
import type { App, AppContext } from './context.js';

/** `<area>.<action>`, e.g. `statement.reject`: what the audit log calls the route's action. */
export type AuditAction = `${string}.${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set on state-changing organiser and moderator routes: when the route answers 2xx, the audit
     * hook records who did this to which review, and when.
     */
    audit?: AuditAction;
  }
  interface FastifyRequest {
    /** What a handler adds to its audit event; see `noteAudit`. */
    auditNote: AuditNote | null;
  }
}

/**
 * What a handler can tell the audit hook when the route alone does not say it: the review when the
 * route has no `:slug` (e.g. accepting a team invitation), the actor when the request had no session
 * yet (they signed up in the same request), ids of what was created, or a better summary. Never put
 * personal data (emails, names, statement texts) in the summary.
 */
export interface AuditNote {
  reviewId?: number;
  accountId?: number;
  params?: Record<string, number>;
  summary?: string;
}

export function noteAudit(request: FastifyRequest, note: AuditNote): void {
  request.auditNote = { ...request.auditNote, ...note, params: { ...request.auditNote?.params, ...note.params } };
}

/**
 * The generic audit hook. It records after the route's command has committed, in `onSend`, i.e.
 * before the response leaves, so a client that sees success finds the event already in the log.
 * It is not the command's transaction: commands own their transactions, and a hook cannot join one
 * without every handler passing a request-scoped store around. An event that cannot be written is
 * logged as an error and the response still goes out, since the change itself has happened (see
 * docs/ARCHITECTURE.md, "Audit log").
 */
export function registerAuditHook(app: App, context: AppContext): void {
  app.decorateRequest('auditNote', null);
  app.addHook('onSend', async (request, reply, payload) => {
    const action = request.routeOptions.config.audit;
    if (action === undefined || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    try {
      await recordRouteAudit(context, request, reply, action);
    } catch (error) {
      request.log.error({ err: error, action }, 'audit event not recorded');
    }
    return payload;
  });
}

async function recordRouteAudit(
  context: AppContext,
  request: FastifyRequest,
  _reply: FastifyReply,
  action: AuditAction,
): Promise<void> {
  const note = request.auditNote;
  const reviewId = note?.reviewId ?? (await reviewIdFromRequest(context, request));
  if (reviewId === undefined) {
    request.log.error({ action }, 'audit event without a review: the route has no :slug and noted no review');
    return;
  }
  await recordAudit(context, {
    reviewId,
    accountId: note?.accountId ?? request.account?.id ?? null,
    action,
    params: { ...idParams(request.params), ...note?.params },
    summary: note?.summary ?? summariseBody(request.routeOptions.schema?.body, request.body),
  });
}

/** The review named by the route's `:slug`, or by a `slug` in the body (creating a review). */
async function reviewIdFromRequest(context: AppContext, request: FastifyRequest): Promise<number | undefined> {
  const slug = readSlug(request.params) ?? readSlug(request.body);
  if (slug === undefined) return undefined;
  return (await context.store.findReviewBySlug(slug))?.id;
}

function readSlug(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('slug' in value)) return undefined;
  return typeof value.slug === 'string' ? value.slug : undefined;
}

/**
 * The route's numeric parameters (statementId, accountId…). Anything else — the slug, already the
 * review, and tokens, which are secrets — stays out of the log.
 */
export function idParams(params: unknown): Record<string, number> {
  const ids: Record<string, number> = {};
  if (typeof params !== 'object' || params === null) return ids;
  for (const [name, value] of Object.entries(params)) {
    const id =
      typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(id)) ids[name] = id;
  }
  return ids;
}

/**
 * A summary of the request body that cannot carry personal data: the names of the fields sent, and
 * values only where the route's own schema makes them one of our words (an enum or literal), a
 * boolean or a number. Free text (titles, statements, emails, reasons) is named, never copied; lists
 * are counted.
 */
export function summariseBody(schema: unknown, body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return '';
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const parts: string[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const fieldSchema = shape[field];
    if (Array.isArray(value)) parts.push(`${field} (${value.length})`);
    else if (fieldSchema !== undefined && isSafeToCopy(fieldSchema) && isScalar(value)) parts.push(`${field}=${value}`);
    else parts.push(field);
  }
  return parts.join(', ');
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isSafeToCopy(schema: z.ZodType): boolean {
  const inner = unwrap(schema);
  return (
    inner instanceof z.ZodEnum ||
    inner instanceof z.ZodLiteral ||
    inner instanceof z.ZodBoolean ||
    inner instanceof z.ZodNumber
  );
}

/** Looks through optional, default, nullable and pipe wrappers to the schema that decides the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodCatch ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      // The output side decides what the handler sees (e.g. trimmed text piped into an email check).
      current = current.out as z.ZodType;
    } else {
      return current;
    }
  }
  return current;
}
