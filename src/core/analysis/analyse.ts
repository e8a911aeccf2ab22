import { type BridgingOptions, fitBridging } from './bridging.js';
import { type CommonGroundOptions, commonGroundFlags, type GroupAgreeRates, groupAgreeRates } from './common-ground.js';
import { type Clustering, clusterParticipants, matchGroupLabels, participantsInConversation } from './groups.js';
import { type PcaResult, projectParticipants, sparsePca, statementExtremities } from './pca.js';
import { statementPriorities } from './priority.js';
import { createRandom, deriveSeed } from './random.js';
import {
  divisiveness,
  finalizeRepness,
  type GroupTallies,
  groupAwareConsensus,
  type MajorityStatement,
  majorityConsensus,
  type RepresentativeStatement,
  repnessStats,
  selectRepresentativeStatements,
  tallyByGroup,
} from './repness.js';
import type { SparseVotes } from './sparse-votes.js';
import { votesPerParticipant } from './sparse-votes-builder.js';

/** A statement as the analysis sees it; its dense index is its position in {@link AnalysisInput.statements}. */
export interface AnalysisStatement {
  readonly id: string;
  /** Rejected by moderation: left out of the maths and never shown. */
  readonly excluded?: boolean;
  /** About the conversation itself: left out of the maths, shown with Pol.is's meta priority. */
  readonly isMeta?: boolean;
}

/** A declared identity question (tradition, referendum vote, role…) and everyone's answer. */
export interface IdentityQuestionInput {
  readonly id: string;
  readonly optionLabels: readonly string[];
  /** Participant index → option index, or −1 for no answer. */
  readonly answers: Int32Array;
}

/** Everything {@link analyse} reads. Participant and statement indices must be stable (append-only) across updates. */
export interface AnalysisInput {
  readonly statements: readonly AnalysisStatement[];
  readonly votes: SparseVotes;
  readonly identityQuestions?: readonly IdentityQuestionInput[];
}

/** Settings of {@link analyse}; only `seed` is required. */
export interface AnalysisOptions {
  /** Seeds every random choice: the same input and seed give the same analysis. */
  readonly seed: number;
  /** Forces the number of opinion groups (else chosen by silhouette in 2..maxGroupCount). */
  readonly groupCount?: number;
  /** Default 5 (Pol.is `:max-k`), capped at 8. */
  readonly maxGroupCount?: number;
  /** Default 100 (Pol.is `:base-k`). */
  readonly baseClusterCount?: number;
  /** Default 100 (Pol.is `:pca-iters`); iteration stops earlier once converged. */
  readonly pcaMaxIterations?: number;
  readonly pcaTolerance?: number;
  readonly commonGround?: CommonGroundOptions;
  /**
   * Fit the Community Notes bridging model (`bridging.ts`, `fitBridging`) on the active votes: `true`
   * for its defaults, or its options (the seed is always derived from `seed`). Off by default because
   * it costs up to hundreds of passes over the votes; when off, `statements.bridging` is null.
   */
  readonly bridging?: boolean | Omit<BridgingOptions, 'seed'>;
}

/** The analysis of one identity question's declared groups. */
export interface IdentityAnalysis {
  readonly id: string;
  readonly optionLabels: readonly string[];
  /** Votes per option × statement (all participants who answered, in the conversation or not). */
  readonly tallies: GroupTallies;
  readonly agreeRates: GroupAgreeRates;
  readonly groupAwareConsensus: Float64Array;
  readonly representative: RepresentativeStatement[][];
}

/** Per group × statement repness in the better direction, flattened `group * statementCount + statement`. */
export interface RepnessTable {
  readonly agreeIsRepful: Uint8Array;
  /** Pol.is repness metric: repness × repness-test × probability × probability-test. */
  readonly metric: Float64Array;
  readonly repness: Float64Array;
  readonly repnessTest: Float64Array;
}

