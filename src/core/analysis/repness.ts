import type { SparseVotes } from './sparse-votes.js';

/**
 * Agree / disagree / pass counts per group × statement, flattened: entry `group * statementCount +
 * statement`. "Seen" (Pol.is's `S`/`ns`) is agree + disagree + pass.
 */
export interface GroupTallies {
  readonly groupCount: number;
  readonly statementCount: number;
  readonly agree: Int32Array;
  readonly disagree: Int32Array;
  readonly pass: Int32Array;
  /** Participants in each group (whether or not they voted on a given statement). */
  readonly members: Int32Array;
}

/** One-tailed 90% critical value of the standard normal, Pol.is `stats.clj` `z-sig-90?`. */
export const Z_90 = 1.2816;

/**
 * Counts each group's votes per statement in one pass over the votes. `groupOfParticipant` holds a
 * group index per participant, or −1 for participants outside every group (they are not counted).
 */
export function tallyByGroup(
  votes: SparseVotes,
  groupOfParticipant: ArrayLike<number>,
  groupCount: number,
): GroupTallies {
  const { statementCount, participantIndex, statementIndex, values } = votes;
  const agree = new Int32Array(groupCount * statementCount);
  const disagree = new Int32Array(groupCount * statementCount);
  const pass = new Int32Array(groupCount * statementCount);
  const members = new Int32Array(groupCount);
  for (let participant = 0; participant < groupOfParticipant.length; participant++) {
    const group = groupOfParticipant[participant] as number;
    if (group >= 0) members[group] = (members[group] as number) + 1;
  }
  for (let vote = 0; vote < values.length; vote++) {
    const group = groupOfParticipant[participantIndex[vote] as number] as number;
    if (group < 0) continue;
    const cell = group * statementCount + (statementIndex[vote] as number);
    const value = values[vote] as number;
    if (value > 0) agree[cell] = (agree[cell] as number) + 1;
    else if (value < 0) disagree[cell] = (disagree[cell] as number) + 1;
    else pass[cell] = (pass[cell] as number) + 1;
  }
  return { groupCount, statementCount, agree, disagree, pass, members };
}

/**
 * Pol.is's one-proportion z statistic with a pseudocount (`stats.clj`, `prop-test`):
 * z = 2·√(n+1)·((successes+1)/(n+1) − ½); tests whether the proportion exceeds one half.
 */
export function proportionTest(successes: number, trials: number): number {
  return 2 * Math.sqrt(trials + 1) * ((successes + 1) / (trials + 1) - 0.5);
}

/**
 * Pol.is's two-proportion z statistic with +1 pseudocounts on all four counts (`stats.clj`,
 * `two-prop-test`): p₁ = (s₁+1)/(n₁+1), p₂ = (s₂+1)/(n₂+1), p̂ = (s₁+s₂+2)/(n₁+n₂+2),
 * z = (p₁ − p₂) / √(p̂(1−p̂)(1/(n₁+1) + 1/(n₂+1))); 0 when p̂ = 1.
 */
export function twoProportionTest(
  successesIn: number,
  successesOut: number,
  trialsIn: number,
  trialsOut: number,
): number {
  const successIn = successesIn + 1;
  const successOut = successesOut + 1;
  const populationIn = trialsIn + 1;
  const populationOut = trialsOut + 1;
  const pooled = (successIn + successOut) / (populationIn + populationOut);
  if (pooled >= 1) return 0;
  const rateIn = successIn / populationIn;
  const rateOut = successOut / populationOut;
  return (rateIn - rateOut) / Math.sqrt(pooled * (1 - pooled) * (1 / populationIn + 1 / populationOut));
}

/** Pol.is `z-sig-90?`: significant at 90% confidence, one-tailed (z > 1.2816). */
export function isSignificant90(z: number): boolean {
  return z > Z_90;
}

/**
 * Pol.is's per-group, per-statement statistics (`repness.clj`, `comment-stats` and
 * `add-comparitive-stats`); "rest" is every other group pooled.
 */
