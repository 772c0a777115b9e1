import { systemContext, type RequestContext } from '../../platform/access/actor.ts';
import { mergeRolePermissions } from '../../platform/access/policy.ts';
import { rolesOfUser } from '../../platform/auth/session.repository.ts';
import type { Deps } from '../../platform/deps.ts';
import { cnResidentIdCheckChar } from '../../platform/pii/index.ts';
import { currentQuestionnaire, recordAssessment } from '../suitability/risk-assessment.service.ts';
import type { Channel } from './product.ts';
import type { NewProduct } from './product.schemas.ts';
import { changeProduct, createProduct } from './product.service.ts';
import { sellProduct } from './sale.service.ts';

const E = 'productEligibility';

/** The demo bank's catalogue: every kind, R1 to R5, one product withdrawn. Rates are invented. */
export const DEMO_PRODUCTS: (NewProduct & { withdrawn?: boolean })[] = [
  { code: 'DEP-PAYROLL', kind: 'deposit', nameZh: '代发工资账户', nameEn: 'Payroll account', riskLevel: 1, rateText: '活期 0.10%', salaryAccount: true },
  { code: 'DEP-3M', kind: 'deposit', nameZh: '三个月定期存款', nameEn: '3-month time deposit', riskLevel: 1, minAmount: '50.00', termMonths: 3, rateText: '1.05%' },
  { code: 'DEP-1Y', kind: 'deposit', nameZh: '一年期定期存款', nameEn: '1-year time deposit', riskLevel: 1, minAmount: '50.00', termMonths: 12, rateText: '1.35%' },
  { code: 'DEP-LDC-3Y', kind: 'deposit', nameZh: '三年期大额存单', nameEn: '3-year large certificate of deposit', riskLevel: 1, minAmount: '200000.00', termMonths: 36, rateText: '2.15%' },
  { code: 'DEP-STRUCT-GOLD', kind: 'deposit', nameZh: '挂钩黄金结构性存款（6个月）', nameEn: 'Gold-linked structured deposit (6 months)', riskLevel: 2, minAmount: '10000.00', termMonths: 6, rateText: '1.20%–2.80%' },
  { code: 'WM-CASH', kind: 'wealth', nameZh: '天天理财现金管理', nameEn: 'Daily cash management', riskLevel: 1, minAmount: '1.00', rateText: '七日年化 1.80%' },
  { code: 'WM-BOND-180', kind: 'wealth', nameZh: '稳享固收180天', nameEn: 'Steady fixed income, 180 days', riskLevel: 2, minAmount: '10000.00', termMonths: 6, rateText: '业绩比较基准 2.60%–3.10%' },
  { code: 'WM-BAL-1Y', kind: 'wealth', nameZh: '平衡配置一年期', nameEn: 'Balanced allocation, 1 year', riskLevel: 3, minAmount: '10000.00', termMonths: 12, rateText: '业绩比较基准 3.00%–4.50%' },
  { code: 'WM-EQUITY', kind: 'wealth', nameZh: '权益精选混合', nameEn: 'Equity select (mixed)', riskLevel: 4, minAmount: '10000.00', rateText: '净值型 / NAV-based' },
  { code: 'WM-PE-5Y', kind: 'wealth', nameZh: '私募股权母基金（五年）', nameEn: 'Private equity fund of funds (5 years)', riskLevel: 5, minAmount: '1000000.00', termMonths: 60, rateText: '净值型 / NAV-based', eligibility: E },
  { code: 'WM-2025-A', kind: 'wealth', nameZh: '2025年A款固收理财（已停售）', nameEn: '2025 fixed income A (withdrawn)', riskLevel: 2, minAmount: '10000.00', termMonths: 12, rateText: '2.90%', withdrawn: true },
  { code: 'CARD-DEBIT', kind: 'card', nameZh: '借记卡', nameEn: 'Debit card', riskLevel: 1, eligibility: E },
  { code: 'CARD-SALARY', kind: 'card', nameZh: '薪享信用卡', nameEn: 'Salary credit card', riskLevel: 1, rateText: '免年费 / no annual fee', eligibility: E },
  { code: 'LOAN-CONSUMER', kind: 'loan', nameZh: '个人消费贷款', nameEn: 'Personal consumer loan', riskLevel: 1, minAmount: '10000.00', termMonths: 36, rateText: 'LPR + 0.50%', eligibility: E },
  { code: 'INS-ACCIDENT-1Y', kind: 'insurance', nameZh: '综合意外险（一年期）', nameEn: 'Accident insurance (1 year)', riskLevel: 1, minAmount: '100.00', termMonths: 12, eligibility: E },
  { code: 'INS-LIFE-20', kind: 'insurance', nameZh: '终身寿险（20年交）', nameEn: 'Whole life insurance (20-year premiums)', riskLevel: 2, minAmount: '5000.00', termMonths: 240, eligibility: E },
  { code: 'INS-UNIT-LINKED', kind: 'insurance', nameZh: '投资连结保险', nameEn: 'Unit-linked insurance', riskLevel: 4, minAmount: '10000.00', termMonths: 120, eligibility: E },
];