/** One stored result of the maths. Typed arrays are indexed by dense participant or statement index. */
export interface Analysis {
  readonly formatVersion: 1;
  readonly seed: number;
  readonly participantCount: number;
  readonly statementCount: number;
  readonly activeStatements: Uint8Array;
  readonly votesCast: Int32Array;
  readonly inConversation: Uint8Array;
  /** Sparsity-aware PCA projection of every participant (also those not in the conversation). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Stable group label of each participant, −1 when not in the conversation. */
  readonly groupOfParticipant: Int32Array;
  readonly pca: PcaResult;
  readonly clustering: Clustering;
  /** Dense group g (the index used by tallies and tables) is shown as `labels[g]`. */
  readonly groups: { readonly count: number; readonly labels: readonly number[]; readonly size: readonly number[] };
  /** Votes per dense group × statement, participants in the conversation only (as Pol.is `group-votes`). */
  readonly groupTallies: GroupTallies;
  readonly groupAgreeRates: GroupAgreeRates;
  readonly repness: RepnessTable;
  /** Up to 5 representative statements per dense group, Pol.is's selection. */
  readonly representative: RepresentativeStatement[][];
  readonly majority: { readonly agree: MajorityStatement[]; readonly disagree: MajorityStatement[] };
  readonly statements: {
    readonly groupAwareConsensus: Float64Array;
    readonly divisiveness: Float64Array;
    /** 1 when the statement holds in every opinion group and every declared group (see `commonGroundFlags`). */
    readonly commonGround: Uint8Array;
    readonly extremity: Float64Array;
    /** Routing weight for the participant flow (`pickNextStatement`). */
    readonly priority: Float64Array;
    /** Bridged support: the statement intercept i_s of the bridging model; null when not fitted. */
    readonly bridging: Float64Array | null;
  };
  readonly identity: readonly IdentityAnalysis[];
}

/**
 * The one update function of the opinion analysis (the shape of Pol.is's `conversation.clj` update
 * graph): active statements → vote counts → who is in → PCA → projections → base clusters and opinion
 * groups → stable labels → tallies → repness, consensus, divisiveness → declared groups → common
 * ground → routing priorities → bridging. Pure and deterministic: no clock, no I/O, randomness only
 * from `options.seed`. Given `previous`, PCA starts from its components and k-means from its centres
 * (an incremental update), participants stay in once in, and group labels follow member overlap.
 */
export function analyse(input: AnalysisInput, options: AnalysisOptions, previous?: Analysis): Analysis {
  const { votes } = input;
  const { participantCount, statementCount } = votes;
  if (input.statements.length !== statementCount) {
    throw new RangeError(`statements (${input.statements.length}) and votes.statementCount (${statementCount}) differ`);
  }
  const activeStatements = Uint8Array.from(input.statements, (statement) =>
    statement.excluded || statement.isMeta ? 0 : 1,
  );
  const activeVotes = onlyActiveVotes(votes, activeStatements);
  const activeStatementCount = activeStatements.reduce((total, flag) => total + flag, 0);
  const votesCast = votesPerParticipant(activeVotes);
  // Pol.is counts votes on moderated-out statements too when deciding who is in (`user-vote-counts`
  // reads the raw rating matrix), so a rejection does not push anyone out.
  const inConversation = participantsInConversation(
    votesPerParticipant(votes),
    activeStatementCount,
    previous?.inConversation,
  );

  const pca = sparsePca(activeVotes, {
    activeStatements,
    maxIterations: options.pcaMaxIterations ?? 100,
    ...(options.pcaTolerance !== undefined ? { tolerance: options.pcaTolerance } : {}),
    ...(previous ? { startVectors: previous.pca.components } : {}),
  });
  const { x, y } = projectParticipants(activeVotes, pca, activeStatements);

  const clustering = clusterParticipants(
    x,
    y,
    inConversation,
    {
      baseClusterCount: options.baseClusterCount ?? 100,
      maxGroupCount: Math.min(8, options.maxGroupCount ?? 5),
      ...(options.groupCount !== undefined ? { groupCount: Math.min(8, Math.max(1, options.groupCount)) } : {}),
    },
    createRandom(deriveSeed(options.seed, 'clusters')),
    previous ? { baseCentres: previous.clustering.baseCentres, groupCentres: previous.clustering.groupCentres } : {},
  );
  const labels = matchGroupLabels(clustering.groupOfParticipant, clustering.groupCount, previous?.groupOfParticipant);
  const groupOfParticipant = Int32Array.from(clustering.groupOfParticipant, (group) =>
    group < 0 ? -1 : (labels[group] as number),
  );

  const groupTallies = tallyByGroup(activeVotes, clustering.groupOfParticipant, clustering.groupCount);
  const repness = repnessTable(groupTallies, activeStatements);
  const representative = selectRepresentativeStatements(groupTallies, activeStatements);
  const everyone = tallyByGroup(activeVotes, new Int32Array(participantCount), 1);
  const majority = majorityConsensus(everyone, activeStatements);

  const identity = (input.identityQuestions ?? []).map((question): IdentityAnalysis => {
    const tallies = tallyByGroup(activeVotes, question.answers, question.optionLabels.length);
    return {
      id: question.id,
      optionLabels: question.optionLabels,
      tallies,
      agreeRates: groupAgreeRates(tallies, options.commonGround?.z),
      groupAwareConsensus: groupAwareConsensus(tallies),
      representative: selectRepresentativeStatements(tallies, activeStatements),
    };
  });
  // With no opinion groups yet, the whole conversation stands in as the one group that must agree.
  const inGroup = Int32Array.from(inConversation, (flag) => (flag === 1 ? 0 : -1));
  const opinionPartition = clustering.groupCount > 0 ? groupTallies : tallyByGroup(activeVotes, inGroup, 1);
  const commonGround = commonGroundFlags(
    [opinionPartition, ...identity.map((question) => question.tallies)],
    activeStatements,
    options.commonGround,
  );

  const extremity = statementExtremities(pca, activeStatements);
  const inTotals = tallyByGroup(votes, inGroup, 1);
  const priority = statementPriorities({
    agree: inTotals.agree,
    pass: inTotals.pass,
    seen: Int32Array.from(
      inTotals.agree,
      (agrees, statement) => agrees + (inTotals.disagree[statement] as number) + (inTotals.pass[statement] as number),
    ),
    extremity,
    activeStatements: Uint8Array.from(input.statements, (statement) => (statement.excluded ? 0 : 1)),
    isMeta: Uint8Array.from(input.statements, (statement) => (statement.isMeta ? 1 : 0)),
  });
  const bridging = options.bridging
    ? fitBridging(activeVotes, {
        minParticipantVotes: Math.max(1, Math.min(7, activeStatementCount)),
        ...(options.bridging === true ? {} : options.bridging),
        seed: deriveSeed(options.seed, 'bridging'),
      }).statementIntercepts
    : null;

  const size = Array.from({ length: clustering.groupCount }, (_, group) => groupTallies.members[group] as number);
  return {
    formatVersion: 1,
    seed: options.seed,
    participantCount,
    statementCount,
    activeStatements,
    votesCast,
    inConversation,
    x,
    y,
    groupOfParticipant,
    pca,
    clustering,
    groups: { count: clustering.groupCount, labels, size },
    groupTallies,
    groupAgreeRates: groupAgreeRates(groupTallies, options.commonGround?.z),
    repness,
    representative,
    majority,
    statements: {
      groupAwareConsensus: groupAwareConsensus(groupTallies),
      divisiveness: divisiveness(groupTallies),
      commonGround,
      extremity,
      priority,
      bridging,
    },
    identity,
  };
}

