// Evaluation of a compiled DmnModel: walks the decision requirement graph, evaluates each
// required decision once, exposes BKMs as FEEL functions, and records a trace for explaining
// the outcome. Pure: no I/O, no clock (FEEL's now()/today() aside, which models should avoid).
import { evaluateDecisionTable } from './dmn-decision-table.ts';
import type { RuleRef } from './dmn-decision-table.ts';
import { DecisionFailure, evaluateFeel, feelFunction, invokeFeelFunction, testUnary } from './dmn-feel.ts';
import type { FeelScope } from './dmn-feel.ts';
import type { DmnDecision, DmnExpression, DmnInputData, DmnKnowledgeModel, DmnModel, HitPolicy } from './dmn-model.ts';
import { findDecision, findItemDefinition, ownValue, setOwn } from './dmn-model.ts';

export type { RuleRef } from './dmn-decision-table.ts';

/**
 * What one decision (or a BKM body evaluated on its behalf) did, in evaluation order: required
 * decisions come before the decisions that need them. `knowledgeModelId` is set when the entry
 * is the body of a BKM invoked by `decisionId`.
 */
export type DecisionTrace = {
  decisionId: string;
  decisionName: string;
  knowledgeModelId: string | null;
  logic: DmnExpression['kind'];
  hitPolicy: HitPolicy | null;
  matchedRules: RuleRef[];
  selectedRules: RuleRef[];
  value: unknown;
  warnings: string[];
};

export type DecisionEvaluation =
  | { ok: true; value: unknown; trace: DecisionTrace[] }
  | { ok: false; error: { decisionId: string; message: string } };

type Run = {
  model: DmnModel;
  input: Record<string, unknown>;
  results: Map<string, unknown>;
  trace: DecisionTrace[];
  functions: Map<string, unknown>;
  /** The decision being evaluated, to which BKM trace entries are attributed. */
  current: DmnDecision | null;
  depth: number;
};

type Outcome = { value: unknown; matchedRules: RuleRef[]; selectedRules: RuleRef[]; warnings: string[] };

/** BKMs may recurse through FEEL; this bounds runaway recursion well below the JS stack limit. */
const MAX_CALL_DEPTH = 200;

function evaluateExpression(run: Run, expr: DmnExpression, scope: FeelScope, ownerId: string): Outcome {
  switch (expr.kind) {
    case 'literalExpression': {
      const { value, warnings } = evaluateFeel(expr.text, scope, expr.id ?? ownerId);
      return { value, matchedRules: [], selectedRules: [], warnings };
    }
    case 'decisionTable':
      return evaluateDecisionTable(expr, scope);
    case 'invocation': {
      const elementId = expr.id ?? ownerId;
      const called = evaluateFeel(expr.calledFunction, scope, elementId);
      const warnings = [...called.warnings];
      const args: Record<string, unknown> = {};
      for (const binding of expr.bindings) {
        const bound = binding.expression === null ? null : evaluateExpression(run, binding.expression, scope, elementId);
        if (bound) warnings.push(...bound.warnings);
        setOwn(args, binding.parameter, bound?.value ?? null);
      }
      return { value: invokeFeelFunction(called.value, args, elementId), matchedRules: [], selectedRules: [], warnings };
    }
  }
}

function record(run: Run, expr: DmnExpression, outcome: Outcome, decision: DmnDecision, bkm: DmnKnowledgeModel | null): void {
  run.trace.push({
    decisionId: decision.id,
    decisionName: decision.name,
    knowledgeModelId: bkm?.id ?? null,
    logic: expr.kind,
    hitPolicy: expr.kind === 'decisionTable' ? expr.hitPolicy : null,
    matchedRules: outcome.matchedRules,
    selectedRules: outcome.selectedRules,
    value: outcome.value,
    warnings: [...new Set(outcome.warnings)],
  });
}

/** The BKM as a FEEL function value: its parameters bound by position or by name. */
function knowledgeFunction(run: Run, bkm: DmnKnowledgeModel): unknown {
  const cached = run.functions.get(bkm.id);
  if (cached !== undefined) return cached;
  const fn = feelFunction(
    bkm.parameters.map((p) => p.name),
    (...args: unknown[]) => {
      if (bkm.body === null) throw new DecisionFailure(`business knowledge model "${bkm.name}" has no body`, bkm.id);
      if (run.depth >= MAX_CALL_DEPTH) throw new DecisionFailure(`business knowledge model "${bkm.name}" recursed more than ${MAX_CALL_DEPTH} times`, bkm.id);
      const scope = knowledgeScope(run, bkm);
      bkm.parameters.forEach((p, i) => setOwn<unknown>(scope, p.name, args[i] ?? null));
      run.depth++;
      try {
        const outcome = evaluateExpression(run, bkm.body, scope, bkm.id);
        if (run.current) record(run, bkm.body, outcome, run.current, bkm);
        return outcome.value;
      } finally {
        run.depth--;
      }
    },
  );
  run.functions.set(bkm.id, fn);
  return fn;
}

