import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { parseDmn } from '../dmn/dmn-parse.ts';
import type { DmnModel } from '../dmn/dmn-model.ts';
import { compileBpmn } from '../model/bpmn-compile.ts';
import type { ModelProblem, ProcessModel } from '../model/process-model.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type Resource = { name: string; content: string };

export type DeployedDefinition = {
  id: string;
  key: string;
  version: number;
  name: string | null;
  kind: 'process' | 'decision';
  resourceName: string;
  /** False when duplicate filtering found this exact definition already deployed. */
  isNew: boolean;
};

export type DeployOutcome =
  | { ok: true; deploymentId: string | null; definitions: DeployedDefinition[]; warnings: ModelProblem[] }
  | { ok: false; problems: (ModelProblem & { resource: string })[] };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Parsed and compiled resources, before anything is written. */
type Compiled = { resource: Resource; processes: ProcessModel[]; decisions: { key: string; name: string | null; model: DmnModel }[]; warnings: ModelProblem[] };

async function compileResource(resource: Resource): Promise<{ ok: true; value: Compiled } | { ok: false; problems: ModelProblem[] }> {
  if (/\.dmn$/i.test(resource.name) || /<(\w+:)?definitions[^>]*dmn/i.test(resource.content.slice(0, 2000))) {
    if (/<!DOCTYPE|<!ENTITY/i.test(resource.content)) return { ok: false, problems: [{ elementId: 'definitions', reason: 'DOCTYPE and entity declarations are not accepted' }] };
    const parsed = await parseDmn(resource.content);
    if (!parsed.ok) return { ok: false, problems: parsed.errors.map((e) => ({ elementId: e.elementId ?? 'definitions', reason: e.message })) };
    const decisions = Object.values(parsed.model.decisions).map((d) => ({ key: d.id, name: d.name, model: parsed.model }));
    return { ok: true, value: { resource, processes: [], decisions, warnings: [] } };
  }
  const compiled = await compileBpmn(resource.content);
  if (!compiled.ok) return { ok: false, problems: compiled.problems };
  return { ok: true, value: { resource, processes: compiled.value.processes, decisions: [], warnings: [...compiled.value.warnings, ...compiled.value.unsupported] } };
}

/**
 * Deploys BPMN and DMN resources as new versions of their processes and decisions. All resources
 * are checked first; any problem refuses the whole deployment (nothing is written). With duplicate
 * filtering, a definition whose content equals its latest version is not deployed again.
 */
