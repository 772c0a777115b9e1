import { processApi, type ProcessInstance } from '../../api/process.api';
import type { ElementCount } from '../../bpmn/BpmnDiagram';
import { useRequest } from '../../shared/use-request';

/** Only the latest instances are counted, so that a busy process does not flood the server. */
export const countedInstanceLimit = 100;
const parallelRequests = 6;

export type ElementCounts = {
  counts: Map<string, ElementCount>;
  /** Instances of this version among the latest `countedInstanceLimit` of the process. */
  counted: number;
  /** All instances of the process, any version. */
  total: number;
};

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function bump(counts: Map<string, ElementCount>, elementId: string, field: keyof ElementCount): void {
  const count = counts.get(elementId) ?? { waiting: 0, completed: 0 };
  count[field] += 1;
  counts.set(elementId, count);
}

async function loadCounts(processKey: string, definitionId: string, signal: AbortSignal): Promise<ElementCounts> {
  const page = await processApi.instances({ processKey, limit: countedInstanceLimit, offset: 0 }, signal);
  const mine = page.items.filter((i) => i.definitionId === definitionId);
  const counts = new Map<string, ElementCount>();
  await forEachLimited<ProcessInstance>(mine, parallelRequests, async (instance) => {
    const [detail, history] = await Promise.all([
      instance.status === 'active' ? processApi.instance(instance.id, signal) : Promise.resolve(null),
      processApi.history(instance.id, signal),
    ]);
    for (const token of detail?.tokens ?? []) bump(counts, token.elementId, 'waiting');
    for (const entry of history.items) if (entry.lifecycle === 'complete') bump(counts, entry.elementId, 'completed');
  });
  return { counts, counted: mine.length, total: page.total };
}

/** Tokens waiting now and completed passes per element, for one process version. */
export function useElementCounts(processKey: string, definitionId: string | undefined) {
  return useRequest((signal) => loadCounts(processKey, definitionId ?? '', signal), [processKey, definitionId], {
    enabled: definitionId !== undefined,
    silent: true,
  });
}
