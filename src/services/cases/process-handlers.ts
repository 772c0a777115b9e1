import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../platform/errors.ts';
import { validateCnResidentId, validateUscc } from '../../platform/pii/index.ts';
import { normalise } from '../../platform/pii/vault.ts';
import type { Engine } from '../../engine/engine.ts';
import type { CoreBanking, CoreOperation } from '../core-banking/core-banking.ts';
import { chinaDate } from '../../platform/calendar/china-time.ts';
import { identityOnFile } from '../customers/customer.service.ts';
import { enqueue } from '../notifications/notification.service.ts';
import type { TemplateName } from '../notifications/templates.ts';
import { holdersOf, isQualified } from '../work/qualification.service.ts';
import { missingMaterials } from './case.service.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Why an identity check fails (codes, so a process can route on them). */
export type IdentityIssue = 'id_invalid' | 'id_expired' | 'name_mismatch' | 'id_mismatch' | 'blacklisted';

/**
 * Counter identity verification (S8) on the customer of the case: the document number's check
 * digit, its expiry, the presented name and number against the file (when the step is given
 * `presentedName` / `presentedIdNumber`), and screening against the blacklist. A PEP is not a
 * failure but asks for enhanced due diligence (`identityReview`).
 */
export async function identityCheck(deps: Deps, db: Db, variables: Record<string, unknown>) {
  const customerId = String(variables.customerId ?? '');
  const person = await identityOnFile(deps, customerId, db);
  const issues: IdentityIssue[] = [];
  const today = chinaDate(deps.clock());
  if (person.idType === 'resident_id' && !validateCnResidentId(person.idNumber, { today }).ok) issues.push('id_invalid');
  if (person.idType === 'uscc' && !validateUscc(person.idNumber).ok) issues.push('id_invalid');
  if (person.idExpiry && person.idExpiry < today) issues.push('id_expired');
  if (typeof variables.presentedName === 'string' && variables.presentedName.trim() !== person.name) issues.push('name_mismatch');
  if (typeof variables.presentedIdNumber === 'string' && normalise(variables.presentedIdNumber) !== person.idNumber) issues.push('id_mismatch');
  if (person.blacklisted) issues.push('blacklisted');
  return { identityVerified: issues.length === 0, identityIssues: issues, identityReview: person.pep };
}

const CORE_HANDLERS: [string, CoreOperation][] = [
  ['coreOpenAccount', 'openAccount'],
  ['coreDisburseLoan', 'disburseLoan'],
  ['coreTransfer', 'transfer'],
  ['coreBlockCard', 'blockCard'],
  ['coreReplaceCard', 'replaceCard'],
];

/** What the shipped processes call on: identity checks, committees, the core system, notices; and the materials gate. */
export function registerServiceHandlers(deps: Deps, engine: Engine, core: CoreBanking): void {
  engine.register('identityCheck', ({ variables, db }) => identityCheck(deps, db, variables));
  engine.register('creditCommittee', async ({ db, instanceId }) => {
    // the qualified staff who can reach the case: the head office's, and the branch's own line
    const unit = await db.selectFrom('process_instance as p').innerJoin('org_unit as o', 'o.id', 'p.unit_id').select('o.path').where('p.id', '=', instanceId).executeTakeFirst();
    const committee = await holdersOf(db, 'credit-approval', deps.clock(), unit?.path ?? '/');
    if (committee.length === 0) throw new Error('nobody within reach of the case holds the credit-approval qualification: the committee cannot sit');
    return { committee };
  });
  for (const [name, operation] of CORE_HANDLERS) {
    engine.register(name, async ({ variables, instanceId, elementId, db }) => core.execute(db, `${instanceId}:${elementId}`, operation, { caseRef: variables.caseRef ?? null, customerId: variables.customerId ?? null, amount: variables.amount ?? null }));
  }
  engine.register('notifyCustomer', async ({ variables, instanceId, elementId, db }) => {
    await notifyCustomer(deps, db, variables, `${instanceId}:${elementId}`);
  });
  engine.registerGate('materials', async ({ businessKey, db }) => {
    if (!businessKey) return;
    const missing = await missingMaterials(db, businessKey);
    if (missing.length === 0) return;
    throw new DomainError(
      'precondition_failed',
      { en: `Mandatory materials are missing: ${missing.map((m) => m.name_en).join(', ')}.`, zh: `缺少必备材料：${missing.map((m) => m.name_zh).join('、')}。` },
      { errors: missing.map((m) => ({ field: `/materials/${m.position}`, message: { en: `${m.name_en} has not been received.`, zh: `尚未收到${m.name_zh}。` } })) },
    );
  });
  engine.isQualified = isQualified;
}

const NOTICES = new Set<TemplateName>(['account_opened', 'corporate_account_opened', 'loan_approved', 'loan_declined', 'card_replaced', 'transfer_done', 'case_rejected']);

/**
 * Sends the step's notice (`notice`) to the customer of the case by SMS, when they have a phone
 * on file and agreed to service messages. Once per step: a retried job does not send twice.
 */
async function notifyCustomer(deps: Deps, db: Db, variables: Record<string, unknown>, key: string): Promise<void> {
  const notice = String(variables.notice ?? '') as TemplateName;
  if (!NOTICES.has(notice)) throw new Error(`unknown notice "${notice}"`);
  const caseRef = String(variables.caseRef ?? '');
  const row = await db
    .selectFrom('service_case as c')
    .innerJoin('customer as u', 'u.id', 'c.customer_id')
    .innerJoin('service_version as s', (j) => j.onRef('s.code', '=', 'c.service_code').onRef('s.version', '=', 'c.service_version'))
    .select(['c.id', 'c.ref', 'u.phone_sealed', 'u.consents', 's.data'])
    .where('c.ref', '=', caseRef)
    .executeTakeFirst();
  if (!row?.phone_sealed || row.consents.sms === false) return;
  if (await db.selectFrom('notification').select('id').where('subject_type', '=', 'step').where('subject_id', '=', key).executeTakeFirst()) return;
  const service = row.data as { nameZh: string };
  const account = String(variables.accountNumber ?? '');
  await enqueue(db, deps, {
    channel: 'sms',
    to: deps.vault.open(row.phone_sealed),
    template: notice,
    lang: 'zh-CN',
    params: { ref: row.ref, service: service.nameZh, last4: account.slice(-4), card: String(variables.newCardMasked ?? '') },
    subject: { type: 'step', id: key },
  });
}
