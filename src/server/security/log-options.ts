import type { FastifyServerOptions } from 'fastify';
import type { AppConfig } from '../env.js';

/**
 * What the request log may hold: the method, a URL with secrets taken out, and the client address
 * (needed to trace abuse). Headers and bodies are never serialised; the redact paths are a second
 * line in case a handler logs an object that carries them.
 */
const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.email',
  '*.token',
  '*.csrfToken',
  'body',
  '*.body',
];

/** Query parameters whose values are secrets or personal data. */
const sensitiveQuery = /token|email|password|key|code|secret/i;

/**
 * Tokens ride in some paths (/api/invites/<token>/accept, /api/team-invitations/<token>, event
 * registration links …). Rather than list every such route (and miss the next one), any long
 * base64url segment with an upper-case letter is taken for a token: our tokens are 43 such
 * characters, while slugs are lower case and ids are digits.
 */
function looksLikeToken(segment: string): boolean {
  return segment.length >= 24 && /^[A-Za-z0-9_-]+$/.test(segment) && /[A-Z]/.test(segment);
}

export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Not valid percent-encoding: judge the raw text.
      }
      return looksLikeToken(decoded) || decoded.includes('@') ? '[redacted]' : segment;
    })
    .join('/');
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  for (const name of [...new Set(params.keys())]) {
    if (sensitiveQuery.test(name)) params.set(name, '[redacted]');
  }
  return `${safePath}?${params.toString()}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
}

/** Fastify's logger options: level from the config, our serializer, redaction, and an optional stream (tests). */
export function loggerOptions(
  config: Pick<AppConfig, 'logLevel'>,
  stream?: NodeJS.WritableStream,
): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
    ...(stream === undefined ? {} : { stream }),
  };
}
