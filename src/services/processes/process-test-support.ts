import assert from 'node:assert/strict';
import fs from 'node:fs';
import { StepRefusal, type Env, type TaskSpec } from '../../engine/core/index.ts';
import { evaluateDecision } from '../../engine/dmn/dmn-evaluate.ts';
import { parseDmn } from '../../engine/dmn/dmn-parse.ts';
import { compileBpmn } from '../../engine/model/bpmn-compile.ts';
import type { ModelProblem, ProcessModel } from '../../engine/model/process-model.ts';
import { MemoryEngine } from '../../engine/runtime/memory-engine.ts';

// What processes.test.ts drives the shipped models with: the models compiled once, a memory
// engine with stub handlers, and assertions on tasks and end events.

const FILES = ['personal-account-opening', 'personal-loan-application', 'card-loss-replacement', 'large-value-transfer', 'corporate-account-opening', 'survey-follow-up'];
const read = (name: string) => fs.readFileSync(new URL(name, import.meta.url), 'utf8');

/** The BPMN text of each shipped file, by file name without extension. */
export const xml = new Map(FILES.map((f) => [f, read(`${f}.bpmn`)]));

export const models: ProcessModel[] = [];
/** What the compiler noticed but accepted, by file. */
export const warnings = new Map<string, ModelProblem[]>();
for (const [file, text] of xml) {
  const result = await compileBpmn(text);
  if (!result.ok) throw new Error(`${file}.bpmn is refused: ${JSON.stringify(result.problems)}`);
  models.push(...result.value.processes);
  warnings.set(file, [...result.value.warnings, ...result.value.unsupported]);
}

export type Decide = NonNullable<Env['decide']>;

/**
 * The decision service over a DMN file, as the database runtime gives it to the core: a file name
 * in this folder, or a URL for one elsewhere (another module's decisions). Parsing is
 * asynchronous, so a test loads it once and hands it to `bank`.
 */
export async function decisionsOf(file: string | URL): Promise<Decide> {
  const url = new URL(file, import.meta.url);
  const parsed = await parseDmn(fs.readFileSync(url, 'utf8'));
  if (!parsed.ok) throw new Error(`${url.pathname} is refused: ${JSON.stringify(parsed.errors)}`);
  const dmn = parsed.model;
  return (ref, variables) => {
    const result = evaluateDecision(dmn, ref, variables);
    return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error.message };
  };
}

/** The decision service over loan-decisions.dmn. */
export const decide: Decide = await decisionsOf('loan-decisions.dmn');

export type Outcomes = { identityVerified?: boolean; committee?: string[] };

/**
 * A memory engine with every shipped model deployed, loan-decisions.dmn as its decision service
 * (or `decisions`, e.g. `await decisionsOf(url)` of another DMN file), and stub handlers that
 * record their calls (`notifyCustomer` with its notice: `notifyCustomer:loan_approved`) and what
 * each call saw.
 */
export function bank(outcomes: Outcomes = {}, decisions: Decide = decide) {
  const engine = new MemoryEngine();
  engine.deploy(...models);
  // MemoryEngine has no decision service of its own: give its environment one
  const internals = engine as unknown as { env: () => Env };
  const base = internals.env.bind(engine);
  internals.env = () => ({ ...base(), decide: decisions });
  const calls: string[] = [];
  /** The instance's variables as each call saw them (an ended instance keeps none). */
  const seen = new Map<string, Record<string, unknown>>();
  const stub = (name: string, result: Record<string, unknown> = {}) =>
    engine.handlers.set(name, (variables) => {
      const call = name === 'notifyCustomer' ? `notifyCustomer:${String(variables.notice)}` : name;
      calls.push(call);
      seen.set(call, variables);
      return result;
    });
  const verified = outcomes.identityVerified ?? true;
  stub('identityCheck', { identityVerified: verified, identityIssues: verified ? [] : ['id_expired'], identityReview: false });
  stub('creditCommittee', { committee: outcomes.committee ?? ['li', 'wang', 'zhao'] });
  stub('coreOpenAccount', { accountNumber: '6217000012345678901' });
  stub('coreDisburseLoan', { disbursementRef: 'LN000000000001' });
  stub('coreTransfer', { transferRef: 'TR000000000001' });
  stub('coreBlockCard', { cardBlocked: true });
  stub('coreReplaceCard', { newCardMasked: '6217 **** **** 4321' });
  stub('notifyCustomer');
  return { engine, calls, seen };
}

/** The start variables the server gives every case. */
export const START = { caseId: 'c1', caseRef: 'SC20260105-0001', serviceCode: 'svc', customerId: 'cust1', customerSegment: 'mass', channel: 'counter' };
/** A loan the branch may approve: 100,000 at 10 % debt to income, good history. */
export const LOAN = { amount: 100_000, monthlyIncome: 20_000, monthlyDebt: 2_000, creditHistory: 'good', termMonths: 36 };

