import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError, ValidationError } from '../../platform/errors.ts';
import { actingName, assertCustomerInReach, auditActor, channelProblem, customerToActOn, type Principal } from '../principal.ts';
import type { Channel } from '../products/product.ts';
import { LEVEL_NAMES, questionnaireProblems, scoreAnswers, SHIPPED_QUESTIONNAIRE, validUntil, type Questionnaire } from './questionnaire.ts';
import type { RiskAssessmentTable } from './suitability.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Puts the shipped questionnaire in place as version 1 on a bank that has none. */
export async function ensureQuestionnaire(deps: Deps): Promise<void> {
  const s = SHIPPED_QUESTIONNAIRE;
  await deps.db
    .insertInto('risk_questionnaire')
    .values({ version: 1, questions: JSON.stringify(s.questions), thresholds: JSON.stringify(s.thresholds), valid_months: s.validMonths, published_by: null, published_at: deps.clock() })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** The questionnaire in use: the latest version published. */
export async function currentQuestionnaire(db: Db): Promise<Questionnaire> {
  const q = await db.selectFrom('risk_questionnaire').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  return { version: q.version, questions: q.questions, thresholds: q.thresholds, validMonths: q.valid_months };
}

/**
 * Publishes a new version of the questionnaire (questions, scores, thresholds, months of validity);
 * assessments made on earlier versions keep their level until they end. Audited.
 */
export async function publishQuestionnaire(deps: Deps, ctx: RequestContext, input: Omit<Questionnaire, 'version'>): Promise<Questionnaire> {
  const problems = questionnaireProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    await sql`lock table risk_questionnaire in exclusive mode`.execute(trx);
    const version = (await currentQuestionnaire(trx)).version + 1;
    await trx.insertInto('risk_questionnaire').values({ version, questions: JSON.stringify(input.questions), thresholds: JSON.stringify(input.thresholds), valid_months: input.validMonths, published_by: ctx.actor?.username ?? null, published_at: now }).execute();
    await recordAudit(trx, ctx, { action: 'risk_questionnaire.publish', entityType: 'risk_questionnaire', entityId: String(version), after: { ...input, version } }, now);
    return { version, ...input };
  });
}

type Row = Omit<Selectable<RiskAssessmentTable>, 'valid_until' | 'seq'> & { valid_until: string };

function assessmentView(r: Row, today: string) {
  return {
    id: r.id,
    customerId: r.customer_id,
    level: r.level,
    levelName: LEVEL_NAMES[r.level],
    score: r.score,
    questionnaireVersion: r.questionnaire_version,
    answers: r.answers,
    channel: r.channel,
    assessedBy: r.assessed_by,
    assessedAt: r.assessed_at.toISOString(),
    validUntil: r.valid_until,
    valid: r.valid_until >= today,
  };
}
export type AssessmentView = ReturnType<typeof assessmentView>;

export type AssessmentInput = { questionnaireVersion: number; answers: Record<string, string>; channel: Channel };

/**
 * Records a customer's risk-tolerance assessment (风险承受能力评估): the answers to the current
 * questionnaire scored into a level C1–C5, valid for the questionnaire's months. The same function
 * for staff (counter, phone; held to their branches) and the customer in their own channels.
 * Each submission is a new assessment; the latest is the one suitability reads. Audited.
 */
export async function recordAssessment(deps: Deps, p: Principal, customerId: string, input: AssessmentInput): Promise<AssessmentView> {
  const wrongChannel = channelProblem(p, input.channel);
  if (wrongChannel) throw new ValidationError([wrongChannel]);
  const now = deps.clock();
  const today = chinaDate(now);
  const row = await deps.db.transaction().execute(async (trx) => {
    const customer = await customerToActOn(trx, p, customerId, 'product.sell', null);
    if (customer.kind !== 'individual') throw new DomainError('invalid_state', { en: 'The risk-tolerance questionnaire assesses individuals; a company’s investment suitability is assessed on its own forms.', zh: '风险承受能力评估问卷适用于个人客户，机构客户适当性评估另行办理。' });
    const questionnaire = await currentQuestionnaire(trx);
    if (input.questionnaireVersion !== questionnaire.version) {
      throw new ValidationError([{ field: '/questionnaireVersion', message: { en: `The questionnaire has changed (now version ${questionnaire.version}); answer the current one.`, zh: `问卷已更新（当前为第${questionnaire.version}版），请按最新问卷作答。` } }]);
    }
    const scored = scoreAnswers(questionnaire, input.answers);
    if (!scored.ok) throw new ValidationError(scored.errors);
    const values = {
      id: deps.newId(),
      customer_id: customer.id,
      questionnaire_version: questionnaire.version,
      answers: JSON.stringify(input.answers),
      score: scored.score,
      level: scored.level,
      channel: input.channel,
      assessed_by: actingName(p),
      unit_id: customer.unit_id,
      assessed_at: now,
      valid_until: validUntil(today, questionnaire.validMonths),
    };
    await trx.insertInto('risk_assessment').values(values).execute();
    await recordAudit(trx, p.ctx, { action: 'risk_assessment.create', entityType: 'customer', entityId: customer.id, unitId: customer.unit_id, after: { assessmentId: values.id, level: values.level, score: values.score, channel: values.channel, questionnaireVersion: values.questionnaire_version, validUntil: values.valid_until }, ...auditActor(p) }, now);
    return { ...values, answers: input.answers, valid_until: values.valid_until };
  });
  return assessmentView(row, today);
}

/** A customer's assessments, latest first, with the one in force (valid today) if any. */
export async function assessmentsOf(deps: Deps, ctx: RequestContext, customerId: string) {
  await assertCustomerInReach(deps.db, ctx, customerId, 'product.read');
  const today = chinaDate(deps.clock());
  const rows = await deps.db.selectFrom('risk_assessment').selectAll().select(sql<string>`valid_until::text`.as('valid_until')).where('customer_id', '=', customerId).orderBy('assessed_at', 'desc').orderBy('seq', 'desc').execute();
  const items = rows.map((r) => assessmentView(r, today));
  return { current: items[0]?.valid ? items[0] : null, items };
}