export async function deploy(
  trx: Transaction<Database>,
  input: { id: string; name: string; source: string | null; deployedBy: string | null; resources: Resource[]; duplicateFiltering: boolean; now: Date; newId: () => string },
): Promise<DeployOutcome> {
  const compiled: Compiled[] = [];
  const problems: (ModelProblem & { resource: string })[] = [];
  for (const resource of input.resources) {
    const result = await compileResource(resource);
    if (result.ok) compiled.push(result.value);
    else problems.push(...result.problems.map((p) => ({ ...p, resource: resource.name })));
  }
  if (problems.length > 0) return { ok: false, problems };

  type Pending = { kind: 'process' | 'decision'; key: string; name: string | null; resourceName: string; model: unknown; hash: string; executable: boolean };
  const pending: Pending[] = [];
  for (const c of compiled) {
    for (const p of c.processes) pending.push({ kind: 'process', key: p.id, name: p.name, resourceName: c.resource.name, model: p, hash: sha256(JSON.stringify(p)), executable: p.executable });
    for (const d of c.decisions) pending.push({ kind: 'decision', key: d.key, name: d.name, resourceName: c.resource.name, model: d.model, hash: sha256(`${d.key}\n${JSON.stringify(d.model)}`), executable: true });
  }
  const definitions: DeployedDefinition[] = [];
  const fresh: (Pending & { version: number; id: string })[] = [];
  for (const p of pending) {
    const table = p.kind === 'process' ? 'process_definition' : 'decision_definition';
    const latest = await trx.selectFrom(table).select(['id', 'version', 'hash']).where('key', '=', p.key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (input.duplicateFiltering && latest?.hash === p.hash) {
      definitions.push({ id: latest.id, key: p.key, version: latest.version, name: p.name, kind: p.kind, resourceName: p.resourceName, isNew: false });
      continue;
    }
    const version = (latest?.version ?? 0) + 1;
    const id = `${p.key}:${version}:${input.newId().slice(0, 8)}`;
    fresh.push({ ...p, version, id });
    definitions.push({ id, key: p.key, version, name: p.name, kind: p.kind, resourceName: p.resourceName, isNew: true });
  }
  if (fresh.length === 0) return { ok: true, deploymentId: null, definitions, warnings: compiled.flatMap((c) => c.warnings) };

  await trx.insertInto('deployment').values({ id: input.id, name: input.name, source: input.source, deployed_by: input.deployedBy, deployed_at: input.now }).execute();
  await trx.insertInto('deployment_resource').values(compiled.map((c) => ({ deployment_id: input.id, name: c.resource.name, content: c.resource.content, hash: sha256(c.resource.content) }))).execute();
  for (const f of fresh) {
    const row = { id: f.id, key: f.key, version: f.version, name: f.name, deployment_id: input.id, resource_name: f.resourceName, model: JSON.stringify(f.model), hash: f.hash, deployed_at: input.now };
    if (f.kind === 'process') await trx.insertInto('process_definition').values({ ...row, executable: f.executable }).execute();
    else await trx.insertInto('decision_definition').values(row).execute();
  }
  return { ok: true, deploymentId: input.id, definitions, warnings: compiled.flatMap((c) => c.warnings) };
}

/**
 * Definitions never change once deployed, so each node keeps the compiled models it has read.
 * Latest versions are looked up in the database each time (another node may have deployed).
 */
export class DefinitionCache {
  private readonly processes = new Map<string, { key: string; version: number; model: ProcessModel }>();
  private readonly decisions = new Map<string, DmnModel>();

  async process(db: Db, definitionId: string): Promise<{ key: string; version: number; model: ProcessModel } | null> {
    const cached = this.processes.get(definitionId);
    if (cached) return cached;
    const row = await db.selectFrom('process_definition').select(['key', 'version', 'model']).where('id', '=', definitionId).executeTakeFirst();
    if (!row) return null;
    const entry = { key: row.key, version: row.version, model: row.model as ProcessModel };
    this.processes.set(definitionId, entry);
    return entry;
  }

  private readonly latest = new Map<string, { id: string; at: number }>();

  /**
   * The latest executable version of a process. Remembered for a second: a version deployed on
   * this node is used at once (`forget`), one deployed on another node within a second.
   */
  async latestProcessId(db: Db, key: string): Promise<string | null> {
    const cached = this.latest.get(key);
    if (cached && Date.now() - cached.at < 1000) return cached.id;
    const row = await db.selectFrom('process_definition').select('id').where('key', '=', key).where('executable', '=', true).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (row) this.latest.set(key, { id: row.id, at: Date.now() });
    return row?.id ?? null;
  }

  /** Drops what this node remembers of a key's latest version (after deploying a new one). */
  forget(key: string): void {
    this.latest.delete(key);
  }

  /** The latest version of each decision a model calls, loaded before a step (which is synchronous). */
  async decisionsFor(db: Db, model: ProcessModel): Promise<Map<string, DmnModel>> {
    const refs = new Set<string>();
    for (const node of Object.values(model.nodes)) if (node.implementation.kind === 'decision') refs.add(node.implementation.decisionRef);
    const result = new Map<string, DmnModel>();
    for (const ref of refs) {
      const row = await db.selectFrom('decision_definition').select(['id', 'model']).where('key', '=', ref).orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (!row) continue;
      let model = this.decisions.get(row.id);
      if (!model) {
        model = row.model as DmnModel;
        this.decisions.set(row.id, model);
      }
      result.set(ref, model);
    }
    return result;
  }
}
