import { z } from 'zod';

/**
 * The one configuration module: every setting comes from the environment, is validated here, and
 * is documented in README.md. A bad value stops the process at start-up with a message naming the
 * variable, rather than failing later on the first request that needs it.
 */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('./data/common-ground.sqlite'),
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be an absolute URL such as https://review.example.org' }).optional(),
  /** Cookies are marked Secure when the public URL is https (or when forced, behind a TLS proxy). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per minute per client address on the API; votes are cheap but not free. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** The tighter per-route limits (sign-in, reset, votes, statements, joining, registration); see README. */
  ROUTE_RATE_LIMITS: z.enum(['true', 'false']).default('true'),
  /** Votes per minute per participant (on top of the per-address limit). */
  RATE_LIMIT_VOTES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Trust X-Forwarded-* from a reverse proxy (set when behind one, so rate limits see real clients). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Seconds to wait after the last vote before re-analysing a review. */
  ANALYSIS_DEBOUNCE_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  /** Outgoing mail server; without it, mail is written to MAIL_DIR and listed at /dev/mail. */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'SMTP_URL must look like smtp://user:password@host:587 or smtps://…:465' })
    .optional(),
  /** The sender of every email, `address` or `Name <address>`. */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
      message: 'MAIL_FROM must be an address, or a name and an address: Common Ground <review@example.org>',
    })
    .optional(),
  MAIL_DIR: z.string().min(1).default('./data/mail'),
  /** Redis for live updates across app instances (pub/sub) and shared rate limits; optional. */
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      message: 'REDIS_URL must look like redis://host:6379 or rediss://user:password@host:6380/0',
    })
    .optional(),
  /** The kinds of event hosts may create, comma-separated. */
  EVENT_TYPES: z
    .string()
    .regex(/^\s*[a-z0-9_-]+\s*(,\s*[a-z0-9_-]+\s*)*$/, {
      message: 'EVENT_TYPES must be comma-separated names such as roundtable,workshop,hackathon,social',
    })
    .default('roundtable,workshop,hackathon,social'),
  /** Re-run a review's themes automatically after this many new answers and voter voices. */
  THEMES_EVERY_N_ANSWERS: z.coerce.number().int().min(1).max(100_000).default(50),
  /** An OpenAI-compatible API for drafting theme summaries; off unless base URL and key are both set. */
  OPENAI_BASE_URL: z
    .url({ message: 'OPENAI_BASE_URL must be an absolute URL such as https://api.openai.com/v1' })
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  secureCookies: boolean;
  sessionDays: number;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  rateLimitPerMinute: number;
  routeRateLimits: boolean;
  voteRateLimitPerMinute: number;
  trustProxy: boolean;
  analysisDebounceSeconds: number;
  /** null: no SMTP server, so mail goes to `mailDir` (the development outbox at /dev/mail). */
  smtpUrl: string | null;
  mailFrom: string;
  mailDir: string;
  /** null: live updates go through PostgreSQL LISTEN/NOTIFY (or stay in-process on SQLite). */
  redisUrl: string | null;
  /** Kinds of event, in the order offered to hosts. */
  eventTypes: string[];
  themesEveryNAnswers: number;
  /** null unless OPENAI_BASE_URL and OPENAI_API_KEY are both set: then nothing is ever sent anywhere. */
  llm: { baseUrl: string; apiKey: string; model: string } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(environmentSchema.shape).map((key) => [key, emptyToUndefined(environment[key])]),
  );
  const parsed = environmentSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (values.SMTP_URL && !values.MAIL_FROM) {
    // A made-up sender would be rejected or sent to spam by a real mail server; say so at start.
    throw new ConfigError('Invalid configuration:\n  MAIL_FROM: required when SMTP_URL is set');
  }
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    publicUrl,
    secureCookies: values.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https:') : values.COOKIE_SECURE === 'true',
    sessionDays: values.SESSION_DAYS,
    logLevel: values.LOG_LEVEL,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    routeRateLimits: values.ROUTE_RATE_LIMITS === 'true',
    voteRateLimitPerMinute: values.RATE_LIMIT_VOTES_PER_MINUTE,
    trustProxy: values.TRUST_PROXY === 'true',
    analysisDebounceSeconds: values.ANALYSIS_DEBOUNCE_SECONDS,
    smtpUrl: values.SMTP_URL ?? null,
    mailFrom: values.MAIL_FROM ?? 'Common Ground <no-reply@localhost>',
    mailDir: values.MAIL_DIR,
    redisUrl: values.REDIS_URL ?? null,
    eventTypes: [...new Set(values.EVENT_TYPES.split(',').map((type) => type.trim()))],
    themesEveryNAnswers: values.THEMES_EVERY_N_ANSWERS,
    llm:
      values.OPENAI_BASE_URL && values.OPENAI_API_KEY
        ? {
            baseUrl: values.OPENAI_BASE_URL.replace(/\/+$/, ''),
            apiKey: values.OPENAI_API_KEY,
            model: values.OPENAI_MODEL,
          }
        : null,
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
