import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { TaskView } from '../engine/task.service.ts';
import { CamundaError } from './camunda-http.ts';
import { camundaDate } from './camunda-values.ts';

/** Camunda's ProcessDefinitionDto from a definition row. */
export function definitionDto(d: { id: string; key: string; version: number; name: string | null; deployment_id: string; resource_name: string }) {
  return {
    id: d.id,
    key: d.key,
    category: 'https://banklane.dev/bpmn',
    description: null,
    name: d.name,
    version: d.version,
    resource: d.resource_name,
    deploymentId: d.deployment_id,
    diagram: null,
    suspended: false,
    tenantId: null,
    versionTag: null,
    historyTimeToLive: null,
    startableInTasklist: true,
  };
}

/** Camunda's ProcessInstanceDto. */
export function instanceDto(base: string, i: { id: string; definitionId: string; businessKey: string | null; status: string }) {
  return {
    links: [{ method: 'GET', href: `${base}/process-instance/${i.id}`, rel: 'self' }],
    id: i.id,
    definitionId: i.definitionId,
    businessKey: i.businessKey,
    caseInstanceId: null,
    ended: i.status !== 'active',
    suspended: false,
    tenantId: null,
  };
}

/** Camunda's TaskDto. */
export function taskDto(t: TaskView, definitionId: string | null) {
  return {
    id: t.id,
    name: t.name,
    assignee: t.assignee,
    created: camundaDate(t.createdAt),
    lastUpdated: null,
    due: camundaDate(t.dueAt),
    followUp: camundaDate(t.followUpAt),
    delegationState: null,
    description: null,
    executionId: t.tokenId,
    owner: null,
    parentTaskId: null,
    priority: t.priority,
    processDefinitionId: definitionId,
    processInstanceId: t.instanceId,
    taskDefinitionKey: t.elementId,
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: false,
    formKey: t.formKey,
    camundaFormRef: null,
    tenantId: null,
  };
}

/** Definition ids of instances, for the DTOs that carry them. */
export async function definitionsOf(db: Kysely<Database>, instanceIds: string[]): Promise<Map<string, string>> {
  if (instanceIds.length === 0) return new Map();
  const rows = await db.selectFrom('process_instance').select(['id', 'definition_id']).where('id', 'in', instanceIds).execute();
  return new Map(rows.map((r) => [r.id, r.definition_id]));
}

/** Camunda's paging: `firstResult` and `maxResults` (capped at 500 per page here). */
export function paging(query: { firstResult?: number; maxResults?: number }): { offset: number; limit: number } {
  return { offset: query.firstResult ?? 0, limit: Math.min(query.maxResults ?? 500, 500) };
}

export const pagingSchema = {
  firstResult: { type: 'integer', minimum: 0, maximum: 10_000_000 },
  maxResults: { type: 'integer', minimum: 0, maximum: 100_000 },
  sortBy: { type: 'string', maxLength: 100 },
  sortOrder: { type: 'string', enum: ['asc', 'desc'] },
} as const;

/**
 * Camunda's sorting: `sortBy` (one of the endpoint's names) with `sortOrder`; both or neither.
 * Returns the column to sort by, or undefined for the default order.
 */
export function sorting<C extends string>(query: { sortBy?: string; sortOrder?: string }, columns: Record<string, C>): { by: C; desc: boolean } | undefined {
  if (!query.sortBy && !query.sortOrder) return undefined;
  if (!query.sortBy || !query.sortOrder) throw new CamundaError(400, 'InvalidRequestException', 'Only a single sorting parameter specified. sortBy and sortOrder required');
  const by = columns[query.sortBy];
  if (!by) throw new CamundaError(400, 'InvalidRequestException', `Cannot set query parameter 'sortBy' to value '${query.sortBy}'`);
  return { by, desc: query.sortOrder === 'desc' };
}