/** Drops votes on excluded and meta statements (a copy only when there are any). */
function onlyActiveVotes(votes: SparseVotes, activeStatements: Uint8Array): SparseVotes {
  const { statementIndex } = votes;
  let kept = 0;
  for (let vote = 0; vote < statementIndex.length; vote++)
    kept += activeStatements[statementIndex[vote] as number] as number;
  if (kept === statementIndex.length) return votes;
  const participantIndex = new Int32Array(kept);
  const keptStatements = new Int32Array(kept);
  const values = new Int8Array(kept);
  let position = 0;
  for (let vote = 0; vote < statementIndex.length; vote++) {
    if (activeStatements[statementIndex[vote] as number] !== 1) continue;
    participantIndex[position] = votes.participantIndex[vote] as number;
    keptStatements[position] = statementIndex[vote] as number;
    values[position] = votes.values[vote] as number;
    position++;
  }
  return { ...votes, participantIndex, statementIndex: keptStatements, values };
}

function repnessTable(tallies: GroupTallies, activeStatements: Uint8Array): RepnessTable {
  const cells = tallies.groupCount * tallies.statementCount;
  const table = {
    agreeIsRepful: new Uint8Array(cells),
    metric: new Float64Array(cells),
    repness: new Float64Array(cells),
    repnessTest: new Float64Array(cells),
  };
  for (let group = 0; group < tallies.groupCount; group++) {
    for (let statement = 0; statement < tallies.statementCount; statement++) {
      if (activeStatements[statement] !== 1) continue;
      const cell = group * tallies.statementCount + statement;
      const finalized = finalizeRepness(statement, repnessStats(tallies, group, statement));
      table.agreeIsRepful[cell] = finalized.repfulFor === 'agree' ? 1 : 0;
      table.metric[cell] = finalized.metric;
      table.repness[cell] = finalized.repness;
      table.repnessTest[cell] = finalized.repnessTest;
    }
  }
  return table;
}
