/**
 * Shared by the vote durability test and the vote load benchmark: seed a database with an open
 * review, statements and participants whose cookies we know, then run the real server
 * (`src/cli/main.ts serve`) as a child process against it, so a SIGKILL hits the whole server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../../store/open.js';
import { participantCookie } from '../auth/session.js';
import { hashToken, newToken } from '../auth/tokens.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A throw-away database: a SQLite file in a temp folder, or a fresh PostgreSQL schema. */
export interface ScratchDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  remove(): Promise<void>;
}

export async function scratchDatabase(
  kind: 'sqlite' | 'postgres',
  postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const folder = await mkdtemp(join(tmpdir(), 'cg-votes-'));
    return {
      kind,
      url: join(folder, 'votes.sqlite'),
      remove: () => rm(folder, { recursive: true, force: true }),
    };
  }
  const schema = `cg_votes_${randomBytes(6).toString('hex')}`;
  const url = new URL(postgresUrl);
  url.searchParams.set('schema', schema);
  return {
    kind,
    url: url.toString(),
    async remove() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An open review ready for votes: its statements and participants with their cookie headers. */
export interface VotingFixture {
  slug: string;
  reviewId: number;
  statementIds: number[];
  participants: Array<{ id: number; cookie: string; csrfToken: string }>;
}

/** Creates the review directly in the store (migrating first), so no sign-in flow is needed. */
export async function seedVotingReview(
  databaseUrl: string,
  options: { statements: number; participants: number },
): Promise<VotingFixture> {
  const store = await openStore(databaseUrl);
  try {
    await store.migrate();
    const createdAt = new Date().toISOString();
    const account = await store.createAccount({
      email: 'load@example.org',
      displayName: 'Load',
      passwordHash: 'not-a-hash',
      isInstanceOwner: false,
      createdAt,
    });
    const slug = 'burst-review';
    const review = await store.createReview({
      slug,
      title: 'Votes under load',
      introduction: '',
      status: 'open',
      visibility: 'public',
      moderationMode: 'permissive',
      participantsCanAddStatements: false,
      createdByAccountId: account.id,
      createdAt,
      updatedAt: createdAt,
    });
    const statementIds: number[] = [];
    for (let index = 0; index < options.statements; index += 1) {
      const statement = await store.createStatement({
        reviewId: review.id,
        text: `Statement number ${index + 1}`,
        textKey: `statement number ${index + 1}`,
        origin: 'seed',
        moderation: 'accepted',
        isMeta: false,
        authorParticipantId: null,
        authorAccountId: account.id,
        createdAt,
      });
      statementIds.push(statement.id);
    }
    const tokens = Array.from({ length: options.participants }, () => newToken());
    const rows = await store.createParticipants(
      tokens.map((token, index) => ({ reviewId: review.id, tokenHash: hashToken(token), seed: index, createdAt })),
    );
    const participants = rows.map((row, index) => {
      // Double-submit CSRF: any secret works as long as the cookie and the header carry the same one.
      const csrfToken = newToken();
      return {
        id: row.id,
        csrfToken,
        cookie: `${participantCookie(review.id)}=${tokens[index]}; cg_csrf=${csrfToken}`,
      };
    });
    return { slug, reviewId: review.id, statementIds, participants };
  } finally {
    await store.close();
  }
}

/** The server as a child process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  /** SIGKILL: no shutdown hooks, no flush, exactly as a crash or an OOM kill. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `src/cli/main.ts serve` on a free loopback port. It runs as `node --import tsx` rather
 * than through the tsx CLI, which would put the server in a grandchild that a SIGKILL of its
 * parent leaves running.
 */
export async function startServerProcess(
  databaseUrl: string,
  environment: Record<string, string> = {},
  /** Extra `node` flags, e.g. `--cpu-prof` to profile the server under load. */
  nodeFlags: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(repositoryRoot, 'src/cli/main.ts'), 'serve'],
    {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MAIL_DIR: join(tmpdir(), 'cg-votes-mail'),
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start in 60 s.\n${stderr}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening.\n${stderr}`));
    });
  });
  return {
    url,
    child,
    exited,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