export interface RepnessStats {
  /** Agrees, disagrees and votes seen (incl. passes) in the group. */
  readonly agrees: number;
  readonly disagrees: number;
  readonly seen: number;
  /** pa = (na+1)/(ns+2), pd = (nd+1)/(ns+2). */
  readonly agreeProbability: number;
  readonly disagreeProbability: number;
  /** pat, pdt: {@link proportionTest} of agrees / disagrees. */
  readonly agreeTest: number;
  readonly disagreeTest: number;
  /** ra = pa / ((Σna_rest+1)/(Σns_rest+2)), likewise rd. */
  readonly agreeRepness: number;
  readonly disagreeRepness: number;
  /** rat, rdt: {@link twoProportionTest} of the group against the rest. */
  readonly agreeRepnessTest: number;
  readonly disagreeRepnessTest: number;
}

/** Computes {@link RepnessStats} for one group and statement from group tallies. */
export function repnessStats(tallies: GroupTallies, group: number, statement: number): RepnessStats {
  const { statementCount, groupCount } = tallies;
  const cell = group * statementCount + statement;
  const agrees = tallies.agree[cell] as number;
  const disagrees = tallies.disagree[cell] as number;
  const seen = agrees + disagrees + (tallies.pass[cell] as number);
  let restAgrees = 0;
  let restDisagrees = 0;
  let restSeen = 0;
  for (let other = 0; other < groupCount; other++) {
    if (other === group) continue;
    const otherCell = other * statementCount + statement;
    restAgrees += tallies.agree[otherCell] as number;
    restDisagrees += tallies.disagree[otherCell] as number;
    restSeen +=
      (tallies.agree[otherCell] as number) +
      (tallies.disagree[otherCell] as number) +
      (tallies.pass[otherCell] as number);
  }
  const agreeProbability = (agrees + 1) / (seen + 2);
  const disagreeProbability = (disagrees + 1) / (seen + 2);
  return {
    agrees,
    disagrees,
    seen,
    agreeProbability,
    disagreeProbability,
    agreeTest: proportionTest(agrees, seen),
    disagreeTest: proportionTest(disagrees, seen),
    agreeRepness: agreeProbability / ((restAgrees + 1) / (restSeen + 2)),
    disagreeRepness: disagreeProbability / ((restDisagrees + 1) / (restSeen + 2)),
    agreeRepnessTest: twoProportionTest(agrees, restAgrees, seen, restSeen),
    disagreeRepnessTest: twoProportionTest(disagrees, restDisagrees, seen, restSeen),
  };
}

/** How representative one statement is of one group, in the direction (agree/disagree) that fits better. */
export interface GroupRepness {
  readonly statementIndex: number;
  /** Pol.is `repful-for`: agree when rat > rdt, else disagree (`finalize-cmt-stats`). */
  readonly repfulFor: 'agree' | 'disagree';
  readonly successes: number;
  readonly trials: number;
  readonly probability: number;
  readonly probabilityTest: number;
  readonly repness: number;
  readonly repnessTest: number;
  /** Pol.is `repness-metric`: repness × repness-test × probability × probability-test. */
  readonly metric: number;
}

/** Pol.is `finalize-cmt-stats` + `repness-metric`: picks the direction and scores it. */
export function finalizeRepness(statementIndex: number, stats: RepnessStats): GroupRepness {
  const agree = stats.agreeRepnessTest > stats.disagreeRepnessTest;
  const successes = agree ? stats.agrees : stats.disagrees;
  const probability = agree ? stats.agreeProbability : stats.disagreeProbability;
  const probabilityTest = agree ? stats.agreeTest : stats.disagreeTest;
  const repness = agree ? stats.agreeRepness : stats.disagreeRepness;
  const repnessTest = agree ? stats.agreeRepnessTest : stats.disagreeRepnessTest;
  return {
    statementIndex,
    repfulFor: agree ? 'agree' : 'disagree',
    successes,
    trials: stats.seen,
    probability,
    probabilityTest,
    repness,
    repnessTest,
    metric: repness * repnessTest * probability * probabilityTest,
  };
}

