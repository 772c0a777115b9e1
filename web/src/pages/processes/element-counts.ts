import { api } from '../../api/client';
import type { ElementCount } from '../../bpmn/BpmnDiagram';
import { useRequest } from '../../shared/use-request';

export type ElementCounts = {
  counts: Map<string, ElementCount>;
  /** Instances of this version within the user's reach, all of them counted. */
  counted: number;
};

type Statistics = { instances: number; items: { elementId: string; waiting: number; completed: number }[] };

async function loadCounts(definitionId: string, signal: AbortSignal): Promise<ElementCounts> {
  const stats = await api.get<Statistics>(`/process-definitions/${encodeURIComponent(definitionId)}/statistics`, { signal });
  const counts = new Map<string, ElementCount>(stats.items.map((i) => [i.elementId, { waiting: i.waiting, completed: i.completed }]));
  return { counts, counted: stats.instances };
}

/** Tokens waiting now and completed passes per element, for one process version (counted by the server). */
export function useElementCounts(definitionId: string | undefined) {
  return useRequest((signal) => loadCounts(definitionId ?? '', signal), [definitionId], {
    enabled: definitionId !== undefined,
    silent: true,
  });
}
