import { kMeans, weightedSilhouette } from './kmeans.js';
import type { Random } from './random.js';

/**
 * Who is "in" the conversation, following Pol.is (`conversation.clj`, `:in-conv`): participants who
 * voted on at least min(7, statements) statements; once in, always in (`previousIn`); and while fewer
 * than `greedyMinimum` (Pol.is: 15) are in, the most active other voters are added (ties: lower index)
 * so that a young conversation still shows groups.
 */
export function participantsInConversation(
  votesCast: Int32Array,
  activeStatementCount: number,
  previousIn?: Uint8Array,
  greedyMinimum = 15,
): Uint8Array {
  const participantCount = votesCast.length;
  const threshold = Math.min(7, activeStatementCount);
  const inConversation = new Uint8Array(participantCount);
  let count = 0;
  for (let participant = 0; participant < participantCount; participant++) {
    const cast = votesCast[participant] as number;
    if ((cast > 0 && cast >= threshold) || previousIn?.[participant] === 1) {
      inConversation[participant] = 1;
      count++;
    }
  }
  if (count < greedyMinimum) {
    const candidates: number[] = [];
    for (let participant = 0; participant < participantCount; participant++) {
      if (inConversation[participant] === 0 && (votesCast[participant] as number) > 0) candidates.push(participant);
    }
    candidates.sort((left, right) => (votesCast[right] as number) - (votesCast[left] as number) || left - right);
    for (const participant of candidates.slice(0, greedyMinimum - count)) inConversation[participant] = 1;
  }
  return inConversation;
}

/** Settings for {@link clusterParticipants}. */
export interface ClusteringOptions {
  /** Base clusters (Pol.is `:base-k`, 100); fewer when fewer participants are in. */
  readonly baseClusterCount: number;
  /** Largest number of opinion groups tried (Pol.is `:max-k`, 5; at most 8). */
  readonly maxGroupCount: number;
  /** Forces the number of opinion groups instead of choosing it by silhouette. */
  readonly groupCount?: number;
  readonly maxIterations?: number;
  /** k-means++ restarts for the opinion groups (cheap: they cluster ≤ 100 base centres). */
  readonly groupRestarts?: number;
}

/** Warm start from the previous analysis. */
export interface ClusteringWarmStart {
  readonly baseCentres?: ArrayLike<number>;
  /** Previous opinion-group centres, interleaved x,y, in dense group order. */
  readonly groupCentres?: ArrayLike<number>;
}

/** Base clusters and opinion groups of the participants in the conversation. */
export interface Clustering {
  /** Base cluster of each participant, −1 when not in the conversation. */
  readonly baseOfParticipant: Int32Array;
  readonly baseCentres: Float64Array;
  readonly baseSize: Float64Array;
  /** Opinion group of each base cluster. */
  readonly groupOfBase: Int32Array;
  readonly groupCount: number;
  readonly groupCentres: Float64Array;
  /** Dense opinion group of each participant, −1 when not in the conversation. */
  readonly groupOfParticipant: Int32Array;
  /** Weighted silhouette of each candidate k (empty when k was forced). */
  readonly silhouettes: readonly { readonly k: number; readonly silhouette: number }[];
}

/**
 * Pol.is's two-level clustering (`conversation.clj`, `:base-clusters` and `:group-clusterings`):
 * k-means of the in-conversation participants' projections into ~100 base clusters, then weighted
 * k-means of the base-cluster centres (weights = member counts) into opinion groups for k = 2 ..
 * min(maxGroupCount, 2 + ⌊bases/12⌋) (Pol.is `max-k-fn`), keeping the k with the best silhouette
 * (the smaller k on ties). Pol.is additionally waits until a new k wins 4 updates in a row
 * (`group-k-smoother`); here the seed makes the choice reproducible instead. Dense groups are
 * numbered by decreasing size, then by their lowest participant index, which is independent of
 * reflections of the plane and of statement order.
 */
