import { systemContext } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import type { ServiceDefinition } from './catalog.schemas.ts';
import { createService } from './catalog.service.ts';

const ID_CARD = { nameZh: '本人有效身份证件', nameEn: 'Own valid identity document', required: true, validityZh: '居民身份证在有效期内；港澳台及外籍人士持相应证件', validityEn: 'Resident ID card within its validity; others the corresponding document' };

/** The demo bank's catalogue: the services customers ask for most. */
const DEMO_SERVICES: [string, ServiceDefinition][] = [
  ['open-personal-account', { nameZh: '开立个人账户', nameEn: 'Open a personal account', category: 'account', customerType: 'individual', materials: [ID_CARD, { nameZh: '本人手机号码', nameEn: 'Own mobile number', required: true }], fees: [{ nameZh: '开户手续费', nameEn: 'Opening fee', amount: '0.00' }], timeLimit: { amount: 2, unit: 'workingHours' }, channels: ['counter', 'mobile'], branches: [], processKey: 'personalAccountOpening' }],
  ['close-account', { nameZh: '销户', nameEn: 'Close an account', category: 'account', customerType: 'both', materials: [ID_CARD, { nameZh: '银行卡或存折', nameEn: 'Card or passbook', required: false }], fees: [], timeLimit: { amount: 1, unit: 'workingDays' }, channels: ['counter'], branches: [], processKey: null }],
  ['report-lost-card', { nameZh: '挂失补卡', nameEn: 'Report a lost card and replace it', category: 'card', customerType: 'individual', materials: [ID_CARD], fees: [{ nameZh: '补卡工本费', nameEn: 'Replacement card fee', amount: '10.00', conditionZh: '金卡及以上客户免收', conditionEn: 'Waived for gold tier and above' }], timeLimit: { amount: 1, unit: 'workingDays' }, channels: ['counter', 'phone', 'mobile'], branches: [], processKey: 'cardLossReplacement' }],
  ['personal-loan', { nameZh: '个人贷款申请', nameEn: 'Personal loan application', category: 'loan', customerType: 'individual', materials: [ID_CARD, { nameZh: '收入证明', nameEn: 'Proof of income', required: true, validityZh: '近六个月内出具', validityEn: 'Issued within the last six months' }, { nameZh: '婚姻状况证明', nameEn: 'Proof of marital status', required: false }], fees: [], timeLimit: { amount: 5, unit: 'workingDays' }, channels: ['counter', 'online', 'mobile'], branches: [], processKey: 'personalLoanApplication' }],
  ['large-transfer', { nameZh: '大额转账', nameEn: 'Large transfer', category: 'payment', customerType: 'both', materials: [ID_CARD], fees: [{ nameZh: '跨行汇款手续费', nameEn: 'Interbank transfer fee', amount: '0.00', conditionZh: '手机银行办理免费', conditionEn: 'Free through mobile banking' }], timeLimit: { amount: 2, unit: 'workingHours' }, channels: ['counter', 'online', 'mobile'], branches: [], processKey: 'largeValueTransfer' }],
  ['open-corporate-account', { nameZh: '企业开户', nameEn: 'Open a corporate account', category: 'corporate', customerType: 'corporate', materials: [{ nameZh: '营业执照', nameEn: 'Business licence', required: true, validityZh: '载有统一社会信用代码', validityEn: 'Bearing the unified social credit code' }, { nameZh: '法定代表人身份证件', nameEn: "Legal representative's identity document", required: true }], fees: [{ nameZh: '账户管理费', nameEn: 'Account management fee', amount: '0.00', conditionZh: '小微企业免收', conditionEn: 'Waived for small businesses' }], timeLimit: { amount: 3, unit: 'workingDays' }, channels: ['counter'], branches: [], processKey: 'corporateAccountOpening' }],
  ['credit-card', { nameZh: '信用卡申请', nameEn: 'Credit card application', category: 'card', customerType: 'individual', materials: [ID_CARD, { nameZh: '工作证明或收入证明', nameEn: 'Proof of employment or income', required: false }], fees: [{ nameZh: '年费', nameEn: 'Annual fee', amount: '0.00', conditionZh: '首年免年费，刷卡满6次免次年年费', conditionEn: 'Free the first year; waived after 6 purchases a year' }], timeLimit: { amount: 10, unit: 'workingDays' }, channels: ['counter', 'online', 'mobile'], branches: [], processKey: null }],
  ['wealth-purchase', { nameZh: '理财产品购买', nameEn: 'Buy a wealth management product', category: 'wealth', customerType: 'individual', materials: [ID_CARD, { nameZh: '风险承受能力评估问卷', nameEn: 'Risk tolerance questionnaire', required: true, validityZh: '一年内有效', validityEn: 'Completed within the last year' }], fees: [{ nameZh: '认购费', nameEn: 'Subscription fee', amount: '0.00', conditionZh: '以产品说明书为准', conditionEn: 'As the product prospectus states' }], timeLimit: { amount: 30, unit: 'minutes' }, channels: ['counter', 'online', 'mobile'], branches: [], processKey: null }],
  ['merchant-onboarding', { nameZh: '特约商户入网', nameEn: 'Merchant onboarding', category: 'merchant', customerType: 'corporate', materials: [{ nameZh: '营业执照', nameEn: 'Business licence', required: true }, { nameZh: '经营场所照片', nameEn: 'Photos of the premises', required: true }], fees: [], timeLimit: { amount: 10, unit: 'workingDays' }, channels: ['counter', 'online'], branches: [], processKey: null }],
];

/** Seeds the demo catalogue once (when it is empty). */
export async function seedDemoServices(deps: Deps): Promise<void> {
  const any = await deps.db.selectFrom('service').select('code').limit(1).executeTakeFirst();
  if (any) return;
  for (const [code, definition] of DEMO_SERVICES) {
    try {
      await createService(deps, systemContext(), code, definition);
    } catch {
      return; // another node seeded it at the same moment
    }
  }
}
