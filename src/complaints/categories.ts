import type { CategoryKind } from './complaint.table.ts';

type Default = { code: string; kind: CategoryKind; parent: string | null; zh: string; en: string };

const business = (code: string, zh: string, en: string, parent: string | null = null): Default => ({ code, kind: 'business', parent, zh, en });
const cause = (code: string, zh: string, en: string, parent: string | null = null): Default => ({ code, kind: 'cause', parent, zh, en });

/**
 * The default classification tree: the business categories and causes banks report consumer
 * complaints under (the regulator's statistical categories for banking complaints), with a
 * second level where complaints usually need it. Banks add, rename and retire entries; codes
 * stay, so reports over time remain comparable.
 */
export const DEFAULT_CATEGORIES: Default[] = [
  business('card', '银行卡', 'Bank cards'),
  business('debit_card', '借记卡', 'Debit cards', 'card'),
  business('credit_card', '信用卡', 'Credit cards', 'card'),
  business('loan', '贷款', 'Loans'),
  business('housing_loan', '个人住房贷款', 'Housing loans', 'loan'),
  business('consumer_loan', '个人消费贷款', 'Consumer loans', 'loan'),
  business('business_loan', '经营性贷款', 'Business loans', 'loan'),
  business('deposit', '储蓄存款', 'Deposits'),
  business('payment', '支付结算', 'Payments and settlement'),
  business('transfer', '转账汇款', 'Transfers and remittances', 'payment'),
  business('online_payment', '网络支付', 'Online payments', 'payment'),
  business('wealth', '理财与代理业务', 'Wealth and agency products'),
  business('wealth_product', '银行理财', 'Bank wealth products', 'wealth'),
  business('agency_fund', '代销基金', 'Funds sold for others', 'wealth'),
  business('agency_insurance', '代理保险', 'Insurance sold for others', 'wealth'),
  business('counter_service', '网点柜面服务', 'Branch and counter service'),
  business('other_business', '其他业务', 'Other business'),
  cause('service_quality', '服务态度及服务质量', 'Service attitude and quality'),
  cause('attitude', '服务态度', 'Staff attitude', 'service_quality'),
  cause('waiting', '排队等候', 'Waiting time', 'service_quality'),
  cause('marketing', '营销方式和手段', 'Marketing methods'),
  cause('disclosure', '信息披露', 'Information disclosure'),
  cause('choice', '自主选择权', 'Right to choose'),
  cause('fees', '定价收费', 'Pricing and fees'),
  cause('returns', '产品收益', 'Product returns'),
  cause('contract', '合同条款', 'Contract terms'),
  cause('collection', '债务催收方式和手段', 'Debt collection'),
  cause('fund_loss', '消费者资金损失', 'Loss of funds'),
  cause('info_security', '消费者信息安全', 'Personal information security'),
  cause('procedure', '业务办理流程与规则', 'Procedures and rules'),
  cause('other_cause', '其他', 'Other'),
];
