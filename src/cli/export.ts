import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writePolisExport } from '../interop/polis-export.js';
import { loadConfig } from '../server/env.js';
import { openStore } from '../store/open.js';
import type { CommandIo } from './analyze.js';

const USAGE = 'usage: common-ground export --polis SLUG OUT_DIR';

/**
 * `common-ground export --polis SLUG OUT_DIR`: writes the review's Pol.is export (comments.csv,
 * votes.csv, participants-votes.csv, summary.csv) into OUT_DIR, created if missing, from the configured
 * database (`DATABASE_URL`). Exit codes: 0 written; 1 no such review; 2 bad arguments.
 */
export async function runExportCommand(argv: string[], io: CommandIo): Promise<number> {
  let slug: string;
  let directory: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { polis: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.polis) throw new Error('--polis SLUG is required');
    if (positionals.length !== 1) throw new Error('give one output folder, OUT_DIR');
    slug = values.polis;
    directory = positionals[0] as string;
  } catch (error) {
    io.stderr(`export: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }

  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    await store.migrate();
    const review = await store.findReviewBySlug(slug);
    if (!review) {
      io.stderr(`export: no review has the slug "${slug}".\n`);
      return 1;
    }
    const started = performance.now();
    const result = await writePolisExport(store, review, directory, { publicUrl: config.publicUrl });
    io.stdout(
      `Wrote ${result.statements} comments, ${result.voteEvents} vote events from ${result.voters} voters` +
        `${result.groups === null ? ' (no analysis yet: group ids left blank)' : ` in ${result.groups} groups`}` +
        ` to ${resolve(directory)} in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
