import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../core/analysis/analyse.js';
import { adjustedRandIndex } from '../core/analysis/ari.js';
import { readPolisExport, readPolisGroups } from './polis.js';

// The repository root is two levels up from src/interop; the shared data sits beside it.
const dataRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'polis-opendata');

/**
 * Floors earned by measurement (seed 0, k = Pol.is's k), each set ~0.1 below what was measured so a
 * real regression fails while harmless numeric drift does not. Pol.is's own groups come from an
 * unseeded, history-dependent k-means, so exact agreement is not expected; see the closing notes for
 * why london.youth.policing and bg2050-volunteers sit low. Unknown conversations must merely beat chance.
 */
const floors: Record<string, number> = {
  'brexit-consensus': 0.75,
  'canadian-electoral-reform': 0.7,
  'scoop-hivemind.biodiversity': 0.65,
  'vtaiwan.uberx': 0.5,
  '15-per-hour-seattle': 0.45,
  'bg2050-volunteers': 0.1,
  'london.youth.policing': 0.0,
};

const conversations = existsSync(dataRoot)
  ? readdirSync(dataRoot, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

describe('groups agree with Pol.is on its open data', () => {
  if (conversations.length === 0) {
    // The Pol.is open data sits outside the repository (../shared/data); CI has it beside the clone, so
    // this skip only happens in a clone placed elsewhere, and the reason is printed as the test's name.
    it.skip(`needs ${dataRoot} (Pol.is open data) — not found`, () => {});
    return;
  }
  const rows: { conversation: string; k: number; compared: number; ari: number; floor: number }[] = [];
  for (const conversation of conversations) {
    it(`${conversation}: adjusted Rand index with Pol.is's group-id is at least its floor`, () => {
      const directory = join(dataRoot, conversation);
      const imported = readPolisExport(directory);
      const polisGroups = readPolisGroups(directory);
      const k = new Set([...polisGroups.values()].filter((group) => group !== null)).size;
      const analysis = analyse(imported, { seed: 0, groupCount: k });
      const ours: number[] = [];
      const theirs: number[] = [];
      imported.participantIds.forEach((participantId, participant) => {
        const polisGroup = polisGroups.get(participantId);
        const ourGroup = analysis.groupOfParticipant[participant] as number;
        if (polisGroup === null || polisGroup === undefined || ourGroup < 0) return;
        ours.push(ourGroup);
        theirs.push(polisGroup);
      });
      const ari = adjustedRandIndex(ours, theirs);
      const floor = floors[conversation] ?? 0.05;
      rows.push({ conversation, k, compared: ours.length, ari: Number(ari.toFixed(3)), floor });
      expect(ours.length).toBeGreaterThan(0);
      expect(analysis.groups.count).toBe(k);
      expect(ari).toBeGreaterThanOrEqual(floor);
    });
  }
  it('prints the table', () => {
    console.table(rows);
    expect(rows.length).toBe(conversations.length);
  });
});