const residentId = (first17: string) => first17 + cnResidentIdCheckChar(first17);

/** Demo customers assessed and holding products: who (by ID number), by whom, days ago, answers, then sales. */
const DEMO_CUSTOMERS: { idNumber: string; staff: string; channel: Channel; daysAgo: number; answers: Record<string, string>; sales: [string, string][] }[] = [
  // 王小明: C3 (20 points), payroll customer
  { idNumber: residentId('11010819850612201'), staff: 'rm', channel: 'counter', daysAgo: 60, answers: { age: 'd', income: 'b', share: 'c', experience: 'b', products: 'b', horizon: 'b', goal: 'b', loss: 'c' }, sales: [['DEP-PAYROLL', '1000.00'], ['WM-BOND-180', '50000.00']] },
  // 张伟: C4 (25 points)
  { idNumber: residentId('11010519700101003'), staff: 'rm', channel: 'phone', daysAgo: 200, answers: { age: 'b', income: 'd', share: 'c', experience: 'd', products: 'c', horizon: 'c', goal: 'c', loss: 'c' }, sales: [['DEP-LDC-3Y', '500000.00'], ['WM-BAL-1Y', '300000.00']] },
  // 李华 (Shanghai): C2 (16 points), assessed more than a year ago: expired
  { idNumber: residentId('31011519920304152'), staff: 'teller2', channel: 'counter', daysAgo: 400, answers: { age: 'd', income: 'b', share: 'b', experience: 'a', products: 'a', horizon: 'b', goal: 'b', loss: 'b' }, sales: [['DEP-1Y', '20000.00']] },
];

async function staff(deps: Deps, username: string): Promise<RequestContext> {
  const u = await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'o.path']).where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await rolesOfUser(deps.db, u.id);
  return { actor: { userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, unitPath: u.path, roles: roles.map((r) => r.key), permissions: mergeRolePermissions(roles), sessionTokenHash: 'demo' }, ip: null, requestId: 'demo-seed', lang: 'zh-CN' };
}

/**
 * The demo catalogue, once, on a bank with no products; then a few demo customers assessed and
 * holding products, written through the same services as the counter, at past instants.
 */
export async function seedDemoProducts(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('product').select('code').limit(1).executeTakeFirst()) return;
  for (const { withdrawn, ...product } of DEMO_PRODUCTS) {
    const created = await createProduct(deps, systemContext(), product);
    if (withdrawn) await changeProduct(deps, systemContext(), created.code, { version: created.version, status: 'withdrawn' });
  }
  const version = (await currentQuestionnaire(deps.db)).version;
  for (const c of DEMO_CUSTOMERS) {
    const customer = await deps.db.selectFrom('customer').select('id').where('id_type', '=', 'resident_id').where('id_number_digest', '=', deps.vault.digest('id:resident_id', c.idNumber)).executeTakeFirst();
    if (!customer) continue;
    const assessedAt = new Date(deps.clock().getTime() - c.daysAgo * 86_400_000);
    const then = (instant: Date): Deps => ({ ...deps, clock: () => instant });
    const p = { kind: 'staff' as const, ctx: await staff(deps, c.staff) };
    await recordAssessment(then(assessedAt), p, customer.id, { questionnaireVersion: version, answers: c.answers, channel: c.channel });
    for (const [i, [productCode, amount]] of c.sales.entries()) {
      await sellProduct(then(new Date(assessedAt.getTime() + (i + 1) * 3_600_000)), p, { customerId: customer.id, productCode, amount, channel: c.channel });
    }
  }
}
