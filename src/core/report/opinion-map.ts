/**
 * The public opinion map: participants' positions aggregated into a density grid per opinion group,
 * so no point stands for one person and nothing carries a participant id. Coordinates are scaled into
 * [−1, 1] on both axes (the axes of a PCA have no units, only directions).
 */

export interface MapPoint {
  readonly x: number;
  readonly y: number;
  readonly group: number | null;
}

export interface MapCell {
  /** Centre of the grid cell, in [−1, 1]. */
  x: number;
  y: number;
  group: number | null;
  count: number;
}

export interface MapGroup {
  label: number;
  centre: { x: number; y: number };
  /** Convex hull of the group's occupied cell centres, counter-clockwise. */
  outline: Array<{ x: number; y: number }>;
}

export interface OpinionMap {
  gridSize: number;
  cells: MapCell[];
  groups: MapGroup[];
  /** Divide raw PCA coordinates by this to place them on the map (e.g. the viewer's own position). */
  scale: number;
}

export const defaultGridSize = 20;

/** Bins points into a gridSize × gridSize grid over [−1, 1]², one cell per occupied square and group. */
export function buildOpinionMap(points: readonly MapPoint[], gridSize = defaultGridSize): OpinionMap {
  let extent = 0;
  for (const point of points) extent = Math.max(extent, Math.abs(point.x), Math.abs(point.y));
  const scale = extent > 0 ? extent : 1;
  const counts = new Map<string, { column: number; row: number; group: number | null; count: number }>();
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (const point of points) {
    const column = binOf(point.x / scale, gridSize);
    const row = binOf(point.y / scale, gridSize);
    const key = `${column}:${row}:${point.group ?? 'none'}`;
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { column, row, group: point.group, count: 1 });
    if (point.group !== null) {
      const sum = sums.get(point.group) ?? { x: 0, y: 0, n: 0 };
      sum.x += point.x / scale;
      sum.y += point.y / scale;
      sum.n++;
      sums.set(point.group, sum);
    }
  }
  const cells = [...counts.values()]
    .map((cell) => ({
      x: centreOf(cell.column, gridSize),
      y: centreOf(cell.row, gridSize),
      group: cell.group,
      count: cell.count,
    }))
    .sort((a, b) => a.x - b.x || a.y - b.y || (a.group ?? -1) - (b.group ?? -1));
  const groups = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([label, sum]) => ({
      label,
      centre: { x: sum.x / sum.n, y: sum.y / sum.n },
      outline: convexHull(cells.filter((cell) => cell.group === label)),
    }));
  return { gridSize, cells, groups, scale };
}

function binOf(value: number, gridSize: number): number {
  return Math.min(gridSize - 1, Math.max(0, Math.floor(((value + 1) / 2) * gridSize)));
}

function centreOf(bin: number, gridSize: number): number {
  return ((bin + 0.5) / gridSize) * 2 - 1;
}

/** Andrew's monotone chain; fewer than three distinct points come back as they are. */
export function convexHull(
  points: ReadonlyArray<{ readonly x: number; readonly y: number }>,
): Array<{ x: number; y: number }> {
  const unique = [...new Map(points.map((point) => [`${point.x}:${point.y}`, { x: point.x, y: point.y }])).values()];
  unique.sort((a, b) => a.x - b.x || a.y - b.y);
  if (unique.length < 3) return unique;
  const cross = (o: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }) =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Array<{ x: number; y: number }> = [];
  for (const point of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, point) <= 0) lower.pop();
    lower.push(point);
  }
  const upper: Array<{ x: number; y: number }> = [];
  for (const point of [...unique].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, point) <= 0) upper.pop();
    upper.push(point);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The PCA of an analysis, aligned with its statements: what is needed to place one participant. */
export interface MapProjection {
  readonly center: readonly number[];
  readonly first: readonly number[];
  readonly second: readonly number[];
  /** 1 where the statement took part in the PCA. */
  readonly active: readonly boolean[];
}

/**
 * Where a participant with these votes sits, by the analysis's own formula (Pol.is's sparsity-aware
 * projection): Σ (vote − centre)·component over the active statements they voted on, times
 * √(active statements / their votes on them). `votes` maps the statement's position in the analysis
 * to −1, 0 or 1. Null when they voted on no active statement.
 */
export function projectVotes(
  projection: MapProjection,
  votes: ReadonlyMap<number, number>,
): { x: number; y: number } | null {
  let activeCount = 0;
  for (const active of projection.active) if (active) activeCount++;
  let x = 0;
  let y = 0;
  let cast = 0;
  for (const [statement, value] of votes) {
    if (!projection.active[statement]) continue;
    const centred = value - (projection.center[statement] ?? 0);
    x += centred * (projection.first[statement] ?? 0);
    y += centred * (projection.second[statement] ?? 0);
    cast++;
  }
  if (cast === 0) return null;
  const scale = Math.sqrt(activeCount / cast);
  return { x: x * scale, y: y * scale };
}
