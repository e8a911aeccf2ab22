import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRandom } from '../src/core/analysis/random.js';
import { plantedConversation } from '../src/core/analysis/synthetic.js';
import { buildApp } from '../src/server/app.js';
import type { AppContext } from '../src/server/context.js';
import { loadConfig } from '../src/server/env.js';
import { InProcessAnalysisEvents } from '../src/server/live/analysis-events.js';
import { MemoryMailer } from '../src/server/mail/mailer.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { AnalysisRunner } from '../src/worker/analysis-runner.js';

/**
 * The report page's server time at the size: 20,000 participants × 1,000 statements (100
 * votes each, 2M votes, planted opinion groups and a tradition question that follows them loosely),
 * on SQLite, after the real analysis has been stored. GET /api/reviews/:slug/results is timed through
 * app.inject: the first request (which parses the stored analysis) apart from the median of the rest.
 * Also the gzipped size of the participant's JS and of the results chunk in dist/web.
 */
export const reportBenchCase = {
  participantCount: 20_000,
  statementCount: 1_000,
  votesPerParticipant: 100,
  groupCount: 3,
  requests: 9,
} as const;

const traditions = ['Democratic socialist', 'Social democrat', 'Green left', 'Trade unionist'];
const webAssets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');

/** The benchmark's review, written through the store's bulk paths in one transaction. */
export async function seedReportReview(store: Store): Promise<{ reviewId: number; slug: string; votes: number }> {
  const { participantCount, statementCount, votesPerParticipant, groupCount } = reportBenchCase;
  const planted = plantedConversation({
    participantCount,
    statementCount,
    votesPerParticipant,
    groupCount,
    seed: 2024,
  });
  const random = createRandom(7);
  const now = new Date('2026-11-25T10:00:00.000Z').toISOString();
  return store.transaction(async (tx) => {
    const owner = await tx.createAccount({
      email: 'owner@bench.test',
      displayName: 'Bench owner',
      passwordHash: 'not-a-real-hash',
      isInstanceOwner: true,
      createdAt: now,
    });
    const review = await tx.createReview({
      slug: 'report-bench',
      title: 'Report benchmark review',
      introduction: '',
      status: 'open',
      visibility: 'public',
      moderationMode: 'permissive',
      participantsCanAddStatements: false,
      createdByAccountId: owner.id,
      createdAt: now,
      updatedAt: now,
      resultsVisibility: 'public',
    });
    await tx.setReviewRole({ reviewId: review.id, accountId: owner.id, role: 'owner', createdAt: now });
    const statementIds: number[] = [];
    for (let index = 0; index < statementCount; index++) {
      const statement = await tx.createStatement({
        reviewId: review.id,
        text: `Synthetic statement number ${index} for the report benchmark.`,
        textKey: `synthetic statement number ${index}`,
        origin: 'seed',
        moderation: 'accepted',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: null,
        createdAt: now,
      });
      statementIds.push(statement.id);
    }
    const participants = await tx.createParticipants(
      Array.from({ length: participantCount }, (_, index) => ({
        reviewId: review.id,
        tokenHash: `bench-${index}`,
        seed: index,
        createdAt: now,
      })),
    );
    const question = await tx.createIdentityQuestion({
      reviewId: review.id,
      prompt: 'Which tradition do you feel closest to?',
      kind: 'tradition',
      options: traditions,
      createdAt: now,
    });
    // Most people's tradition follows their planted group, so breakdowns have real differences.
    for (const [index, participant] of participants.entries()) {
      const draw = random();
      if (draw < 0.1) continue;
      const group = planted.plantedGroup[index] as number;
      const option = draw < 0.75 ? group % traditions.length : Math.floor(random() * traditions.length);
      await tx.setIdentityAnswer({
        participantId: participant.id,
        questionId: question.id,
        optionId: question.options[option]?.id ?? null,
        answeredAt: now,
      });
    }
    const { votes } = planted;
    await tx.importVotes(
      review.id,
      Array.from({ length: votes.values.length }, (_, index) => ({
        participantId: (participants[votes.participantIndex[index] as number] as { id: number }).id,
        statementId: statementIds[votes.statementIndex[index] as number] as number,
        value: votes.values[index] as -1 | 0 | 1,
        votedAt: now,
      })),
    );
    return { reviewId: review.id, slug: review.slug, votes: votes.values.length };
  });
}

