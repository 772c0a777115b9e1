// dmn-moddle objects → plain `DmnModel` data. Refuses here what only the XML can tell:
// expression languages, missing ids, boxed expressions the engine does not run.
import type { ModdleElement } from 'dmn-moddle';
import type {
  Aggregation,
  DmnDecision,
  DmnDecisionTable,
  DmnEntry,
  DmnExpression,
  DmnItemDefinition,
  DmnKnowledgeModel,
  DmnModel,
  HitPolicy,
} from './dmn-model.ts';
import { setOwn } from './dmn-model.ts';
import type { DmnParseError } from './dmn-parse.ts';

// FEEL's namespace in each DMN version, plus Camunda's short name.
const FEEL_LANGUAGES = new Set([
  'feel',
  'http://www.omg.org/spec/feel/20140401',
  'http://www.omg.org/spec/dmn/20180521/feel/',
  'https://www.omg.org/spec/dmn/20191111/feel/',
  'https://www.omg.org/spec/dmn/20211108/feel/',
  'https://www.omg.org/spec/dmn/20230324/feel/',
]);
const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

type Builder = { errors: DmnParseError[]; defaultLanguage: string | null };

function str(el: ModdleElement | null | undefined, key: string): string | null {
  const value = el?.[key];
  return typeof value === 'string' ? value : null;
}

function child(el: ModdleElement | null | undefined, key: string): ModdleElement | null {
  const value = el?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ModdleElement) : null;
}

