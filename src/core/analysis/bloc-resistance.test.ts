import { describe, expect, it } from 'vitest';
import { analyse } from './analyse.js';
import { DEFAULT_BRIDGING_THRESHOLD } from './bridging.js';
import { generateBridgingVotes, type PlantedStatement } from './bridging-synthetic.js';

/**
 * The proof, end to end through `analyse`: a coordinated bloc of 20% of participants who all
 * agree with a divisive statement gives it a raw majority, yet it does not become common ground and
 * its bridged support stays below the threshold; genuine cross-group agreement still qualifies.
 */
const commonGroundStatement = 0;
const divisiveStatement = 1;
const statements: PlantedStatement[] = [
  { agreeProbabilityByGroup: [0.88, 0.86] },
  { agreeProbabilityByGroup: [0.9, 0.1] },
  { agreeProbabilityByGroup: [0.8, 0.2] },
  { agreeProbabilityByGroup: [0.15, 0.85] },
  { agreeProbabilityByGroup: [0.7, 0.3] },
  { agreeProbabilityByGroup: [0.25, 0.75] },
  { agreeProbabilityByGroup: [0.5, 0.5] },
  { agreeProbabilityByGroup: [0.85, 0.15] },
];

function analyseWithBloc(otherwise: 'only-target' | number | undefined) {
  const conversation = generateBridgingVotes({
    participantCount: 400,
    groupShares: [0.5, 0.5],
    statements,
    votesPerParticipant: statements.length,
    passProbability: 0.05,
    seed: 11,
    ...(otherwise === undefined ? {} : { bloc: { size: 100, targetStatement: divisiveStatement, otherwise } }),
  });
  const { votes } = conversation;
  let agrees = 0;
  let seen = 0;
  for (let vote = 0; vote < votes.values.length; vote++) {
    if (votes.statementIndex[vote] !== divisiveStatement) continue;
    seen++;
    if (votes.values[vote] === 1) agrees++;
  }
  // Everyone declares a tradition matching their planted group; the bloc all claim tradition 0.
  const answers = Int32Array.from(conversation.participantGroups, (group) => Math.max(0, group));
  const analysis = analyse(
    {
      statements: statements.map((_, index) => ({ id: String(index) })),
      votes,
      identityQuestions: [{ id: 'tradition', optionLabels: ['Tradition A', 'Tradition B'], answers }],
    },
    { seed: 5, bridging: true },
  );
  return { analysis, rawAgreeRate: agrees / seen };
}

describe('a coordinated bloc cannot manufacture common ground', () => {
  for (const otherwise of ['only-target', 0] as const) {
    it(`bloc of 20% voting ${otherwise === 'only-target' ? 'only on the target' : 'as one side elsewhere'}`, () => {
      const { analysis, rawAgreeRate } = analyseWithBloc(otherwise);
      expect(rawAgreeRate).toBeGreaterThan(0.55);
      expect(analysis.statements.commonGround[divisiveStatement]).toBe(0);
      expect(analysis.statements.bridging?.[divisiveStatement]).toBeLessThan(DEFAULT_BRIDGING_THRESHOLD);
      expect(analysis.statements.commonGround[commonGroundStatement]).toBe(1);
      expect(analysis.statements.bridging?.[commonGroundStatement]).toBeGreaterThanOrEqual(DEFAULT_BRIDGING_THRESHOLD);
    });
  }

  it('without a bloc the same statements come out the same way', () => {
    const { analysis, rawAgreeRate } = analyseWithBloc(undefined);
    expect(rawAgreeRate).toBeLessThan(0.55);
    expect(analysis.statements.commonGround[divisiveStatement]).toBe(0);
    expect(analysis.statements.commonGround[commonGroundStatement]).toBe(1);
  });
});
