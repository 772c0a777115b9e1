import { compileBpmn } from '../model/bpmn-compile.ts';
import { MemoryEngine } from '../runtime/memory-engine.ts';

/** Compiles BPMN documents (throwing on any problem) and deploys them into a fresh memory engine. */
export async function engineWith(...documents: string[]): Promise<MemoryEngine> {
  const engine = new MemoryEngine();
  for (const xml of documents) {
    const result = await compileBpmn(xml);
    if (!result.ok) throw new Error(`model refused: ${JSON.stringify(result.problems)}`);
    engine.deploy(...result.value.processes);
  }
  return engine;
}

/** The single open task of an instance at `elementId` (fails loudly when there is not exactly one). */
export function taskAt(engine: MemoryEngine, instanceId: string, elementId: string): string {
  const tasks = engine.openTasks(instanceId).filter((t) => t.elementId === elementId);
  if (tasks.length !== 1) throw new Error(`expected one task at ${elementId}, found ${tasks.length}; waiting at ${engine.waitingAt(instanceId).join(', ')}`);
  return tasks[0]!.id;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
