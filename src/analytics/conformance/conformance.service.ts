import type { ProcessModel } from '../../engine/model/process-model.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { findLog } from '../event-log.service.ts';
import { checkConformance } from './conformance.ts';
import { readVariants } from './conformance.queries.ts';
import type { LogFilter } from '../mining/log-filter.ts';
import { toWorkflowNet } from './workflow-net.ts';

/** Which deployed model to check against: a definition by id, or a process key and version (the latest by default). */
export type ModelChoice = { definitionId?: string; processKey?: string; version?: number };

const PROCESS_DEFINITION = { en: 'process definition', zh: '流程定义' };

/** The worst cases listed when the request names no limit. */
export const DEFAULT_WORST = 50;

/**
 * How well a log fits a deployed process model (token-based replay): the fitness, the cases that
 * fit, the tokens missing and remaining, and where the cases deviate. See docs/ANALYTICS.md.
 */
export async function conformance(deps: Deps, logId: string, choice: ModelChoice, limit = DEFAULT_WORST, filter: LogFilter = {}) {
  checkChoice(choice);
  const log = await findLog(deps, logId);
  const definition = await findDefinition(deps, choice);
  const net = toWorkflowNet(definition.model as ProcessModel);
  const variants = await readVariants(deps, log, definition.key, limit, filter);
  return { definition: { id: definition.id, key: definition.key, version: definition.version, name: definition.name }, ...checkConformance(net, variants, limit) };
}

function checkChoice(c: ModelChoice): void {
  const field = (name: string, en: string, zh: string) => new ValidationError([{ field: `querystring:/${name}`, message: { en, zh } }]);
  if (c.definitionId !== undefined && c.processKey !== undefined) throw field('processKey', 'Give either definitionId or processKey, not both.', 'definitionId 与 processKey 只能提供其一。');
  if (c.definitionId === undefined && c.processKey === undefined) throw field('definitionId', 'Name the process model to check against: definitionId, or processKey (and optionally version).', '请指定用于比对的流程模型：definitionId，或 processKey（可附 version）。');
  if (c.version !== undefined && c.processKey === undefined) throw field('version', 'A version goes with processKey; a definitionId already names one version.', 'version 须与 processKey 一起使用；definitionId 已指定具体版本。');
}

async function findDefinition(deps: Deps, c: ModelChoice) {
  let q = deps.db.selectFrom('process_definition').select(['id', 'key', 'version', 'name', 'model']);
  if (c.definitionId !== undefined) q = q.where('id', '=', c.definitionId);
  else {
    q = q.where('key', '=', c.processKey!);
    q = c.version !== undefined ? q.where('version', '=', c.version) : q.orderBy('version', 'desc').limit(1);
  }
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(PROCESS_DEFINITION, c.definitionId ?? `${c.processKey}${c.version !== undefined ? ` v${c.version}` : ''}`);
  return row;
}
