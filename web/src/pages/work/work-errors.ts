import { isApiError } from '../../api/client';
import { makerCheckerType } from '../../api/tasks.api';

/**
 * Why the server refused to complete a step, in the terms the drawer explains to the user.
 * `missing` lists the positions of mandatory materials not yet received.
 */
export type StepRefusal =
  | { type: 'makerChecker'; detail: string }
  | { type: 'notQualified'; detail: string }
  | { type: 'materials'; detail: string; missing: number[] }
  | { type: 'conflict'; detail: string };

/** The refusal a completion error stands for, or null for anything else (shown the usual way). */
export function stepRefusalOf(error: unknown): StepRefusal | null {
  if (!isApiError(error)) return null;
  const detail = error.detail ?? error.title;
  if (error.status === 403 && error.type.endsWith(makerCheckerType)) return { type: 'makerChecker', detail };
  if (error.status === 403 && error.type.endsWith('not_qualified')) return { type: 'notQualified', detail };
  if (error.status === 422) {
    const missing = error.errors
      .map((e) => /^\/materials\/(\d+)$/.exec(e.field)?.[1])
      .filter((p): p is string => p !== undefined)
      .map(Number);
    return { type: 'materials', detail, missing };
  }
  if (error.status === 409) return { type: 'conflict', detail };
  return null;
}