/** Pol.is `passes-by-test?`: both the repness and the probability tests significant, for agree or for disagree. */
export function passesRepnessTests(stats: RepnessStats): boolean {
  return (
    (isSignificant90(stats.agreeRepnessTest) && isSignificant90(stats.agreeTest)) ||
    (isSignificant90(stats.disagreeRepnessTest) && isSignificant90(stats.disagreeTest))
  );
}

/** A selected representative statement; `bestAgree` marks Pol.is's preferred agree statement put first. */
export interface RepresentativeStatement extends GroupRepness {
  readonly bestAgree: boolean;
}

/**
 * Selects up to 5 representative statements per group as Pol.is does (`repness.clj`,
 * `select-rep-comments`): statements passing both 90% tests are ranked by the repness metric; the
 * best "agree" statement (`beats-best-agr?`) goes first; with none passing, the best agree statement,
 * or else the statement with the highest repness test, stands alone. Agrees are listed before
 * disagrees. Statements are visited in index order, which decides ties as Pol.is's column order does.
 */
export function selectRepresentativeStatements(
  tallies: GroupTallies,
  activeStatements: Uint8Array,
  perGroup = 5,
): RepresentativeStatement[][] {
  const result: RepresentativeStatement[][] = [];
  for (let group = 0; group < tallies.groupCount; group++) {
    const sufficient: GroupRepness[] = [];
    let best: GroupRepness | undefined;
    let bestAgree: { statementIndex: number; stats: RepnessStats } | undefined;
    for (let statement = 0; statement < tallies.statementCount; statement++) {
      if (activeStatements[statement] !== 1) continue;
      const stats = repnessStats(tallies, group, statement);
      if (passesRepnessTests(stats)) sufficient.push(finalizeRepness(statement, stats));
      if (
        sufficient.length === 0 &&
        (!best || Math.max(stats.agreeRepnessTest, stats.disagreeRepnessTest) > best.repnessTest)
      ) {
        best = finalizeRepness(statement, stats);
      }
      if (beatsBestAgree(stats, bestAgree?.stats)) bestAgree = { statementIndex: statement, stats };
    }
    const head: RepresentativeStatement[] = [];
    if (bestAgree) head.push({ ...finalizeRepness(bestAgree.statementIndex, bestAgree.stats), bestAgree: true });
    else if (best && sufficient.length === 0) head.push({ ...best, bestAgree: false });
    if (sufficient.length === 0) {
      result.push(head);
      continue;
    }
    const ranked = sufficient
      .filter((candidate) => candidate.statementIndex !== bestAgree?.statementIndex)
      .sort((left, right) => right.metric - left.metric || left.statementIndex - right.statementIndex)
      .map((candidate): RepresentativeStatement => ({ ...candidate, bestAgree: false }));
    const chosen = [...(bestAgree ? head : []), ...ranked].slice(0, perGroup);
    result.push([
      ...chosen.filter((candidate) => candidate.repfulFor === 'agree'),
      ...chosen.filter((candidate) => candidate.repfulFor === 'disagree'),
    ]);
  }
  return result;
}

/** Pol.is `beats-best-agr?`: the running choice of a group's most representative agreed statement. */
function beatsBestAgree(stats: RepnessStats, current: RepnessStats | undefined): boolean {
  if (stats.agrees === 0 && stats.disagrees === 0) return false;
  const robust = (candidate: RepnessStats): number =>
    candidate.agreeRepness * candidate.agreeRepnessTest * candidate.agreeProbability * candidate.agreeTest;
  if (current && current.agreeRepness > 1) return robust(stats) > robust(current);
  if (current) return stats.agreeProbability * stats.agreeTest > current.agreeProbability * current.agreeTest;
  return isSignificant90(stats.agreeTest) || (stats.agreeRepness > 1 && stats.agreeProbability > 0.5);
}

