import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoReview } from '../src/cli/demo.js';
import { buildResults } from '../src/server/routes/results/build-results.js';
import { openStore } from '../src/store/open.js';
import { runCommonGround } from '../src/test-support/cli.js';
import en from '../src/web/i18n/en.json';
import { AnalysisRunner } from '../src/worker/analysis-runner.js';

let dataDir: string;
let databaseUrl: string;
let slug: string;
let title: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'common-ground-e2e-report-'));
  databaseUrl = join(dataDir, 'report.sqlite');
  const store = await openStore(databaseUrl);
  try {
    await store.migrate();
    slug = (await seedDemoReview(store, { seed: 7, participants: 60 })).slug;
    const review = await store.findReviewBySlug(slug);
    if (!review) throw new Error('demo review missing');
    title = review.title;
    // Results stay for the team (the default), so the command must print what only the team may see.
    expect(review.resultsVisibility).toBe('team');
  } finally {
    await store.close();
  }
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Whitespace-normalised text of the PDF as a reader would copy it. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

describe('common-ground report --pdf', () => {
  it('names a missing review and a review without analysis, and writes nothing', async () => {
    const missingPath = join(dataDir, 'missing.pdf');
    const missing = await runCommonGround(['report', 'no-such-review', '--pdf', missingPath], {
      DATABASE_URL: databaseUrl,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no review has the slug "no-such-review"');
    expect(existsSync(missingPath)).toBe(false);

    const early = await runCommonGround(['report', slug, '--pdf', missingPath], { DATABASE_URL: databaseUrl });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('has no analysis yet');
    expect(existsSync(missingPath)).toBe(false);
  });

  it('prints the team-only results to a few A4 pages of selectable text', async () => {
    const store = await openStore(databaseUrl);
    let commonGround: string[];
    try {
      const review = await store.findReviewBySlug(slug);
      if (!review) throw new Error('demo review missing');
      const runner = new AnalysisRunner(store, { debounceMs: 0, inline: true });
      await runner.runNow(review.id);
      await runner.close();
      commonGround = (await buildResults(store, review, undefined)).commonGround.map((statement) => statement.text);
    } finally {
      await store.close();
    }
    expect(commonGround.length).toBeGreaterThan(0);

    const pdfPath = join(dataDir, 'report.pdf');
    const result = await runCommonGround(['report', slug, '--pdf', pdfPath], { DATABASE_URL: databaseUrl });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(pdfPath);
    // The session made for the run is never printed.
    expect(result.stdout).not.toMatch(/[A-Za-z0-9_-]{43}/);

    // The session the run signed its browser in with is gone again.
    const database = new Database(databaseUrl, { readonly: true });
    const sessions = database.prepare('select count(*) as count from sessions').get() as { count: number };
    database.close();
    expect(sessions.count).toBe(0);

    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(pdfPath);
    expect(pages).toBeGreaterThanOrEqual(2);
    // The demo's full report (24 statements, five groups, four identity questions) is about 15 pages.
    expect(pages).toBeLessThanOrEqual(20);
    expect(result.stdout).toContain(`(${pages} A4 pages)`);
    const size = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    // A4 is 595 × 842 points.
    expect(size).toMatch(/Page size:.*\(A4\)/);

    const text = pdfText(pdfPath);
    expect(text).toContain(title);
    expect(commonGround.some((statement) => text.includes(statement.replace(/\s+/g, ' ')))).toBe(true);
    // The print stylesheet leaves out the page's own links and buttons.
    expect(text).not.toContain(en.results.print);
    expect(text).not.toContain(en.results.backToReview);
  }, 120_000);
});
