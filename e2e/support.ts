/**
 * Shared helpers for the browser tests: a real server on a temporary SQLite file, Debian's chromium
 * driven by playwright-core (never a downloaded browser), axe checks and screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { seedDemoReview } from '../src/cli/demo.js';
import { startServer } from '../src/server/start.js';
import type { Store } from '../src/store/store.js';

const here = dirname(fileURLToPath(import.meta.url));
export const screenshotDir = join(here, 'screenshots');
const webBuild = resolve(here, '..', 'dist', 'web', 'index.html');

/** The two viewports the participant flow must work on. */
export const viewports = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 } },
} satisfies Record<string, BrowserContextOptions>;
export type ViewportName = keyof typeof viewports;

/** Flags for Debian chromium in a container: no sandbox as root, and no calls home. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export interface TestServer {
  url: string;
  store: Store;
  setupUrl: string | null;
  close(): Promise<void>;
}

/** Starts the real server on a free port and a fresh SQLite file, removed again on close. */
export async function startTestServer(): Promise<TestServer> {
  if (!existsSync(webBuild)) {
    throw new Error('dist/web is missing: run `npm run build:web` before the browser tests.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'common-ground-e2e-'));
  const server = await startServer({
    databaseUrl: join(dir, 'e2e.sqlite'),
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    // Email goes to the development outbox in the temporary folder, readable at /dev/mail.
    config: { smtpUrl: null, mailDir: join(dir, 'mail') },
  });
  return {
    ...server,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a browser test file shares: the server, the browser, and the demo review's slug (when seeded). */
export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
  slug: string;
}

/**
 * Registers the file's beforeAll/afterAll: a fresh server (with the demo review when asked) and one
 * browser, closed after the file. The returned object is filled in before the first test runs.
 */
export function setUpBrowserSuite(options: { demo?: boolean } = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startTestServer();
    suite.slug = options.demo ? await seedDemo(suite.server.store) : '';
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Seeds the demo review (statements, questions, synthetic votes) and returns its slug. */
export async function seedDemo(store: Store): Promise<string> {
  const { slug } = await seedDemoReview(store, { seed: 7, participants: 40 });
  return slug;
}

/** Runs axe on the page as it is now; fails with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  if (results.violations.length > 0) {
    const report = results.violations
      .map(
        (violation) =>
          `- [${violation.impact}] ${violation.id}: ${violation.help}\n${violation.nodes
            .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.replaceAll('\n', ' ')}`)
            .join('\n')}`,
      )
      .join('\n');
    console.error(`axe violations on ${label}:\n${report}`);
  }
  if (results.violations.length > 0) {
    throw new Error(`axe found ${results.violations.length} violation(s) on ${label}; see the log above.`);
  }
}

/** A full-page screenshot at e2e/screenshots/<name>.png (gitignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors and console errors, so a broken page fails the test. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // 4xx responses the flow provokes on purpose (e.g. a duplicate statement) are logged by the browser.
    if (message.type() === 'error' && !message.text().includes('Failed to load resource')) errors.push(message.text());
  });
  return errors;
}
