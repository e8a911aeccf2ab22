import { parseArgs } from 'node:util';
import { type Analysis, analyse } from '../core/analysis/analyse.js';
import { type PolisConversation, PolisImportError, readPolisExport } from '../interop/polis.js';

/** Where the command writes; injected so tests and the CLI entry can capture or forward output. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = 'usage: common-ground analyze --polis DIR [--k N] [--seed S] [--json]';

/** The JSON printed by `analyze --json` (the contract other tools rely on). */
export interface AnalyzeJson {
  readonly k: number;
  readonly participants: { id: string; group: number | null; x: number; y: number }[];
  readonly statements: {
    id: string;
    groupAwareConsensus: number;
    bridging: number;
    repness: { group: number; agree: boolean; score: number }[];
  }[];
  readonly timingsMs: { total: number };
}

class UsageError extends Error {}

function parseInteger(text: string | undefined, name: string, minimum: number, maximum: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got "${text}"`);
  const value = Number(text);
  if (value < minimum || value > maximum)
    throw new UsageError(`--${name} must be between ${minimum} and ${maximum}, got ${value}`);
  return value;
}

/**
 * `common-ground analyze --polis DIR [--k N] [--seed S] --json`: analyses a Pol.is export and prints
 * one JSON object ({@link AnalyzeJson}): every participant with their group label (null when not in
 * the conversation) and projection, every statement (excluded ones too, scored 0) with Pol.is's
 * group-aware consensus, the bridging score (Community Notes statement intercept) and, per group, the
 * direction it is more representative in and Pol.is's repness metric. `--k` forces the number of
 * groups (1–8); `--seed` (default 0) fixes every random choice, so output is identical between runs
 * except `timingsMs`. Without `--json` a short summary is printed. Bad arguments or files: a message
 * on stderr, nothing on stdout, exit code 2.
 */
export async function runAnalyzeCommand(argv: string[], io: CommandIo): Promise<number> {
  const started = performance.now();
  let directory: string;
  let groupCount: number | undefined;
  let seed: number;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        polis: { type: 'string' },
        k: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    });
    if (!values.polis) throw new UsageError('--polis DIR is required');
    directory = values.polis;
    groupCount = parseInteger(values.k, 'k', 1, 8);
    seed = parseInteger(values.seed, 'seed', 0, 0xffffffff) ?? 0;
    json = values.json ?? false;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`analyze: ${message}\n${USAGE}\n`);
    return 2;
  }

  let conversation: PolisConversation;
  try {
    conversation = readPolisExport(directory);
  } catch (error) {
    if (error instanceof PolisImportError) {
      io.stderr(`analyze: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const analysis = analyse(conversation, {
    seed,
    bridging: true,
    ...(groupCount !== undefined ? { groupCount } : {}),
  });
  const output = toAnalyzeJson(conversation, analysis, performance.now() - started);
  if (json) io.stdout(`${JSON.stringify(output)}\n`);
  else {
    const grouped = output.participants.filter((participant) => participant.group !== null).length;
    io.stdout(
      `${output.k} groups; ${grouped} of ${output.participants.length} participants grouped; ` +
        `${output.statements.length} statements; ${output.timingsMs.total} ms\n`,
    );
  }
  return 0;
}

/** Shapes an {@link Analysis} of a Pol.is conversation into the `analyze --json` contract. */
export function toAnalyzeJson(conversation: PolisConversation, analysis: Analysis, totalMs: number): AnalyzeJson {
  const { statementCount } = analysis;
  const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
  return {
    k: analysis.groups.count,
    participants: conversation.participantIds.map((id, participant) => {
      const group = analysis.groupOfParticipant[participant] as number;
      return {
        id,
        group: group < 0 ? null : group,
        x: finite(analysis.x[participant] as number),
        y: finite(analysis.y[participant] as number),
      };
    }),
    statements: conversation.statements.map((statement, statementIndex) => ({
      id: statement.id,
      groupAwareConsensus:
        analysis.activeStatements[statementIndex] === 1
          ? finite(analysis.statements.groupAwareConsensus[statementIndex] as number)
          : 0,
      bridging: finite(analysis.statements.bridging?.[statementIndex] ?? 0),
      repness:
        analysis.activeStatements[statementIndex] === 1
          ? analysis.groups.labels.map((label, group) => {
              const cell = group * statementCount + statementIndex;
              return {
                group: label,
                agree: analysis.repness.agreeIsRepful[cell] === 1,
                score: finite(analysis.repness.metric[cell] as number),
              };
            })
          : [],
    })),
    timingsMs: { total: Math.round(totalMs) },
  };
}
