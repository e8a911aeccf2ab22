import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../server/app.js';
import type { App, AppContext } from '../server/context.js';
import { loadConfig } from '../server/env.js';
import { InProcessAnalysisEvents } from '../server/live/analysis-events.js';
import { MemoryMailer, type OutgoingMail } from '../server/mail/mailer.js';
import type { Store } from '../store/store.js';
import type { TestStoreFactory } from './stores.js';

/**
 * An in-process API for tests: the real app on a fresh store, driven through `app.inject` by
 * clients that keep their own cookies, like separate browsers.
 */
export interface TestApi {
  app: App;
  store: Store;
  context: AppContext;
  /** Set the clock the app sees. */
  clock: { now: Date };
  /** Every email the app sent, in order. */
  outbox: OutgoingMail[];
  /** Reviews whose analysis was asked for, in order. */
  changedReviews: number[];
  client(): TestClient;
  close(): Promise<void>;
}

export async function createTestApi(factory: TestStoreFactory): Promise<TestApi> {
  const store = await factory.create();
  const clock = { now: new Date('2026-11-25T10:00:00.000Z') };
  const changedReviews: number[] = [];
  // Per-route limits off: tests post far faster than people; security/rate-limits.test.ts checks them.
  const config = {
    ...loadConfig({}),
    publicUrl: 'http://review.test',
    rateLimitPerMinute: 10_000,
    routeRateLimits: false,
  };
  const mailer = new MemoryMailer();
  const context: AppContext = {
    store,
    config,
    mailer,
    now: () => clock.now,
    onReviewChanged: (reviewId) => changedReviews.push(reviewId),
    analysisEvents: new InProcessAnalysisEvents(),
  };
  const app = await buildApp(context);
  return {
    app,
    store,
    context,
    clock,
    outbox: mailer.outbox,
    changedReviews,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface SendOptions {
  body?: unknown;
  /** Raw body text (to send malformed JSON). */
  rawBody?: string;
  /** Leave out the CSRF header (to test that it is required). */
  withoutCsrf?: boolean;
  headers?: Record<string, string>;
}

/** One browser's worth of cookies and CSRF token. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(private readonly app: App) {}

  async send(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: SendOptions = {},
  ): Promise<LightMyRequestResponse> {
    const changesState = method !== 'GET';
    if (changesState && !options.withoutCsrf && !this.csrfToken) await this.refreshSession();
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (changesState && !options.withoutCsrf && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const body = parseJson(response);
    if (body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string') {
      this.csrfToken = body.csrfToken;
    }
    return response;
  }

  async refreshSession(): Promise<void> {
    await this.send('GET', '/api/session');
  }

  get = (url: string) => this.send('GET', url);
  post = (url: string, body?: unknown, options?: SendOptions) => this.send('POST', url, { ...options, body });
  put = (url: string, body?: unknown, options?: SendOptions) => this.send('PUT', url, { ...options, body });
  patch = (url: string, body?: unknown, options?: SendOptions) => this.send('PATCH', url, { ...options, body });
  delete = (url: string, options?: SendOptions) => this.send('DELETE', url, options);
}

function parseJson(response: LightMyRequestResponse): unknown {
  if (!String(response.headers['content-type'] ?? '').includes('json')) return undefined;
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/** Creates the owner from a fresh set-up link and returns a signed-in client. */
export async function signedInOwner(api: TestApi): Promise<TestClient> {
  const { issueOwnerSetupLink } = await import('../server/commands/accounts.js');
  const link = await issueOwnerSetupLink(api.context);
  if (!link) throw new Error('An account exists already; signedInOwner needs a fresh store.');
  const token = new URL(link).searchParams.get('token') ?? '';
  const owner = api.client();
  const response = await owner.post('/api/setup', {
    token,
    email: 'owner@example.org',
    password: 'correct horse battery staple',
    displayName: 'Owner',
  });
  if (response.statusCode !== 200) throw new Error(`set-up failed: ${response.body}`);
  return owner;
}

/** An owner with an open review of `statements` seed statements and one identity question. */
export async function openReviewWithStatements(
  api: TestApi,
  statements: string[],
  overrides: Record<string, unknown> = {},
): Promise<{ owner: TestClient; slug: string }> {
  const owner = await signedInOwner(api);
  const slug = 'listening-review';
  const created = await owner.post('/api/manage/reviews', {
    title: 'Listening review',
    slug,
    introduction: 'Tell us what went wrong.',
    status: 'open',
    ...overrides,
  });
  if (created.statusCode !== 201) throw new Error(`review creation failed: ${created.body}`);
  if (statements.length > 0) {
    const seeded = await owner.post(`/api/manage/reviews/${slug}/statements`, { statements });
    if (seeded.statusCode !== 201) throw new Error(`seeding failed: ${seeded.body}`);
  }
  return { owner, slug };
}
