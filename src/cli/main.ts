import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/env.js';
import { startServer } from '../server/start.js';
import { openStore } from '../store/open.js';
import { seedDemoReview } from './demo.js';

const usage = `Usage: common-ground <command> [options]

Commands:
  serve                      Start the web server (PORT, HOST, DATABASE_URL, PUBLIC_URL from the environment)
  migrate                    Apply pending database migrations and exit
  demo [--seed N] [--participants N]
                             Create the demo review with synthetic participants and votes
  analyze --polis DIR [--k N] [--seed S] --json
                             Analyse a Pol.is export folder and print one JSON object
  plan-tables --registrants FILE.csv --table-size N|MIN-MAX [--seed S] [--attributes a,b] [--json]
                             Seat registrants at tables mixing traditions (CSV: id, attribute columns,
                             optional together/apart with ;-separated ids)
  import --polis DIR [--owner EMAIL]
                             Import a Pol.is export folder as a new review (closed, invite-only),
                             owned by that account or the instance owner; prints the slug last
  export --polis SLUG OUT_DIR
                             Write a review's Pol.is export (comments.csv, votes.csv,
                             participants-votes.csv, summary.csv) into OUT_DIR
  report SLUG --pdf OUT.pdf [--lang en|cy]
                             Print the review's results page to an A4 PDF with Debian's chromium
  help                       Show this text
`;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Dispatches a command; returns the process exit code (0 ok, 1 failure, 2 bad usage). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(io);
    case 'migrate':
      return migrate(io);
    case 'demo':
      return demo(rest, io);
    case 'analyze': {
      const { runAnalyzeCommand } = await import('./analyze.js');
      return runAnalyzeCommand(rest, io);
    }
    case 'plan-tables': {
      const { runPlanTablesCommand } = await import('./plan-tables.js');
      return runPlanTablesCommand(rest, io);
    }
    case 'import': {
      const { runImportCommand } = await import('./import.js');
      return runImportCommand(rest, io);
    }
    case 'export': {
      const { runExportCommand } = await import('./export.js');
      return runExportCommand(rest, io);
    }
    case 'report': {
      const { runReportCommand } = await import('./report.js');
      return runReportCommand(rest, io);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(usage);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`common-ground: unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

async function serve(io: Io): Promise<number> {
  const server = await startServer();
  io.stdout(`Common Ground is running at ${server.url} (database: ${server.store.kind})\n`);
  if (server.setupUrl) {
    io.stdout(
      `\nNo owner account yet. Create it with this one-time link (valid for 24 hours):\n  ${server.setupUrl}\n\n`,
    );
  }
  const stop = async (signal: string) => {
    io.stdout(`\n${signal}: shutting down.\n`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return new Promise<number>(() => {});
}

async function migrate(io: Io): Promise<number> {
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    const applied = await store.migrate();
    io.stdout(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'The database is up to date.\n',
    );
    return 0;
  } finally {
    await store.close();
  }
}

async function demo(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: 'string' }, participants: { type: 'string' } },
    strict: true,
  });
  const seed = parseWholeNumber(values.seed, '--seed', 2024);
  const participants = parseWholeNumber(values.participants, '--participants', 120);
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    await store.migrate();
    const result = await seedDemoReview(store, { seed, participants });
    io.stdout(
      result.created
        ? `Created the demo review with ${participants} synthetic participants: ${config.publicUrl}/r/${result.slug}\n`
        : `The demo review already exists: ${config.publicUrl}/r/${result.slug}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function parseWholeNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`${flag} takes a whole number, not "${value}".`);
  return number;
}

class UsageError extends Error {}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntryPoint) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
    },
    (error: unknown) => {
      if (
        error instanceof ConfigError ||
        error instanceof UsageError ||
        (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
      ) {
        process.stderr.write(`common-ground: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(
        `common-ground: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
