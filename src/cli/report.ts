import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roleAllows } from '../core/review-rules.js';
import { sessionCookie } from '../server/auth/session.js';
import { hashToken, newToken } from '../server/auth/tokens.js';
import { startServer } from '../server/start.js';
import type { Store } from '../store/store.js';
import type { CommandIo } from './analyze.js';

const USAGE = 'usage: common-ground report SLUG --pdf OUT.pdf [--lang en|cy]';

/** Debian's chromium; the project never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';

/** The same flags as the browser tests: no sandbox as root in a container, and no calls home. */
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

/** Long enough for a slow machine to render a large report; the session is deleted right after anyway. */
const sessionMinutes = 10;
const renderTimeoutMs = 60_000;

export interface ReportOptions {
  slug: string;
  pdfPath: string;
  language: 'en' | 'cy';
  /** Overrides the environment's DATABASE_URL (tests). */
  databaseUrl?: string;
  /** Overrides where chromium is looked for (tests of the "missing" message). */
  executablePath?: string;
}

export class ReportError extends Error {
  override name = 'ReportError';
}

/**
 * `common-ground report SLUG --pdf OUT.pdf`: prints the review's results page to an A4 PDF with
 * Debian's chromium, through the app itself started on a loopback port for the run, so the PDF is
 * exactly what the print stylesheet makes of the page. Exit codes: 0 written; 1 no such review, no
 * analysis yet or no chromium; 2 bad arguments.
 */
export async function runReportCommand(argv: string[], io: CommandIo): Promise<number> {
  let options: ReportOptions;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { pdf: { type: 'string' }, lang: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('give one review slug');
    if (!values.pdf) throw new Error('--pdf OUT.pdf is required');
    const language = values.lang ?? 'en';
    if (language !== 'en' && language !== 'cy') throw new Error(`--lang takes en or cy, not "${language}"`);
    options = { slug: positionals[0] as string, pdfPath: values.pdf, language };
  } catch (error) {
    io.stderr(`report: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  try {
    const started = performance.now();
    const { pages } = await writeReportPdf(options);
    io.stdout(
      `Wrote the report of "${options.slug}" (${pages} A4 page${pages === 1 ? '' : 's'}) to ${resolve(options.pdfPath)}` +
        ` in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ReportError) {
      io.stderr(`report: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * Starts the app on 127.0.0.1 (a free port, no request logs, nothing reachable from outside this
 * machine), signs a browser in as a team member who may view results through a session made for this
 * run only, prints /r/SLUG/results with the print media, and deletes the session again. The session
 * token exists only in this process and the browser's cookie jar; it is never printed or logged, and
 * it expires within minutes even if the process is killed before the clean-up.
 */
export async function writeReportPdf(options: ReportOptions): Promise<{ pages: number }> {
  const executablePath = options.executablePath ?? chromiumPath;
  if (!existsSync(executablePath)) {
    throw new ReportError(
      `chromium is not installed at ${executablePath}; install Debian's chromium (apt-get install chromium) to print reports.`,
    );
  }
  const server = await startServer({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    // The server schedules analyses of open reviews at start; this short run should not compute them.
    config: { analysisDebounceSeconds: 3600 },
  });
  let sessionTokenHash: string | undefined;
  try {
    const { store } = server;
    const review = await store.findReviewBySlug(options.slug);
    if (!review) throw new ReportError(`no review has the slug "${options.slug}".`);
    if (!(await store.latestAnalysis(review.id))) {
      throw new ReportError(
        `"${review.title}" has no analysis yet: results exist once participants have voted and the analysis has run.`,
      );
    }
    const viewerId = await resultsViewer(store, review.id);
    if (viewerId === undefined) {
      throw new ReportError(`nobody in the team of "${review.title}" may view its results, so none can print them.`);
    }
    const token = newToken();
    sessionTokenHash = hashToken(token);
    const now = new Date();
    await store.createSession({
      tokenHash: sessionTokenHash,
      accountId: viewerId,
      csrfToken: newToken(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + sessionMinutes * 60_000).toISOString(),
    });
    return await printPage({
      url: `${server.url}/r/${encodeURIComponent(review.slug)}/results`,
      origin: server.url,
      sessionToken: token,
      pdfPath: options.pdfPath,
      language: options.language,
      executablePath,
    });
  } finally {
    if (sessionTokenHash) await server.store.deleteSession(sessionTokenHash);
    await server.close();
  }
}

/** A team member whose role lets them see results, the owner first: whose eyes the report is printed through. */
async function resultsViewer(store: Store, reviewId: number): Promise<number | undefined> {
  const team = await store.listReviewTeam(reviewId);
  const allowed = team.filter((member) => roleAllows(member.role, 'viewResults'));
  return (allowed.find((member) => member.role === 'owner') ?? allowed[0])?.accountId;
}

async function printPage(input: {
  url: string;
  origin: string;
  sessionToken: string;
  pdfPath: string;
  language: 'en' | 'cy';
  executablePath: string;
}): Promise<{ pages: number }> {
  // Loaded here so the other commands do not pay for playwright-core.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: input.executablePath, args: chromiumArgs });
  try {
    const context = await browser.newContext({ locale: input.language === 'cy' ? 'cy-GB' : 'en-GB' });
    await context.addCookies([
      { name: sessionCookie, value: input.sessionToken, url: input.origin, httpOnly: true, sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    const response = await page.goto(input.url, { waitUntil: 'domcontentloaded', timeout: renderTimeoutMs });
    if (!response?.ok()) throw new ReportError(`the results page answered HTTP ${response?.status() ?? 'nothing'}.`);
    // The page keeps an event stream open, so "network idle" never comes: wait for the rendered report.
    const report = page.locator('article.results .results-live[data-version]');
    const failure = page.locator('main [role="alert"]');
    await report.or(failure).first().waitFor({ state: 'attached', timeout: renderTimeoutMs });
    if ((await report.count()) === 0) {
      throw new ReportError(
        `the results page showed an error: ${((await failure.first().textContent()) ?? '').trim()}`,
      );
    }
    const pdf = await page.pdf({ path: input.pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    return { pages: countPdfPages(pdf) };
  } finally {
    await browser.close();
  }
}

/** Page objects in the PDF chromium writes (each is `/Type /Page`, never `/Pages`): for the summary line. */
export function countPdfPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;
}
