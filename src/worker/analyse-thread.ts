import type { StoredAnalysisSummary } from '../contract/analysis.js';
import { type Analysis, type AnalysisInput, type AnalysisOptions, analyse } from '../core/analysis/analyse.js';
import { summariseAnalysis } from './analysis-summary.js';

export interface AnalyseTask {
  input: AnalysisInput;
  options: AnalysisOptions;
  previous?: Analysis;
  ids: { statementIds: number[]; questionIds: number[] };
}

export interface AnalyseTaskResult {
  analysis: Analysis;
  summary: StoredAnalysisSummary;
}

/** Runs in a worker thread (piscina), so the maths never holds up a request. */
export default function runAnalyseTask(task: AnalyseTask): AnalyseTaskResult {
  const analysis = analyse(task.input, task.options, task.previous);
  const answers = (task.input.identityQuestions ?? []).map((question) => question.answers);
  return { analysis, summary: summariseAnalysis(analysis, task.ids, answers) };
}