export async function runReportBench(): Promise<Record<string, unknown>> {
  const { participantCount, statementCount, requests } = reportBenchCase;
  const directory = mkdtempSync(join(tmpdir(), 'common-ground-bench-report-'));
  const store = await openStore(join(directory, 'bench.sqlite'));
  try {
    await store.migrate();
    const seedingStart = performance.now();
    const { reviewId, slug, votes } = await seedReportReview(store);
    const seedingMs = performance.now() - seedingStart;

    const runner = new AnalysisRunner(store, { debounceMs: 0, inline: true });
    const analysisStart = performance.now();
    await runner.runNow(reviewId);
    const analysisMs = performance.now() - analysisStart;
    await runner.close();
    const stored = await store.latestAnalysis(reviewId);

    const context: AppContext = {
      store,
      config: { ...loadConfig({}), rateLimitPerMinute: 1_000_000 },
      mailer: new MemoryMailer(),
      now: () => new Date(),
      onReviewChanged: () => {},
      analysisEvents: new InProcessAnalysisEvents(),
    };
    const app = await buildApp(context);
    const timings: number[] = [];
    let payload: Buffer = Buffer.alloc(0);
    try {
      for (let request = 0; request < requests; request++) {
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url: `/api/reviews/${slug}/results` });
        timings.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`results answered ${response.statusCode}: ${response.body}`);
        payload = response.rawPayload;
      }
    } finally {
      await app.close();
    }
    const [first, ...rest] = timings as [number, ...number[]];
    return {
      case: `${participantCount / 1000}k-${statementCount / 1000}k`,
      participants: participantCount,
      statements: statementCount,
      votes,
      seeding: { value: Math.round(seedingMs), unit: 'ms' },
      analysis: { value: Math.round(analysisMs), unit: 'ms' },
      storedAnalysis: { value: Math.round((stored?.result.length ?? 0) / 1024), unit: 'KiB' },
      firstRequest: { value: Math.round(first), unit: 'ms' },
      medianRequest: { value: Math.round(median(rest)), unit: 'ms', of: rest.length },
      slowestRepeatRequest: { value: Math.round(Math.max(...rest)), unit: 'ms' },
      response: {
        value: Math.round(payload.length / 1024),
        unit: 'KiB',
        gzipped: Math.round(gzipSync(payload).length / 1024),
      },
      target: { value: 1_000, unit: 'ms' },
      withinTarget: first <= 1_000 && median(rest) <= 1_000,
      peakRss: { value: Math.round(process.resourceUsage().maxRSS / 1024), unit: 'MB' },
    };
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** A chunk and every chunk it imports statically (dynamic `import("…")` loads on demand, so not). */
function staticClosure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const path = pending.pop() as string;
    if (seen.has(path)) continue;
    seen.add(path);
    const source = readFileSync(join(webAssets, path), 'utf8');
    for (const match of source.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      pending.push(join(dirname(path), match[1] as string));
    }
  }
  return seen;
}

/**
 * Gzipped sizes of the built web app: what a participant's first load fetches (index.html's entry
 * script with the chunks it imports, and its stylesheet) and what opening the results page adds on top
 * (its lazily loaded chunk and the chunks only it imports, and its stylesheet). Null when
 * `npm run build:web` has not been run.
 */
export function webBundleSizes(): Record<string, unknown> | null {
  const indexPath = join(webAssets, 'index.html');
  if (!existsSync(indexPath)) return null;
  const html = readFileSync(indexPath, 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] as string,
  );
  const gzipped = (path: string) => gzipSync(readFileSync(join(webAssets, path)), { level: 9 }).length;
  const kib = (bytes: number) => ({ value: Number((bytes / 1024).toFixed(1)), unit: 'KiB' });
  const sum = (paths: readonly string[]) => paths.reduce((total, path) => total + gzipped(path), 0);
  const participantJs = [...staticClosure(referenced.filter((path) => path.endsWith('.js')))];
  const participantCss = referenced.filter((path) => path.endsWith('.css'));
  const assets = readdirSync(join(webAssets, 'assets')).map((name) => `assets/${name}`);
  const resultsEntry = assets.filter((path) => /\/results-page-[^/]+\.js$/.test(path));
  const resultsJs = [...staticClosure(resultsEntry)].filter((path) => !participantJs.includes(path));
  const resultsCss = assets.filter((path) => /\/results(?:-page)?-[^/]+\.css$/.test(path));
  const mainChunk = referenced.filter((path) => /\/index-[^/]+\.js$/.test(path));
  return {
    mainChunkJsGzip: { ...kib(sum(mainChunk)), files: mainChunk },
    participantJsGzip: { ...kib(sum(participantJs)), files: participantJs },
    participantCssGzip: { ...kib(sum(participantCss)), files: participantCss },
    resultsChunkJsGzip: { ...kib(sum(resultsJs)), files: resultsJs },
    resultsChunkCssGzip: { ...kib(sum(resultsCss)), files: resultsCss },
  };
}

// `tsx bench/report.ts` runs the case and prints its JSON (used by bench/run.ts).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runReportBench();
  process.stdout.write(`${JSON.stringify({ ...result, webBundle: webBundleSizes() })}\n`);
}
