// Checks on a built `DmnModel` before it is accepted: references resolve, the requirement graph
// has no cycle, decision tables are well-formed and every FEEL text parses. Each error names the
// element at fault so the modeller can find it.
import type { DmnDecisionTable, DmnExpression, DmnItemDefinition, DmnModel } from './dmn-model.ts';
import { ownValue } from './dmn-model.ts';
import { feelSyntaxError } from './dmn-feel.ts';
import type { DmnParseError } from './dmn-parse.ts';

type FeelText = { elementId: string | null; text: string; mode: 'expression' | 'unaryTests'; what: string };

function tableTexts(table: DmnDecisionTable, ownerId: string): FeelText[] {
  const owner = table.id ?? ownerId;
  const texts: FeelText[] = [];
  for (const input of table.inputs) {
    texts.push({ elementId: input.expressionId, text: input.expression, mode: 'expression', what: 'input expression' });
    if (input.inputValues !== null) texts.push({ elementId: input.id ?? owner, text: input.inputValues, mode: 'unaryTests', what: 'input values' });
  }
  for (const output of table.outputs) {
    if (output.outputValues !== null) texts.push({ elementId: output.id ?? owner, text: output.outputValues, mode: 'unaryTests', what: 'output values' });
    const fallback = output.defaultOutputEntry;
    if (fallback !== null) texts.push({ elementId: fallback.id ?? output.id ?? owner, text: fallback.text, mode: 'expression', what: 'default output entry' });
  }
  for (const rule of table.rules) {
    for (const e of rule.inputEntries) texts.push({ elementId: e.id ?? rule.id ?? owner, text: e.text, mode: 'unaryTests', what: 'input entry' });
    for (const e of rule.outputEntries) {
      // An empty output cell means null; anything else must parse.
      if (e.text.trim() !== '') texts.push({ elementId: e.id ?? rule.id ?? owner, text: e.text, mode: 'expression', what: 'output entry' });
    }
  }
  return texts;
}

function expressionTexts(expr: DmnExpression | null, ownerId: string): FeelText[] {
  if (expr === null) return [];
  switch (expr.kind) {
    case 'literalExpression':
      return [{ elementId: expr.id ?? ownerId, text: expr.text, mode: 'expression', what: 'literal expression' }];
    case 'decisionTable':
      return tableTexts(expr, ownerId);
    case 'invocation':
      return [
        { elementId: expr.id ?? ownerId, text: expr.calledFunction, mode: 'expression', what: 'invoked function name' },
        ...expr.bindings.flatMap((binding) => expressionTexts(binding.expression, expr.id ?? ownerId)),
      ];
  }
}

function tableShapeErrors(table: DmnDecisionTable, ownerId: string): DmnParseError[] {
  const elementId = table.id ?? ownerId;
  const errors: DmnParseError[] = [];
  if (table.outputs.length === 0) errors.push({ elementId, message: 'the decision table has no output column' });
  if (table.outputs.length > 1) {
    const names = table.outputs.map((o) => o.name);
    if (names.some((n) => n === null || n === '')) errors.push({ elementId, message: 'every output of a multi-output decision table needs a name' });
    if (new Set(names).size !== names.length) errors.push({ elementId, message: 'two outputs of the decision table have the same name' });
  }
  if (table.aggregation !== null && table.hitPolicy !== 'COLLECT') {
    errors.push({ elementId, message: `aggregation ${table.aggregation} is only allowed with the COLLECT hit policy` });
  }
  if (table.aggregation !== null && table.outputs.length > 1) {
    errors.push({ elementId, message: `aggregation ${table.aggregation} needs a single output column` });
  }
  table.rules.forEach((rule, index) => {
    if (rule.inputEntries.length !== table.inputs.length || rule.outputEntries.length !== table.outputs.length) {
      errors.push({
        elementId: rule.id ?? elementId,
        message: `rule ${index + 1} has ${rule.inputEntries.length} input and ${rule.outputEntries.length} output entries; the table has ${table.inputs.length} inputs and ${table.outputs.length} outputs`,
      });
    }
  });
  return errors;
}

