import { api, seg } from './client';

/** One decision as the engine evaluated it; rule indexes count from 0. */
export type DecisionTrace = {
  decisionId: string;
  decisionName: string | null;
  hitPolicy: string | null;
  matchedRules: { index: number; id: string | null }[];
  selectedRules: { index: number; id: string | null }[];
  value: unknown;
};

export type EvaluationResult = { value: unknown; trace: DecisionTrace[] };

export const decisionApi = {
  xml: (id: string, signal?: AbortSignal) => api.getText(`/decision-definitions/${seg(id)}/xml`, { signal }),
  /** Evaluates the latest version of the decision with the given variables. */
  evaluate: (key: string, variables: Record<string, unknown>) =>
    api.post<EvaluationResult>(`/decisions/${seg(key)}/evaluate`, { variables }),
};