export function start(engine: MemoryEngine, processId: string, variables: Record<string, unknown> = {}): string {
  return engine.start(processId, { ...START, ...variables }, { businessKey: START.caseRef });
}

export function taskAt(engine: MemoryEngine, id: string, elementId: string): TaskSpec {
  const tasks = engine.openTasks(id).filter((t) => t.elementId === elementId);
  assert.equal(tasks.length, 1, `one task at ${elementId}; waiting at ${engine.waitingAt(id).join(', ')}`);
  return tasks[0]!;
}

export type Expected = Partial<Pick<TaskSpec, 'candidateGroups' | 'assignee' | 'pool' | 'qualification' | 'gates' | 'notCompletedBy'>>;

/** Asserts where a task goes and what it requires (properties not given: none). */
export function assertTask(t: TaskSpec, expected: Expected): void {
  const want = { assignee: null, pool: null, qualification: null, gates: [], notCompletedBy: [], ...expected };
  const got = { candidateGroups: t.candidateGroups, assignee: t.assignee, pool: t.pool, qualification: t.qualification, gates: t.gates, notCompletedBy: t.notCompletedBy };
  assert.deepEqual(got, want, `task ${t.elementId}`);
  assert.ok(t.dueAt, `task ${t.elementId} has a due date`);
}

/** The one open task at `elementId`, asserted. */
export function expectTask(engine: MemoryEngine, id: string, elementId: string, expected: Expected): TaskSpec {
  const t = taskAt(engine, id, elementId);
  assertTask(t, expected);
  return t;
}

export function complete(engine: MemoryEngine, id: string, elementId: string, variables: Record<string, unknown> = {}, user = 'someone'): void {
  engine.completeTask(taskAt(engine, id, elementId).id, variables, user);
}

/** The end event the instance finished at (asserting that it finished). */
export function endedAt(engine: MemoryEngine, id: string): string {
  const instance = engine.instances.get(id)!;
  assert.equal(instance.status, 'completed', `instance ended; waiting at ${engine.waitingAt(id).join(', ')}`);
  const model = engine.models.get(instance.processId)!;
  const ends = engine.path(id).filter((el) => model.nodes[el]?.type === 'endEvent');
  assert.equal(ends.length, 1);
  return ends[0]!;
}

/** Variables of a running instance. */
export const vars = (engine: MemoryEngine, id: string) => engine.instances.get(id)!.scopes[id]!.variables;

/** How many times a task (or any element) was entered. */
export const timesEntered = (engine: MemoryEngine, id: string, elementId: string) => engine.history.filter((h) => h.instanceId === id && h.elementId === elementId && h.event === 'start').length;

export const refusedAsMakerChecker = (e: unknown) => e instanceof StepRefusal && e.code === 'maker_checker';

/** The fields of a task's embedded form: key, type and, for selects, the values. */
export function formFields(t: TaskSpec): [string, string, string[] | undefined][] {
  const schema = t.formSchema as { components: { key: string; type: string; values?: { value: string }[] }[] };
  return schema.components.map((c) => [c.key, c.type, c.values?.map((v) => v.value)]);
}

type Box = [x: number, y: number, width: number, height: number];

/** The diagram of a BPMN file: flow nodes by type, shape bounds and edge waypoint counts by element id. */
export function diagramOf(text: string) {
  const shapes = new Map<string, Box>();
  for (const m of text.matchAll(/<bpmndi:BPMNShape id="[^"]+" bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
    shapes.set(m[1]!, m.slice(2, 6).map(Number) as Box);
  }
  const waypoints = new Map<string, number>();
  for (const m of text.matchAll(/<bpmndi:BPMNEdge id="[^"]+" bpmnElement="([^"]+)">([\s\S]*?)<\/bpmndi:BPMNEdge>/g)) waypoints.set(m[1]!, (m[2]!.match(/<di:waypoint /g) ?? []).length);
  const ids = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
  const nodes = [...text.matchAll(/<bpmn:(\w+(?:Task|Event|Gateway)) id="([^"]+)"/g)].map((m) => ({ type: m[1]!, id: m[2]! }));
  return { nodes, shapes, waypoints, lanes: ids(/<bpmn:(?:lane|participant) id="([^"]+)"/g), flows: ids(/<bpmn:sequenceFlow id="([^"]+)"/g) };
}

/** Whether two boxes overlap (touching is not overlapping). */
export const overlap = ([ax, ay, aw, ah]: Box, [bx, by, bw, bh]: Box) => ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
