import type { StoredAnalysisSummary } from '../contract/analysis.js';
import type { Analysis } from '../core/analysis/analyse.js';
import type { GroupAgreeRates } from '../core/analysis/common-ground.js';
import type { GroupTallies } from '../core/analysis/repness.js';
import { identityByGroup } from '../core/report/cross-tab.js';

/** Non-finite numbers (an empty group's rate) become 0, since JSON cannot carry NaN. */
const finite = (value: number | undefined): number => (value !== undefined && Number.isFinite(value) ? value : 0);

function cell(tallies: GroupTallies, rates: GroupAgreeRates, group: number, statement: number) {
  const index = group * tallies.statementCount + statement;
  return {
    agree: tallies.agree[index] ?? 0,
    disagree: tallies.disagree[index] ?? 0,
    pass: tallies.pass[index] ?? 0,
    agreeRate: finite(rates.rate[index]),
    lower: finite(rates.lower[index]),
    upper: finite(rates.upper[index]),
  };
}

/**
 * Turns an analysis (typed arrays over dense indices) into the stored summary keyed by domain ids:
 * per statement its consensus, common ground, bridging and per-group and per-declared-group rates,
 * and the opinion map as anonymous points.
 */
export function summariseAnalysis(
  analysis: Analysis,
  ids: { statementIds: readonly number[]; questionIds: readonly number[] },
  identityAnswers: ReadonlyArray<ArrayLike<number>> = [],
): StoredAnalysisSummary {
  const labels = analysis.groups.labels;
  const majority = new Map<number, 'agree' | 'disagree'>();
  for (const entry of analysis.majority.agree) majority.set(entry.statementIndex, 'agree');
  for (const entry of analysis.majority.disagree) majority.set(entry.statementIndex, 'disagree');
  const representativeFor = new Map<number, Array<{ label: number; repfulFor: 'agree' | 'disagree' }>>();
  analysis.representative.forEach((statements, group) => {
    for (const statement of statements) {
      const list = representativeFor.get(statement.statementIndex) ?? [];
      list.push({ label: labels[group] ?? group, repfulFor: statement.repfulFor });
      representativeFor.set(statement.statementIndex, list);
    }
  });

  let participantsInConversation = 0;
  for (const flag of analysis.inConversation) participantsInConversation += flag;

  return {
    seed: analysis.seed,
    participantCount: analysis.participantCount,
    participantsInConversation,
    groups: labels.map((label, group) => ({ label, size: analysis.groups.size[group] ?? 0 })),
    statements: Array.from({ length: analysis.statementCount }, (_, statement) => ({
      statementId: ids.statementIds[statement] ?? -1,
      active: analysis.activeStatements[statement] === 1,
      groupAwareConsensus: finite(analysis.statements.groupAwareConsensus[statement]),
      divisiveness: finite(analysis.statements.divisiveness[statement]),
      commonGround: analysis.statements.commonGround[statement] === 1,
      bridging: analysis.statements.bridging ? finite(analysis.statements.bridging[statement]) : null,
      priority: finite(analysis.statements.priority[statement]),
      majority: majority.get(statement) ?? null,
      representativeFor: representativeFor.get(statement) ?? [],
      groups: labels.map((label, group) => ({
        label,
        ...cell(analysis.groupTallies, analysis.groupAgreeRates, group, statement),
      })),
      identity: analysis.identity.map((question, questionPosition) => ({
        questionId: ids.questionIds[questionPosition] ?? -1,
        options: question.optionLabels.map((label, optionIndex) => ({
          optionIndex,
          label,
          ...cell(question.tallies, question.agreeRates, optionIndex, statement),
        })),
      })),
    })),
    points: Array.from({ length: analysis.participantCount }, (_, participant) => ({
      x: finite(analysis.x[participant]),
      y: finite(analysis.y[participant]),
      group:
        (analysis.groupOfParticipant[participant] ?? -1) >= 0
          ? (analysis.groupOfParticipant[participant] as number)
          : null,
    })).filter((_, participant) => analysis.inConversation[participant] === 1),
    projection: {
      center: Array.from(analysis.pca.center, finite),
      first: Array.from(analysis.pca.components[0], finite),
      second: Array.from(analysis.pca.components[1], finite),
    },
    identityGroups: analysis.identity.flatMap((question, questionPosition) => {
      const answers = identityAnswers[questionPosition];
      if (!answers) return [];
      return [
        {
          questionId: ids.questionIds[questionPosition] ?? -1,
          counts: identityByGroup(answers, question.optionLabels.length, analysis.groupOfParticipant, labels),
        },
      ];
    }),
  };
}
