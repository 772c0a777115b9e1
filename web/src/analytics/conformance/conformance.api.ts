import { api, seg } from '../../api/client';

/*
 * Conformance checking (`GET /event-logs/{id}/conformance`, src/analytics/conformance/): how well
 * a log fits a deployed process model, by token replay. It reads the whole log (of the model's
 * process, for Banklane's own logs): the case filter does not apply.
 */

/** Where replay went wrong: a place (between the elements `after` and `before`, names else ids) that lacked or kept tokens, or an activity the model lacks. */
export type Deviation =
  | { kind: 'missing' | 'remaining'; place: string; after: string | null; before: string | null; tokens: number }
  | { kind: 'notInModel'; activity: string; tokens: number };

export type CaseFit = { caseId: string; fitness: number; produced: number; consumed: number; missing: number; remaining: number; deviations: Deviation[] };

export type Conformance = {
  definition: { id: string; key: string; version: number; name: string | null };
  /** ½(1 − m/c) + ½(1 − r/p), 0…1; null for a log without cases. */
  fitness: number | null;
  cases: number;
  fittingCases: number;
  produced: number;
  consumed: number;
  missing: number;
  remaining: number;
  unmappedActivities: string[];
  /** Most cases first. */
  deviations: (Deviation & { cases: number })[];
  /** Least fitting first. */
  worst: CaseFit[];
};

/** Which model: a process key and a version (the latest when left out). */
export type ModelRef = { processKey: string; version?: number };

export const conformanceApi = {
  check: (logId: string, model: ModelRef, signal?: AbortSignal) =>
    api.get<Conformance>(`/event-logs/${seg(logId)}/conformance`, { query: { processKey: model.processKey, version: model.version, limit: 50 }, signal }),
};