function shapeErrors(expr: DmnExpression | null, ownerId: string): DmnParseError[] {
  if (expr === null) return [];
  if (expr.kind === 'decisionTable') return tableShapeErrors(expr, ownerId);
  if (expr.kind === 'invocation') return expr.bindings.flatMap((b) => shapeErrors(b.expression, expr.id ?? ownerId));
  return [];
}

function referenceErrors(model: DmnModel): DmnParseError[] {
  const errors: DmnParseError[] = [];
  const check = (ownerId: string, ids: readonly string[], table: Record<string, unknown>, kind: string): void => {
    for (const id of ids) {
      if (ownValue(table, id) === undefined) errors.push({ elementId: ownerId, message: `required ${kind} "${id}" does not exist in this model` });
    }
  };
  for (const d of Object.values(model.decisions)) {
    check(d.id, d.requiredDecisions, model.decisions, 'decision');
    check(d.id, d.requiredInputs, model.inputData, 'input data');
    check(d.id, d.requiredKnowledge, model.knowledgeModels, 'business knowledge model');
  }
  for (const k of Object.values(model.knowledgeModels)) check(k.id, k.requiredKnowledge, model.knowledgeModels, 'business knowledge model');
  return errors;
}

/** Cycles through information and knowledge requirements, each reported once. */
function cycleErrors(model: DmnModel): DmnParseError[] {
  const edges = new Map<string, string[]>();
  const names = new Map<string, string>();
  for (const d of Object.values(model.decisions)) {
    edges.set(d.id, [...d.requiredDecisions, ...d.requiredKnowledge]);
    names.set(d.id, d.name);
  }
  for (const k of Object.values(model.knowledgeModels)) {
    edges.set(k.id, k.requiredKnowledge);
    names.set(k.id, k.name);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const errors: DmnParseError[] = [];
  const visit = (id: string, path: string[]): void => {
    const seen = state.get(id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id].map((n) => `"${names.get(n) ?? n}"`);
      errors.push({ elementId: id, message: `requirement cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const next of edges.get(id) ?? []) if (edges.has(next)) visit(next, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of edges.keys()) visit(id, []);
  return errors;
}

/** Every name a FEEL text in this model may use, so names with spaces parse as one name. */
function namesInScope(model: DmnModel): string[] {
  const names = new Set<string>();
  for (const d of Object.values(model.decisions)) names.add(d.variableName);
  for (const i of Object.values(model.inputData)) names.add(i.variableName);
  for (const k of Object.values(model.knowledgeModels)) {
    names.add(k.variableName);
    for (const p of k.parameters) names.add(p.name);
  }
  return [...names].filter((n) => n !== '');
}

/** All reasons to refuse `model`; empty when it can be evaluated. Pure. */
export function validateModel(model: DmnModel): DmnParseError[] {
  const errors = [...referenceErrors(model), ...cycleErrors(model)];
  const texts: FeelText[] = [];
  for (const d of Object.values(model.decisions)) {
    errors.push(...shapeErrors(d.logic, d.id));
    texts.push(...expressionTexts(d.logic, d.id));
  }
  for (const k of Object.values(model.knowledgeModels)) {
    errors.push(...shapeErrors(k.body, k.id));
    texts.push(...expressionTexts(k.body, k.id));
  }
  const flatten = (def: DmnItemDefinition): DmnItemDefinition[] => [def, ...def.components.flatMap(flatten)];
  for (const item of Object.values(model.itemDefinitions)) {
    for (const def of flatten(item)) {
      if (def.allowedValues !== null) texts.push({ elementId: null, text: def.allowedValues, mode: 'unaryTests', what: `allowed values of type "${def.name}"` });
    }
  }
  const names = namesInScope(model);
  for (const t of texts) {
    const problem = feelSyntaxError(t.text, t.mode, names);
    if (problem !== null) errors.push({ elementId: t.elementId, message: `${t.what}: ${problem}` });
  }
  return errors;
}
