import { readFile } from 'node:fs/promises';
import { systemContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { cnResidentIdCheckChar, usccCheckChar } from '../platform/pii/index.ts';
import type { Engine } from '../engine/engine.ts';
import { deployResources } from '../engine/process.service.ts';
import { createCustomer } from './customers/customer.service.ts';
import { recordCredential } from './work/qualification.service.ts';

const PROCESS_DIR = new URL('./processes/', import.meta.url);

/** The processes Banklane ships (BPMN and DMN files in `processes/`), by key. */
export const SHIPPED_PROCESSES = {
  personalAccountOpening: 'personal-account-opening.bpmn',
  personalLoanApplication: 'personal-loan-application.bpmn',
  cardLossReplacement: 'card-loss-replacement.bpmn',
  largeValueTransfer: 'large-value-transfer.bpmn',
  corporateAccountOpening: 'corporate-account-opening.bpmn',
  surveyFollowUp: 'survey-follow-up.bpmn',
} as const;
const SHIPPED_DECISIONS = ['loan-decisions.dmn'];

async function isDeployed(deps: Deps, key: string): Promise<boolean> {
  return (await deps.db.selectFrom('process_definition').select('id').where('key', '=', key).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Deploys the shipped processes a bank has no version of yet (a bank's own later versions are
 * never overwritten). `surveyFollowUp` is always needed; the service processes only in demo mode.
 */
export async function deployShippedProcesses(deps: Deps, engine: Engine, all: boolean): Promise<void> {
  const wanted = Object.entries(SHIPPED_PROCESSES).filter(([key]) => all || key === 'surveyFollowUp');
  const resources: { name: string; content: string }[] = [];
  for (const [key, file] of wanted) {
    if (!(await isDeployed(deps, key))) resources.push({ name: file, content: await readFile(new URL(file, PROCESS_DIR), 'utf8') });
  }
  if (all && !(await deps.db.selectFrom('decision_definition').select('id').where('key', '=', 'loanApprovalAuthority').limit(1).executeTakeFirst())) {
    for (const file of SHIPPED_DECISIONS) resources.push({ name: file, content: await readFile(new URL(file, PROCESS_DIR), 'utf8') });
  }
  if (resources.length === 0) return;
  await deployResources(engine, systemContext(), { name: 'banklane-shipped-processes', resources, duplicateFiltering: true, source: 'banklane' });
}

function residentId(first17: string): string {
  return first17 + cnResidentIdCheckChar(first17);
}

/** The demo bank's customers (numbers are valid, people are invented) and its staff's certificates. */
export async function seedDemoOperations(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('customer').select('id').limit(1).executeTakeFirst()) return;
  const units = new Map((await deps.db.selectFrom('org_unit').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]));
  const system = (unitCode: string) => {
    const unit = units.get(unitCode)!;
    const actor = { userId: 'system', username: 'system', displayName: 'Banklane', unitId: unit.id, unitPath: unit.path, roles: [], permissions: new Map([['customer.write', 'global'], ['staff.qualify', 'global'], ['org.user.read', 'global']] as const), sessionTokenHash: '' };
    return { ...systemContext(), actor } as Parameters<typeof createCustomer>[1];
  };
  const customers = [
    { kind: 'individual' as const, name: '王小明', idType: 'resident_id' as const, idNumber: residentId('11010819850612201'), idExpiry: '2035-06-12', phone: '13911112222', segment: 'gold', unitCode: 'BJ-HD' },
    { kind: 'individual' as const, name: '李华', idType: 'resident_id' as const, idNumber: residentId('31011519920304152'), idExpiry: '2030-03-04', phone: '13922223333', segment: 'standard', unitCode: 'SH-PD' },
    { kind: 'individual' as const, name: '张伟', idType: 'resident_id' as const, idNumber: residentId('11010519700101003'), idExpiry: null, phone: '13933334444', segment: 'private', unitCode: 'BJ-HD' },
    { kind: 'individual' as const, name: '陈静', idType: 'resident_id' as const, idNumber: residentId('11010819990815004'), idExpiry: '2024-08-15', phone: '13944445555', segment: 'standard', unitCode: 'BJ-HD' },
    { kind: 'corporate' as const, name: '北京海淀示例科技有限公司', idType: 'uscc' as const, idNumber: uscc('91110108MA01ABCD0'), idExpiry: null, phone: '01062345678', segment: 'platinum', unitCode: 'BJ-HD' },
  ];
  for (const c of customers) {
    await createCustomer(deps, system(c.unitCode), { ...c, consents: { marketing: c.segment !== 'standard', sms: true, dataSharing: false } });
  }
  const certificates = [
    ['supervisor', 'large-value-authorisation', '大额业务授权上岗证'],
    ['branchmgr', 'large-value-authorisation', '大额业务授权上岗证'],
    ['risk', 'credit-approval', '信贷审批资格证书'],
    ['ops', 'credit-approval', '信贷审批资格证书'],
    ['branchmgr', 'credit-approval', '信贷审批资格证书'],
  ];
  for (const [username, qualification, title] of certificates) {
    await recordCredential(deps, system('HO'), username!, { kind: 'certificate', qualification, title: title!, issuedOn: '2026-01-01', expiresOn: '2028-12-31' });
  }
  await recordCredential(deps, system('HO'), 'teller1', { kind: 'training', title: '反洗钱年度培训 / Annual AML training', hours: 8, issuedOn: '2026-03-15' });
}

function uscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}