export function clusterParticipants(
  x: Float64Array,
  y: Float64Array,
  inConversation: Uint8Array,
  options: ClusteringOptions,
  random: Random,
  warm: ClusteringWarmStart = {},
): Clustering {
  const participantCount = x.length;
  const members: number[] = [];
  for (let participant = 0; participant < participantCount; participant++)
    if (inConversation[participant] === 1) members.push(participant);
  const memberX = Float64Array.from(members, (participant) => x[participant] as number);
  const memberY = Float64Array.from(members, (participant) => y[participant] as number);
  const baseK = Math.min(options.baseClusterCount, members.length);
  let baseStart = warm.baseCentres;
  if (!baseStart && members.length > 100 * baseK) {
    // Cold start on a large conversation: settle the centres on an evenly strided sample of ~100
    // points per cluster first, so the passes over everyone only refine them.
    const stride = Math.floor(members.length / (100 * baseK));
    const sampleX = memberX.filter((_, position) => position % stride === 0);
    const sampleY = memberY.filter((_, position) => position % stride === 0);
    baseStart = kMeans({ x: sampleX, y: sampleY }, baseK, random, {
      maxIterations: options.maxIterations ?? 100,
    }).centres;
  }
  const base = kMeans({ x: memberX, y: memberY }, baseK, random, {
    // Warm from the previous update, a few Lloyd steps suffice: the base clusters keep refining over
    // successive updates, as Pol.is's do when it starts from `:last-clusters`.
    maxIterations: warm.baseCentres ? Math.min(10, options.maxIterations ?? 100) : (options.maxIterations ?? 100),
    ...(baseStart ? { initialCentres: baseStart } : {}),
  });
  const baseOfParticipant = new Int32Array(participantCount).fill(-1);
  members.forEach((participant, position) => {
    baseOfParticipant[participant] = base.assignment[position] as number;
  });
  // Drop base clusters left empty so silhouettes and weights only see real ones.
  const baseRemap = new Int32Array(base.k).fill(-1);
  const keptCentres: number[] = [];
  const keptSizes: number[] = [];
  for (let cluster = 0; cluster < base.k; cluster++) {
    if ((base.clusterWeight[cluster] as number) <= 0) continue;
    baseRemap[cluster] = keptSizes.length;
    keptCentres.push(base.centres[2 * cluster] as number, base.centres[2 * cluster + 1] as number);
    keptSizes.push(base.clusterWeight[cluster] as number);
  }
  for (let participant = 0; participant < participantCount; participant++) {
    const cluster = baseOfParticipant[participant] as number;
    if (cluster >= 0) baseOfParticipant[participant] = baseRemap[cluster] as number;
  }
  const baseCentres = Float64Array.from(keptCentres);
  const baseSize = Float64Array.from(keptSizes);
  const baseCount = baseSize.length;
  const basePoints = {
    x: Float64Array.from({ length: baseCount }, (_, cluster) => baseCentres[2 * cluster] as number),
    y: Float64Array.from({ length: baseCount }, (_, cluster) => baseCentres[2 * cluster + 1] as number),
    weight: baseSize,
  };

  const candidates: number[] = [];
  if (options.groupCount !== undefined) candidates.push(Math.min(options.groupCount, baseCount));
  else if (baseCount <= 2) candidates.push(baseCount);
  else {
    const maxK = Math.min(options.maxGroupCount, 2 + Math.floor(baseCount / 12), baseCount);
    for (let k = 2; k <= maxK; k++) candidates.push(k);
  }
  const silhouettes: { k: number; silhouette: number }[] = [];
  let chosen: { assignment: Int32Array; centres: Float64Array; k: number } = {
    assignment: new Int32Array(baseCount),
    centres: new Float64Array(0),
    k: 0,
  };
  let bestSilhouette = Number.NEGATIVE_INFINITY;
  for (const k of candidates) {
    let groups = kMeans(basePoints, k, random, { restarts: options.groupRestarts ?? 8, maxIterations: 200 });
    if (warm.groupCentres && warm.groupCentres.length === 2 * k) {
      const warmGroups = kMeans(basePoints, k, random, { initialCentres: warm.groupCentres, maxIterations: 200 });
      // Keep the previous solution unless the fresh one is clearly better: labels move less.
      if (warmGroups.k === groups.k && warmGroups.inertia <= groups.inertia * (1 + 1e-9)) groups = warmGroups;
    }
    if (candidates.length === 1) {
      chosen = groups;
      break;
    }
    const silhouette = weightedSilhouette(basePoints, groups.assignment, groups.k);
    silhouettes.push({ k, silhouette });
    if (silhouette > bestSilhouette + 1e-12) {
      bestSilhouette = silhouette;
      chosen = groups;
    }
  }

  // Canonical dense order: by size, then by lowest participant index.
  const groupSize = new Float64Array(chosen.k);
  const lowestMember = new Int32Array(chosen.k).fill(participantCount);
  for (let participant = 0; participant < participantCount; participant++) {
    const cluster = baseOfParticipant[participant] as number;
    if (cluster < 0) continue;
    const group = chosen.assignment[cluster] as number;
    groupSize[group] = (groupSize[group] as number) + 1;
    if (participant < (lowestMember[group] as number)) lowestMember[group] = participant;
  }
  const order = Array.from({ length: chosen.k }, (_, group) => group)
    .filter((group) => (groupSize[group] as number) > 0)
    .sort(
      (left, right) =>
        (groupSize[right] as number) - (groupSize[left] as number) ||
        (lowestMember[left] as number) - (lowestMember[right] as number),
    );
  const denseOf = new Int32Array(chosen.k).fill(-1);
  order.forEach((group, dense) => {
    denseOf[group] = dense;
  });
  const groupOfBase = Int32Array.from(chosen.assignment, (group) => denseOf[group] as number);
  const groupCentres = new Float64Array(2 * order.length);
  order.forEach((group, dense) => {
    groupCentres[2 * dense] = chosen.centres[2 * group] as number;
    groupCentres[2 * dense + 1] = chosen.centres[2 * group + 1] as number;
  });
  const groupOfParticipant = Int32Array.from(baseOfParticipant, (cluster) =>
    cluster < 0 ? -1 : (groupOfBase[cluster] as number),
  );
  return {
    baseOfParticipant,
    baseCentres,
    baseSize,
    groupOfBase,
    groupCount: order.length,
    groupCentres,
    groupOfParticipant,
    silhouettes,
  };
}

