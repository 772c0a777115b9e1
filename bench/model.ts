import { readFile } from 'node:fs/promises';

/** The benchmark process: start → exclusive gateway → user task "approve" or "handle" → end. */
export const MODEL = {
  file: 'start-gateway-task.bpmn',
  /** Same model, only the condition text rewritten for bpmn-engine's expression handler. */
  bpmnEngineFile: 'start-gateway-task.bpmn-engine.bpmn',
  processId: 'benchLoanRequest',
  /** Amounts above this go to "approve", the others (default flow) to "handle". */
  threshold: 50_000,
} as const;

/**
 * The amount instance `index` starts with: instances alternate between the two branches, so both
 * the condition and the default flow are taken and checked.
 */
export function amountFor(index: number): number {
  return index % 2 === 0 ? 1_000 : 80_000;
}

/** The user task instance `index` must reach. */
export function expectedTask(index: number): 'approve' | 'handle' {
  return amountFor(index) > MODEL.threshold ? 'approve' : 'handle';
}

export function readModel(file: string): Promise<string> {
  return readFile(new URL(`./models/${file}`, import.meta.url), 'utf8');
}
