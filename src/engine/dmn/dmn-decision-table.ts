// Decision table semantics (DMN 1.3 §8): match rules, then apply the hit policy. Pure; failures
// (UNIQUE with two matches, ANY with different outputs) are thrown as DecisionFailure and turned
// into values by `evaluateDecision`.
import type { DmnDecisionTable, DmnEntry, DmnOutputClause } from './dmn-model.ts';
import { setOwn } from './dmn-model.ts';
import { DecisionFailure, evaluateFeel, feelEquals, splitUnaryTests, testUnary } from './dmn-feel.ts';
import type { FeelScope } from './dmn-feel.ts';

/** A rule of the table: `index` is 0-based (show `index + 1` to people), `id` the XML id. */
export type RuleRef = { index: number; id: string | null };

/**
 * The result of one table evaluation. `matchedRules` are all rules whose input entries hold;
 * `selectedRules` those whose outputs make up the value (e.g. only the first for FIRST).
 */
export type TableOutcome = { value: unknown; matchedRules: RuleRef[]; selectedRules: RuleRef[]; warnings: string[] };

type Row = { rule: RuleRef; outputs: unknown[] };

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value) ?? String(value);
  return String(value);
}

function rowValue(table: DmnDecisionTable, outputs: readonly unknown[]): unknown {
  if (table.outputs.length === 1) return outputs[0] ?? null;
  const context: Record<string, unknown> = {};
  table.outputs.forEach((o, k) => setOwn(context, o.name ?? `output ${k + 1}`, outputs[k] ?? null));
  return context;
}

function evaluateEntry(e: DmnEntry | null | undefined, scope: FeelScope, warnings: string[]): unknown {
  if (!e) return null;
  const result = evaluateFeel(e.text, scope, e.id);
  warnings.push(...result.warnings);
  return result.value;
}

/** Null when every output is allowed by its `outputValues`; otherwise the reason. */
function outputViolation(table: DmnDecisionTable, outputs: readonly unknown[], scope: FeelScope): string | null {
  for (const [k, clause] of table.outputs.entries()) {
    const value = outputs[k] ?? null;
    if (clause.outputValues === null || value === null) continue;
    if (testUnary(clause.outputValues, value, scope, clause.id).value !== true) {
      return `output ${describe(value)} of column "${clause.name ?? clause.label ?? k + 1}" is not one of its output values ${clause.outputValues}`;
    }
  }
  return null;
}

/** Rank of a value in an output column: position of the first output value it satisfies. */
function rank(clause: DmnOutputClause, value: unknown, scope: FeelScope): number {
  const tests = clause.outputValues === null ? null : splitUnaryTests(clause.outputValues);
  if (tests === null) return 0;
  const found = tests.findIndex((t) => testUnary(t, value, scope, clause.id).value === true);
  return found === -1 ? tests.length : found;
}

/** Rows sorted by decreasing priority (PRIORITY, OUTPUT ORDER); ties keep rule order. */
function byPriority(table: DmnDecisionTable, rows: readonly Row[], scope: FeelScope): Row[] {
  const keyed = rows.map((row) => ({ row, key: table.outputs.map((clause, k) => rank(clause, row.outputs[k] ?? null, scope)) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < a.key.length; k++) {
      const diff = (a.key[k] ?? 0) - (b.key[k] ?? 0);
      if (diff !== 0) return diff;
    }
    return a.row.rule.index - b.row.rule.index;
  });
  return keyed.map((k) => k.row);
}

function ruleList(rows: readonly Row[]): string {
  return rows.map((r) => `${r.rule.index + 1}${r.rule.id === null ? '' : ` (${r.rule.id})`}`).join(', ');
}

function aggregate(table: DmnDecisionTable, rows: readonly Row[], scope: FeelScope, warnings: string[]): unknown {
  const values = rows.map((r) => r.outputs[0] ?? null);
  const fn = { SUM: 'sum', MIN: 'min', MAX: 'max', COUNT: 'count' }[table.aggregation ?? 'COUNT'];
  const result = evaluateFeel(`${fn}(collected outputs)`, { ...scope, 'collected outputs': values }, table.id);
  warnings.push(...result.warnings);
  return result.value;
}