function children(el: ModdleElement | null | undefined, key: string): ModdleElement[] {
  const value = el?.[key];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** `#id` → `id`; a reference into another model (`ns#id`) is kept whole and fails validation. */
function hrefId(ref: ModdleElement | null): string | null {
  const href = str(ref, 'href');
  if (href === null) return null;
  return href.startsWith('#') ? href.slice(1) : href;
}

/** `feel:string` → `string`; DMN 1.1 qualified built-in type names. */
function typeRef(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(/^(feel|FEEL|dmn):/, '');
}

function elementName(el: ModdleElement): string {
  return el.$type.replace(/^dmn:/, '').replace(/^./, (c) => c.toLowerCase());
}

/** Refuses a non-FEEL expression language on `el` (or inherited from the definitions). */
function checkLanguage(b: Builder, el: ModdleElement | null, ownerId: string | null): void {
  const language = str(el, 'expressionLanguage') ?? b.defaultLanguage;
  if (language === null || FEEL_LANGUAGES.has(language.trim().toLowerCase())) return;
  b.errors.push({
    elementId: str(el, 'id') ?? ownerId,
    message: `expression language "${language}" is not supported: write this ${el ? elementName(el) : 'expression'} in FEEL`,
  });
}

function entry(b: Builder, el: ModdleElement | null, ownerId: string | null): DmnEntry | null {
  if (el === null) return null;
  checkLanguage(b, el, ownerId);
  return { id: str(el, 'id'), text: str(el, 'text') ?? '' };
}

function unaryTestsText(b: Builder, el: ModdleElement | null, ownerId: string | null): string | null {
  return entry(b, el, ownerId)?.text ?? null;
}

function decisionTable(b: Builder, el: ModdleElement, ownerId: string): DmnDecisionTable {
  const id = str(el, 'id');
  const hitPolicyText = (str(el, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  const hitPolicy = HIT_POLICIES.includes(hitPolicyText) ? hitPolicyText : 'UNIQUE';
  if (hitPolicy !== hitPolicyText) b.errors.push({ elementId: id ?? ownerId, message: `unknown hit policy "${hitPolicyText}"` });
  const aggregationText = str(el, 'aggregation');
  const aggregation = AGGREGATIONS.find((a) => a === aggregationText) ?? null;
  if (aggregationText !== null && aggregation === null) b.errors.push({ elementId: id ?? ownerId, message: `unknown aggregation "${aggregationText}"` });
  const inputs = children(el, 'input').map((input) => {
    const expression = child(input, 'inputExpression');
    const inputId = str(input, 'id');
    checkLanguage(b, expression, inputId ?? id ?? ownerId);
    return {
      id: inputId,
      label: str(input, 'label'),
      expressionId: str(expression, 'id') ?? inputId ?? id ?? ownerId,
      expression: str(expression, 'text') ?? '',
      typeRef: typeRef(str(expression, 'typeRef')),
      inputValues: unaryTestsText(b, child(input, 'inputValues'), inputId ?? ownerId),
    };
  });
  const outputs = children(el, 'output').map((output) => {
    const outputId = str(output, 'id');
    return {
      id: outputId,
      name: str(output, 'name'),
      label: str(output, 'label'),
      typeRef: typeRef(str(output, 'typeRef')),
      outputValues: unaryTestsText(b, child(output, 'outputValues'), outputId ?? ownerId),
      defaultOutputEntry: entry(b, child(output, 'defaultOutputEntry'), outputId ?? ownerId),
    };
  });
  const rules = children(el, 'rule').map((rule) => {
    const ruleId = str(rule, 'id') ?? id ?? ownerId;
    return {
      id: str(rule, 'id'),
      inputEntries: children(rule, 'inputEntry').map((e) => entry(b, e, ruleId) ?? { id: null, text: '-' }),
      outputEntries: children(rule, 'outputEntry').map((e) => entry(b, e, ruleId) ?? { id: null, text: '' }),
    };
  });
  return { kind: 'decisionTable', id, hitPolicy, aggregation, inputs, outputs, rules };
}

/** Converts a boxed expression; null (with an error) for the kinds the engine does not run. */
function expression(b: Builder, el: ModdleElement | null, ownerId: string): DmnExpression | null {
  if (el === null) return null;
  const id = str(el, 'id');
  switch (el.$type) {
    case 'dmn:LiteralExpression':
      checkLanguage(b, el, ownerId);
      if (child(el, 'importedValues')) b.errors.push({ elementId: id ?? ownerId, message: 'imported values are not supported' });
      return { kind: 'literalExpression', id, text: str(el, 'text') ?? '', typeRef: typeRef(str(el, 'typeRef')) };
    case 'dmn:DecisionTable':
      return decisionTable(b, el, ownerId);
    case 'dmn:Invocation': {
      const called = child(el, 'calledFunction');
      if (called?.$type !== 'dmn:LiteralExpression') {
        b.errors.push({ elementId: id ?? ownerId, message: 'an invocation must name the invoked business knowledge model in a literal expression' });
        return null;
      }
      checkLanguage(b, called, id ?? ownerId);
      const bindings = children(el, 'binding').map((binding) => ({
        parameter: str(child(binding, 'parameter'), 'name') ?? '',
        expression: expression(b, child(binding, 'bindingFormula'), id ?? ownerId),
      }));
      return { kind: 'invocation', id, calledFunction: str(called, 'text') ?? '', bindings };
    }
    default:
      b.errors.push({
        elementId: id ?? ownerId,
        message: `boxed expression <${elementName(el)}> is not supported: use a decision table, a literal expression or an invocation`,
      });
      return null;
  }
}

function itemDefinition(el: ModdleElement): DmnItemDefinition {
  return {
    name: str(el, 'name') ?? '',
    typeRef: typeRef(str(el, 'typeRef')),
    allowedValues: str(child(el, 'allowedValues'), 'text'),
    isCollection: el['isCollection'] === true,
    components: children(el, 'itemComponent').map(itemDefinition),
  };
}

function requirements(el: ModdleElement, list: string, key: string): string[] {
  return children(el, list)
    .map((r) => hrefId(child(r, key)))
    .filter((id): id is string => id !== null);
}

function knowledgeModel(b: Builder, el: ModdleElement, id: string, name: string): DmnKnowledgeModel {
  const logic = child(el, 'encapsulatedLogic');
  const kind = str(logic, 'kind');
  if (kind !== null && kind.toUpperCase() !== 'FEEL') {
    b.errors.push({ elementId: str(logic, 'id') ?? id, message: `function kind "${kind}" is not supported: write the body in FEEL` });
  }
  return {
    id,
    name,
    variableName: str(child(el, 'variable'), 'name') ?? name,
    parameters: children(logic, 'formalParameter').map((p) => ({ name: str(p, 'name') ?? '', typeRef: typeRef(str(p, 'typeRef')) })),
    body: expression(b, child(logic, 'body'), id),
    requiredKnowledge: requirements(el, 'knowledgeRequirement', 'requiredKnowledge'),
  };
}

function decision(b: Builder, el: ModdleElement, id: string, name: string): DmnDecision {
  const variable = child(el, 'variable');
  return {
    id,
    name,
    variableName: str(variable, 'name') ?? name,
    typeRef: typeRef(str(variable, 'typeRef')),
    logic: expression(b, child(el, 'decisionLogic'), id),
    requiredDecisions: requirements(el, 'informationRequirement', 'requiredDecision'),
    requiredInputs: requirements(el, 'informationRequirement', 'requiredInput'),
    requiredKnowledge: requirements(el, 'knowledgeRequirement', 'requiredKnowledge'),
  };
}

/** Builds the model from dmn-moddle's `dmn:Definitions`, with the errors found on the way. */
export function buildModel(definitions: ModdleElement): { model: DmnModel; errors: DmnParseError[] } {
  const b: Builder = { errors: [], defaultLanguage: str(definitions, 'expressionLanguage') };
  const model: DmnModel = {
    id: str(definitions, 'id'),
    name: str(definitions, 'name'),
    namespace: str(definitions, 'namespace'),
    decisions: {},
    knowledgeModels: {},
    inputData: {},
    itemDefinitions: {},
  };
  for (const item of children(definitions, 'itemDefinition')) {
    const def = itemDefinition(item);
    setOwn(model.itemDefinitions, def.name, def);
  }
  const seen = new Set<string>();
  for (const el of children(definitions, 'drgElement')) {
    const id = str(el, 'id');
    const name = str(el, 'name') ?? id ?? '';
    if (el.$type === 'dmn:KnowledgeSource') continue; // documentation only: no runtime meaning
    if (id === null) {
      b.errors.push({ elementId: null, message: `${elementName(el)} "${name}" has no id: every decision, input and BKM needs one` });
      continue;
    }
    if (seen.has(id)) b.errors.push({ elementId: id, message: `id "${id}" is used twice` });
    seen.add(id);
    if (el.$type === 'dmn:Decision') setOwn(model.decisions, id, decision(b, el, id, name));
    else if (el.$type === 'dmn:BusinessKnowledgeModel') setOwn(model.knowledgeModels, id, knowledgeModel(b, el, id, name));
    else if (el.$type === 'dmn:InputData') {
      const variable = child(el, 'variable');
      setOwn(model.inputData, id, { id, name, variableName: str(variable, 'name') ?? name, typeRef: typeRef(str(variable, 'typeRef')) });
    } else b.errors.push({ elementId: id, message: `<${elementName(el)}> is not supported by this engine` });
  }
  return { model, errors: b.errors };
}