/** A BKM sees the BKMs it requires and itself (for recursion), not the decision's inputs. */
function knowledgeScope(run: Run, bkm: DmnKnowledgeModel): FeelScope {
  const scope: FeelScope = {};
  for (const id of [...bkm.requiredKnowledge, bkm.id]) {
    const required = ownValue(run.model.knowledgeModels, id);
    if (required) setOwn(scope, required.variableName, knowledgeFunction(run, required));
  }
  return scope;
}

/**
 * The value of an input data element: the caller's value, or null when absent or when it is
 * outside the `allowedValues` of its item definition (DMN's type conformance: a value that does
 * not conform to its declared type is null). Nothing is coerced.
 */
function inputValue(run: Run, data: DmnInputData, warnings: string[]): unknown {
  const raw = ownValue(run.input, data.variableName) ?? null;
  if (raw === null) return null;
  let typeRef = data.typeRef;
  for (let hops = 0; hops < 10; hops++) {
    const type = findItemDefinition(run.model, typeRef);
    if (!type) return raw;
    if (type.allowedValues !== null) {
      const values = type.isCollection && Array.isArray(raw) ? raw : [raw];
      const allowed = values.every((v) => testUnary(type.allowedValues ?? '-', v, {}, data.id).value === true);
      if (!allowed) {
        warnings.push(`input "${data.name}" is not allowed by type "${type.name}" (${type.allowedValues}); it is taken as null`);
        return null;
      }
    }
    typeRef = type.typeRef;
  }
  return raw;
}

function evaluateRequiredDecision(run: Run, decision: DmnDecision): unknown {
  if (run.results.has(decision.id)) return run.results.get(decision.id);
  const scope: FeelScope = { ...run.input };
  const warnings: string[] = [];
  for (const id of decision.requiredDecisions) {
    const required = ownValue(run.model.decisions, id);
    if (required) setOwn(scope, required.variableName, evaluateRequiredDecision(run, required));
  }
  for (const id of decision.requiredInputs) {
    const data = ownValue(run.model.inputData, id);
    if (data) setOwn(scope, data.variableName, inputValue(run, data, warnings));
  }
  for (const id of decision.requiredKnowledge) {
    const bkm = ownValue(run.model.knowledgeModels, id);
    if (bkm) setOwn(scope, bkm.variableName, knowledgeFunction(run, bkm));
  }
  if (decision.logic === null) throw new DecisionFailure(`decision "${decision.name}" has no decision logic`, decision.id);
  const outer = run.current;
  run.current = decision;
  try {
    const outcome = evaluateExpression(run, decision.logic, scope, decision.id);
    outcome.warnings.unshift(...warnings);
    record(run, decision.logic, outcome, decision, null);
    run.results.set(decision.id, outcome.value);
    return outcome.value;
  } catch (error) {
    if (error instanceof DecisionFailure && error.decisionId === null) error.decisionId = decision.id;
    throw error;
  } finally {
    run.current = outer;
  }
}

/**
 * Evaluates the decision with this id (or name) after the decisions it requires, each once.
 * `input` holds input data by name; names the model does not declare are visible too, as
 * Camunda-style tables read process variables directly. Failures are values: an unknown
 * decision, a violated hit policy, a FEEL error feelin cannot turn into null. A failure names
 * the decision where it happened, which may be a required decision. Retrying the same call
 * gives the same result.
 */
export function evaluateDecision(model: DmnModel, decisionIdOrName: string, input: Record<string, unknown>): DecisionEvaluation {
  const decision = findDecision(model, decisionIdOrName);
  if (!decision) {
    return { ok: false, error: { decisionId: decisionIdOrName, message: `no decision with id or name "${decisionIdOrName}" in this model` } };
  }
  const run: Run = { model, input, results: new Map(), trace: [], functions: new Map(), current: null, depth: 0 };
  try {
    const value = evaluateRequiredDecision(run, decision);
    return { ok: true, value, trace: run.trace };
  } catch (error) {
    if (error instanceof DecisionFailure) {
      const where = error.elementId !== null && error.elementId !== error.decisionId ? ` (element ${error.elementId})` : '';
      return { ok: false, error: { decisionId: error.decisionId ?? decision.id, message: `${error.message}${where}` } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { decisionId: decision.id, message: `evaluation failed: ${message}` } };
  }
}