/**
 * Pol.is's group-aware consensus (`conversation.clj`, `:group-aware-consensus`): the product over
 * groups of (agrees + 1) / (seen + 2). High only when every group tends to agree; the +1/+2 is a
 * uniform prior so unseen statements score (½)^groups.
 */
export function groupAwareConsensus(tallies: GroupTallies): Float64Array {
  const { statementCount, groupCount } = tallies;
  const consensus = new Float64Array(statementCount).fill(1);
  for (let group = 0; group < groupCount; group++) {
    for (let statement = 0; statement < statementCount; statement++) {
      const cell = group * statementCount + statement;
      const seen =
        (tallies.agree[cell] as number) + (tallies.disagree[cell] as number) + (tallies.pass[cell] as number);
      consensus[statement] = (consensus[statement] as number) * (((tallies.agree[cell] as number) + 1) / (seen + 2));
    }
  }
  return consensus;
}

/** A statement most participants agree (or disagree) with, Pol.is's "consensus" output. */
export interface MajorityStatement {
  readonly statementIndex: number;
  readonly successes: number;
  readonly trials: number;
  readonly probability: number;
  readonly probabilityTest: number;
}

/**
 * Pol.is's majority consensus (`repness.clj`, `select-consensus-comments`) over everyone's votes
 * (`overall` has one group): statements with p = (n+1)/(seen+2) > ½ and a significant one-proportion
 * test, ranked by p × z, top `limit` for agree and for disagree.
 */
export function majorityConsensus(
  overall: GroupTallies,
  activeStatements: Uint8Array,
  limit = 5,
): { agree: MajorityStatement[]; disagree: MajorityStatement[] } {
  const pick = (counts: Int32Array): MajorityStatement[] => {
    const candidates: MajorityStatement[] = [];
    for (let statement = 0; statement < overall.statementCount; statement++) {
      if (activeStatements[statement] !== 1) continue;
      const successes = counts[statement] as number;
      const trials =
        (overall.agree[statement] as number) +
        (overall.disagree[statement] as number) +
        (overall.pass[statement] as number);
      const probability = (successes + 1) / (trials + 2);
      const probabilityTest = proportionTest(successes, trials);
      if (probability > 0.5 && isSignificant90(probabilityTest)) {
        candidates.push({ statementIndex: statement, successes, trials, probability, probabilityTest });
      }
    }
    return candidates
      .sort(
        (left, right) =>
          right.probability * right.probabilityTest - left.probability * left.probabilityTest ||
          left.statementIndex - right.statementIndex,
      )
      .slice(0, limit);
  };
  return { agree: pick(overall.agree), disagree: pick(overall.disagree) };
}

/**
 * Divisiveness (ours; Pol.is has no such output): half the spread between the groups' net agreement,
 * max_g − min_g of (agrees − disagrees)/(seen + 2), in [0, 1). It is high when one group agrees while
 * another disagrees, lower when the other group merely passes, and 0 with fewer than two groups.
 */
export function divisiveness(tallies: GroupTallies): Float64Array {
  const { statementCount, groupCount } = tallies;
  const result = new Float64Array(statementCount);
  if (groupCount < 2) return result;
  for (let statement = 0; statement < statementCount; statement++) {
    let highest = Number.NEGATIVE_INFINITY;
    let lowest = Number.POSITIVE_INFINITY;
    for (let group = 0; group < groupCount; group++) {
      const cell = group * statementCount + statement;
      const agrees = tallies.agree[cell] as number;
      const disagrees = tallies.disagree[cell] as number;
      const net = (agrees - disagrees) / (agrees + disagrees + (tallies.pass[cell] as number) + 2);
      highest = Math.max(highest, net);
      lowest = Math.min(lowest, net);
    }
    result[statement] = (highest - lowest) / 2;
  }
  return result;
}
