import { parseArgs } from 'node:util';
import { PolisImportError } from '../interop/polis.js';
import { importPolisExport } from '../interop/polis-import.js';
import { loadConfig } from '../server/env.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { AnalysisRunner } from '../worker/analysis-runner.js';
import type { CommandIo } from './analyze.js';

const USAGE = 'usage: common-ground import --polis DIR [--owner EMAIL]';

/**
 * `common-ground import --polis DIR [--owner EMAIL]`: imports a Pol.is export folder as a new review
 * in the configured database (`DATABASE_URL`), owned by the account with that email or else the
 * instance owner, then analyses it once so its results are ready. Prints progress lines and, on the
 * LAST line, the new review's slug alone (scripts read it). Exit codes: 0 done; 1 no owner account,
 * nothing imported; 2 bad arguments or a bad file (named with its line), nothing imported.
 */
export async function runImportCommand(argv: string[], io: CommandIo): Promise<number> {
  let directory: string;
  let ownerEmail: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { polis: { type: 'string' }, owner: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    });
    if (!values.polis) throw new Error('--polis DIR is required');
    directory = values.polis;
    ownerEmail = values.owner?.trim().toLowerCase();
  } catch (error) {
    io.stderr(`import: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }

  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    await store.migrate();
    const owner = await findOwner(store, ownerEmail);
    if (typeof owner === 'string') {
      io.stderr(`import: ${owner}\n`);
      return 1;
    }
    const started = performance.now();
    let result: Awaited<ReturnType<typeof importPolisExport>>;
    try {
      result = await importPolisExport(store, directory, {
        ownerAccountId: owner.id,
        now: new Date(),
        onProgress: (message) => io.stdout(`${message}\n`),
      });
    } catch (error) {
      if (error instanceof PolisImportError) {
        io.stderr(`import: ${error.message} (nothing was imported)\n`);
        return 2;
      }
      throw error;
    }
    io.stdout(`Imported in ${Math.round(performance.now() - started)} ms; owner ${owner.email}\n`);

    const runner = new AnalysisRunner(store, { debounceMs: 0, inline: true });
    try {
      await runner.runNow(result.reviewId);
    } finally {
      await runner.close();
    }
    const analysis = await store.latestAnalysis(result.reviewId);
    const groups = analysis ? (JSON.parse(analysis.result) as { groups?: unknown[] }).groups?.length : undefined;
    io.stdout(
      `Analysed: ${groups ?? 0} opinion groups. The review is closed and invite-only; open it from Organise.\n`,
    );
    io.stdout(`${result.slug}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The owner named by email, else the instance owner; a message saying what is missing when neither exists. */
async function findOwner(store: Store, email: string | undefined): Promise<{ id: number; email: string } | string> {
  if (email !== undefined) {
    return (await store.findAccountByEmail(email)) ?? `no account has the email ${email}; nothing was imported.`;
  }
  return (
    (await store.findInstanceOwner()) ??
    'this instance has no owner account yet, so nobody could own the imported review; nothing was imported. ' +
      'Start the server, create the owner account with the set-up link it prints, then import again ' +
      '(or name an existing account with --owner EMAIL).'
  );
}
