import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisBenchCases } from './analysis.js';
import { benchBridging } from './bridging.js';
import { benchNearDuplicates } from './near-duplicates.js';
import { benchTablePlan } from './table-plan.js';
import { themesBenchCases } from './themes.js';

/**
 * `npm run bench`: runs every benchmark case in its own child process, so each case's peak memory
 * (maxRSS) is its own, and prints one JSON document of figures with units.
 */
// `npm run bench -- votes`: only the vote load benchmark (a real server under autocannon; see votes.ts).
if (process.argv[2] === 'votes') {
  const { votesReport } = await import('./votes.js');
  process.stdout.write(`${JSON.stringify(await votesReport(), null, 2)}\n`);
  process.exit(0);
}

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const tsxCli = join(benchDirectory, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

// `npm run bench -- report`: only the report page's server time at 20k × 1k and the web bundle sizes.
if (process.argv[2] === 'report') {
  process.stdout.write(`${runReportCase()}\n`);
  process.exit(0);
}

const analysis = analysisBenchCases.map((benchCase) => {
  const output = execFileSync(process.execPath, [tsxCli, join(benchDirectory, 'analysis.ts'), benchCase.name], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
});

// Theme extraction on free-text answers, each case in its own process for its peak memory.
const themes = themesBenchCases.map((benchCase) => {
  const output = execFileSync(process.execPath, [tsxCli, join(benchDirectory, 'themes.ts'), benchCase.name], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
});

/** The results page's server time at 20k participants × 1k statements, in its own process (see report.ts). */
function runReportCase(): string {
  const output = execFileSync(process.execPath, [tsxCli, join(benchDirectory, 'report.ts')], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.stringify(JSON.parse(output.trim().split('\n').at(-1) ?? '{}'), null, 2);
}

const report = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  targets: {
    fullAnalysis10MVotes: { value: 10_000, unit: 'ms' },
    peakRss10MVotes: { value: 2_048, unit: 'MB' },
    incrementalUpdate33k: { value: 1_000, unit: 'ms' },
    themes100kAnswers: { value: 60_000, unit: 'ms' },
  },
  analysis,
  // The bridging fit runs in this process, after the analysis cases (each of which had its own process).
  bridging: await benchBridging(),
  // The moderation queue's likely-duplicate lookups (milliseconds; small, so run in this process).
  nearDuplicates: benchNearDuplicates(),
  themes,
  // The table planner: 2,000 registrants into tables of 8 against random seating (small; this process).
  tablePlan: benchTablePlan(),
  // GET /api/reviews/:slug/results at 20k × 1k (target ≤ 1 s) and the participant's gzipped JS.
  report: JSON.parse(runReportCase()) as Record<string, unknown>,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