/** Applies the hit policy to the matched rows (in rule order, at least one). */
function applyHitPolicy(table: DmnDecisionTable, rows: Row[], scope: FeelScope, warnings: string[]): { value: unknown; selected: Row[] } {
  const first = rows[0];
  if (!first) return { value: null, selected: [] };
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (rows.length > 1) throw new DecisionFailure(`hit policy UNIQUE violated: rules ${ruleList(rows)} all match`, table.id);
      return { value: rowValue(table, first.outputs), selected: [first] };
    case 'FIRST':
      return { value: rowValue(table, first.outputs), selected: [first] };
    case 'ANY': {
      const other = rows.find((r) => !feelEquals(rowValue(table, r.outputs), rowValue(table, first.outputs)));
      if (other) throw new DecisionFailure(`hit policy ANY violated: rules ${ruleList([first, other])} match with different outputs`, table.id);
      return { value: rowValue(table, first.outputs), selected: rows };
    }
    case 'PRIORITY': {
      const best = byPriority(table, rows, scope)[0] ?? first;
      return { value: rowValue(table, best.outputs), selected: [best] };
    }
    case 'OUTPUT ORDER': {
      const sorted = byPriority(table, rows, scope);
      return { value: sorted.map((r) => rowValue(table, r.outputs)), selected: sorted };
    }
    case 'RULE ORDER':
      return { value: rows.map((r) => rowValue(table, r.outputs)), selected: rows };
    case 'COLLECT':
      if (table.aggregation !== null) return { value: aggregate(table, rows, scope, warnings), selected: rows };
      return { value: rows.map((r) => rowValue(table, r.outputs)), selected: rows };
  }
}

/** The value when no rule matches: the default output entries, or null without any. */
function noMatch(table: DmnDecisionTable, scope: FeelScope, warnings: string[]): unknown {
  if (table.outputs.every((o) => o.defaultOutputEntry === null)) return null;
  const outputs = table.outputs.map((o) => evaluateEntry(o.defaultOutputEntry, scope, warnings));
  const value = rowValue(table, outputs);
  const multiple = ['RULE ORDER', 'OUTPUT ORDER'].includes(table.hitPolicy) || (table.hitPolicy === 'COLLECT' && table.aggregation === null);
  return multiple ? [value] : value;
}

/**
 * Evaluates a decision table over `scope` (the names visible to the decision). Input entries
 * are FEEL unary tests on the input value (`?`); output entries are FEEL expressions. An input
 * outside its `inputValues`, or an output outside its `outputValues`, makes the result null
 * with a warning saying why. Throws DecisionFailure when the hit policy is violated.
 */
export function evaluateDecisionTable(table: DmnDecisionTable, scope: FeelScope): TableOutcome {
  const warnings: string[] = [];
  const inputs = table.inputs.map((input) => {
    const result = evaluateFeel(input.expression, scope, input.expressionId);
    warnings.push(...result.warnings);
    return result.value;
  });
  for (const [k, clause] of table.inputs.entries()) {
    const value = inputs[k] ?? null;
    if (clause.inputValues === null || value === null) continue;
    if (testUnary(clause.inputValues, value, scope, clause.id).value !== true) {
      warnings.push(`input ${describe(value)} of column "${clause.label ?? clause.expression}" is not one of its input values ${clause.inputValues}; the table gives null`);
      return { value: null, matchedRules: [], selectedRules: [], warnings };
    }
  }
  const matched: RuleRef[] = [];
  table.rules.forEach((rule, index) => {
    const holds = table.inputs.every((_, k) => {
      const cell = rule.inputEntries[k];
      if (!cell) return true;
      const result = testUnary(cell.text, inputs[k] ?? null, scope, cell.id);
      return result.value === true;
    });
    if (holds) matched.push({ index, id: rule.id });
  });
  if (matched.length === 0) return { value: noMatch(table, scope, warnings), matchedRules: [], selectedRules: [], warnings };
  if (table.hitPolicy === 'UNIQUE' && matched.length > 1) {
    const rows = matched.map((rule) => ({ rule, outputs: [] }));
    throw new DecisionFailure(`hit policy UNIQUE violated: rules ${ruleList(rows)} all match`, table.id);
  }
  const needed = table.hitPolicy === 'FIRST' ? matched.slice(0, 1) : matched;
  const rows: Row[] = needed.map((rule) => ({
    rule,
    outputs: table.outputs.map((_, k) => evaluateEntry(table.rules[rule.index]?.outputEntries[k], scope, warnings)),
  }));
  for (const row of rows) {
    const violation = outputViolation(table, row.outputs, scope);
    if (violation !== null) {
      warnings.push(`rule ${row.rule.index + 1}: ${violation}; the table gives null`);
      return { value: null, matchedRules: matched, selectedRules: [], warnings };
    }
  }
  const { value, selected } = applyHitPolicy(table, rows, scope, warnings);
  return { value, matchedRules: matched, selectedRules: selected.map((r) => r.rule), warnings };
}