/**
 * Stable group labels between updates (ours; Pol.is relabels freely): each new dense group takes the
 * label of the previous group it shares most participants with, greedily by decreasing overlap (ties:
 * lower dense index, then lower label); unmatched groups take the smallest unused labels. Without a
 * previous labelling, label = dense index. Participant indices must be stable between updates
 * (append-only), which is how the store assigns them.
 */
export function matchGroupLabels(
  groupOfParticipant: Int32Array,
  groupCount: number,
  previousLabelOfParticipant?: Int32Array,
): number[] {
  const labels = Array.from({ length: groupCount }, (_, group) => group);
  if (!previousLabelOfParticipant) return labels;
  const overlaps = new Map<string, { group: number; label: number; count: number }>();
  const shared = Math.min(groupOfParticipant.length, previousLabelOfParticipant.length);
  for (let participant = 0; participant < shared; participant++) {
    const group = groupOfParticipant[participant] as number;
    const label = previousLabelOfParticipant[participant] as number;
    if (group < 0 || label < 0) continue;
    const key = `${group}:${label}`;
    const entry = overlaps.get(key);
    if (entry) entry.count++;
    else overlaps.set(key, { group, label, count: 1 });
  }
  const pairs = [...overlaps.values()].sort(
    (left, right) => right.count - left.count || left.group - right.group || left.label - right.label,
  );
  const assigned = new Array<number>(groupCount).fill(-1);
  const used = new Set<number>();
  for (const pair of pairs) {
    if (assigned[pair.group] !== -1 || used.has(pair.label)) continue;
    assigned[pair.group] = pair.label;
    used.add(pair.label);
  }
  let nextFree = 0;
  for (let group = 0; group < groupCount; group++) {
    if (assigned[group] !== -1) continue;
    while (used.has(nextFree)) nextFree++;
    assigned[group] = nextFree;
    used.add(nextFree);
  }
  for (let group = 0; group < groupCount; group++) labels[group] = assigned[group] as number;
  return labels;
}
