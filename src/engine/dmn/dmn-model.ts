// The compiled DMN model: plain data, JSON-serialisable, stored as JSON in the database.
// `dmn-parse.ts` builds it from XML; `dmn-evaluate.ts` runs it. Nothing here refers back to the
// XML or to dmn-moddle objects, so a stored model evaluates without re-parsing the XML.

/** Hit policies of DMN 1.1–1.5 decision tables, in their XML spelling. */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

/** Aggregations allowed with the COLLECT hit policy. */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** A FEEL expression as written in a literal expression or a decision table output entry. */
export type DmnLiteralExpression = {
  kind: 'literalExpression';
  id: string | null;
  text: string;
  typeRef: string | null;
};

/** One cell of a decision table: FEEL unary tests (input) or a FEEL expression (output). */
export type DmnEntry = { id: string | null; text: string };

export type DmnInputClause = {
  id: string | null;
  label: string | null;
  /** Id of the `<inputExpression>` element, or of the clause when it has none. */
  expressionId: string | null;
  expression: string;
  typeRef: string | null;
  /** FEEL unary tests listing the allowed input values, if declared. */
  inputValues: string | null;
};

export type DmnOutputClause = {
  id: string | null;
  /** Key in the result context when the table has several outputs. */
  name: string | null;
  label: string | null;
  typeRef: string | null;
  /** FEEL unary tests listing the allowed output values; their order is the PRIORITY order. */
  outputValues: string | null;
  /** FEEL expression used when no rule matches. */
  defaultOutputEntry: DmnEntry | null;
};

export type DmnRule = { id: string | null; inputEntries: DmnEntry[]; outputEntries: DmnEntry[] };

export type DmnDecisionTable = {
  kind: 'decisionTable';
  id: string | null;
  hitPolicy: HitPolicy;
  aggregation: Aggregation | null;
  inputs: DmnInputClause[];
  outputs: DmnOutputClause[];
  rules: DmnRule[];
};

/** A parameter binding of an `<invocation>`; a binding without expression passes null. */
export type DmnBinding = { parameter: string; expression: DmnExpression | null };

/** An `<invocation>` of a business knowledge model (or any FEEL function) with named bindings. */
export type DmnInvocation = {
  kind: 'invocation';
  id: string | null;
  /** FEEL expression naming the function, normally the BKM's name. */
  calledFunction: string;
  bindings: DmnBinding[];
};

export type DmnExpression = DmnLiteralExpression | DmnDecisionTable | DmnInvocation;

export type DmnDecision = {
  id: string;
  name: string;
  /** Name under which the result is visible to the decisions that require this one. */
  variableName: string;
  typeRef: string | null;
  /** Null for a decision that only appears in the requirements graph; evaluating it fails. */
  logic: DmnExpression | null;
  /** Ids of required decisions, required input data and required knowledge (BKMs). */
  requiredDecisions: string[];
  requiredInputs: string[];
  requiredKnowledge: string[];
};

export type DmnParameter = { name: string; typeRef: string | null };

export type DmnKnowledgeModel = {
  id: string;
  name: string;
  /** Name under which the BKM is callable as a FEEL function. */
  variableName: string;
  parameters: DmnParameter[];
  body: DmnExpression | null;
  requiredKnowledge: string[];
};

export type DmnInputData = { id: string; name: string; variableName: string; typeRef: string | null };

export type DmnItemDefinition = {
  name: string;
  typeRef: string | null;
  /** FEEL unary tests the value must satisfy, if declared. */
  allowedValues: string | null;
  isCollection: boolean;
  components: DmnItemDefinition[];
};

export type DmnModel = {
  id: string | null;
  name: string | null;
  namespace: string | null;
  decisions: Record<string, DmnDecision>;
  knowledgeModels: Record<string, DmnKnowledgeModel>;
  inputData: Record<string, DmnInputData>;
  itemDefinitions: Record<string, DmnItemDefinition>;
};

/** The value stored under `key`, ignoring inherited properties such as `constructor`. */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores `value` under `key` as an own property, even for keys such as `__proto__`. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Finds a decision by id first, then by name, then by variable name. Ids are unique in a
 * model; names usually are, and the first decision in document order wins when they are not.
 */
export function findDecision(model: DmnModel, idOrName: string): DmnDecision | undefined {
  const byId = ownValue(model.decisions, idOrName);
  if (byId) return byId;
  const all = Object.values(model.decisions);
  return all.find((d) => d.name === idOrName) ?? all.find((d) => d.variableName === idOrName);
}

/** Finds a business knowledge model by id first, then by name. */
export function findKnowledgeModel(model: DmnModel, idOrName: string): DmnKnowledgeModel | undefined {
  return (
    ownValue(model.knowledgeModels, idOrName) ??
    Object.values(model.knowledgeModels).find((k) => k.name === idOrName)
  );
}

/** The item definition a `typeRef` names, without a `feel:` style prefix; undefined for built-ins. */
export function findItemDefinition(model: DmnModel, typeRef: string | null): DmnItemDefinition | undefined {
  if (typeRef === null) return undefined;
  return ownValue(model.itemDefinitions, typeRef);
}
