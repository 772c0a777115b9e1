import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { evaluateDecision } from '../../engine/dmn/dmn-evaluate.ts';
import type { DmnModel } from '../../engine/dmn/dmn-model.ts';
import type { Product } from '../products/product.ts';
import type { CustomerFacts, EligibilityAnswer } from './suitability.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Deployed decision models by definition id: a deployed version never changes, so it is kept once read. */
const models = new Map<string, DmnModel>();

/**
 * The latest deployed version of each decision asked for, looked up once per judgement (a list of
 * products shares one): a new version deployed by the bank applies from the next judgement.
 */
export class DecisionLookup {
  private readonly latest = new Map<string, Promise<DmnModel | null>>();

  constructor(private readonly db: Db) {}

  model(key: string): Promise<DmnModel | null> {
    let found = this.latest.get(key);
    if (!found) {
      found = this.load(key);
      this.latest.set(key, found);
    }
    return found;
  }

  private async load(key: string): Promise<DmnModel | null> {
    const def = await this.db.selectFrom('decision_definition').select('id').where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!def) return null;
    const cached = models.get(def.id);
    if (cached) return cached;
    const row = await this.db.selectFrom('decision_definition').select('model').where('id', '=', def.id).executeTakeFirstOrThrow();
    models.set(def.id, row.model as DmnModel);
    return row.model as DmnModel;
  }
}

/** Answers already given by each deployed model, by decision and inputs: a decision is a pure function of them. */
const answers = new WeakMap<DmnModel, Map<string, ReturnType<typeof evaluateDecision>>>();
/** Answers kept per model: the inputs take few values (kind, age, product, term, salary account), so this holds them all. */
const MAX_ANSWERS = 100_000;

/**
 * The decision's answer for these inputs, evaluated once: ranking offers asks every product's
 * decision for every customer served, and customers share ages and kinds.
 */
function evaluated(model: DmnModel, key: string, inputs: Record<string, unknown>): ReturnType<typeof evaluateDecision> {
  let known = answers.get(model);
  if (!known) answers.set(model, (known = new Map()));
  const id = `${key}\u0000${JSON.stringify(inputs)}`;
  let answer = known.get(id);
  if (!answer) {
    answer = evaluateDecision(model, key, inputs);
    if (known.size >= MAX_ANSWERS) known.clear();
    known.set(id, answer);
  }
  return answer;
}

/** The inputs an eligibility decision is given: the customer's facts and the product's. */
export function eligibilityInputs(customer: CustomerFacts, product: Product): Record<string, unknown> {
  return { customerKind: customer.kind, age: customer.age, productKind: product.kind, productCode: product.code, termMonths: product.termMonths, salaryAccount: customer.salaryAccount };
}

/**
 * What the product's eligibility decision says for the customer. A product naming no decision is
 * open to all; a decision that is not deployed, fails, or answers without a yes/no is "unavailable".
 */
export async function eligibilityOf(decisions: DecisionLookup, customer: CustomerFacts, product: Product): Promise<EligibilityAnswer> {
  if (!product.eligibility) return { eligible: true };
  const model = await decisions.model(product.eligibility);
  if (!model) return { unavailable: `decision "${product.eligibility}" is not deployed` };
  const inputs = eligibilityInputs(customer, product);
  const result = evaluated(model, product.eligibility, inputs);
  if (!result.ok) return { unavailable: result.error.message };
  const value = result.value as { eligible?: unknown; reasonEn?: unknown; reasonZh?: unknown } | boolean | null;
  const eligible = typeof value === 'boolean' ? value : value?.eligible;
  if (eligible === true) return { eligible: true };
  if (eligible !== false) return { unavailable: `decision "${product.eligibility}" gave no yes or no` };
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const reason = typeof value === 'object' && value ? value : {};
  return { eligible: false, en: text(reason.reasonEn) ?? `The customer does not meet the conditions of ${product.nameEn}.`, zh: text(reason.reasonZh) ?? `客户不符合${product.nameZh}的准入条件。` };
}
