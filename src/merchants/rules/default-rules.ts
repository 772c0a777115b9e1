import type { RuleDefinition } from './merchant-day.ts';

/*
 * The early-warning rules Banklane ships (风险预警规则). A risk officer can change or switch off
 * each one; these are the starting point. Every threshold is chosen so that a normal merchant's
 * day-to-day noise does not fire it (default-rules.test.ts runs them over 90 days of generated
 * normal data for many merchants, and over planted anomalies).
 *
 * Rules that compare with the baseline ask for at least 14 days of it: a merchant's first two
 * weeks say too little about what is normal for it.
 */
export const DEFAULT_RULES: readonly RuleDefinition[] = Object.freeze([
  {
    // The card schemes put their excessive-chargeback programmes at about 1% of transactions.
    // A day needs 100 transactions and 5 chargebacks before the ratio means anything: one
    // dispute on a day of two sales would read as 50%, and a busy shop sees two or three
    // disputes on an ordinary day now and then.
    code: 'CHARGEBACK_RATIO',
    nameZh: '拒付率超过 1%',
    nameEn: 'Chargeback ratio above 1%',
    expression: 'count >= 100 and chargebacks >= 5 and chargebackRatio > 0.01',
    severity: 'high',
  },
  {
    // Three standard deviations above the 30-day mean, with two floors: three times that mean
    // (a merchant with a steady turnover has a small σ, and a busy Saturday is not a warning),
    // and 10,000 yuan more than it (a stall taking 800 yuan on a quiet day and 2,500 on a good
    // one is ordinary). 20 days of baseline, so that the weekly rhythm is inside σ.
    code: 'VOLUME_SPIKE',
    nameZh: '交易金额异常放大',
    nameEn: 'Volume far above the 30-day mean',
    expression: 'baseline.days >= 20 and amount > baseline.amount.mean + 3 * baseline.amount.sd and amount > 3 * baseline.amount.mean and amount - baseline.amount.mean >= 10000',
    severity: 'medium',
  },
  {
    // Card cash-out (套现) and fraud run at night. A jump of 25 points over the usual night share,
    // and 3σ. Here and in the other share rules, 50 transactions at least: on a smaller day a
    // handful of sales moves a share by ten points.
    code: 'NIGHT_SHARE_JUMP',
    nameZh: '夜间交易占比突增',
    nameEn: 'Night-time share jump',
    expression: 'count >= 50 and baseline.days >= 14 and nightShare - baseline.nightShare.mean > max(0.25, 3 * baseline.nightShare.sd)',
    severity: 'medium',
  },
  {
    // Many payments just under a limit are one large payment split to pass it (拆单). Five at
    // least, and a tenth of the day: a big merchant sees a few near-limit sales every day.
    code: 'NEAR_LIMIT_SPLITTING',
    nameZh: '大量接近限额的交易（疑似拆单）',
    nameEn: 'Many transactions just under a limit',
    expression: 'nearLimitCount >= 5 and nearLimitCount >= 0.1 * count',
    severity: 'high',
  },
  {
    // A terminal used outside the region it is registered in has been moved (移机), one of the
    // risk events the acquiring rules (《银行卡收单业务管理办法》) name. One transaction is enough.
    code: 'OUTSIDE_REGION',
    nameZh: '终端在登记区域外使用（疑似移机）',
    nameEn: 'Terminal used outside its registered region',
    expression: 'outsideRegionCount > 0',
    severity: 'high',
  },
  {
    // Refunds of 30% of the day's takings, and 3σ above the usual: refund fraud, or a merchant in
    // trouble. 50 transactions at least: refunds are of earlier sales, and a few refunded orders
    // are a large share of a small day.
    code: 'REFUND_SPIKE',
    nameZh: '退款率突增',
    nameEn: 'Refund ratio spike',
    expression: 'count >= 50 and baseline.days >= 14 and refundRatio > 0.3 and refundRatio > baseline.refundRatio.mean + 3 * baseline.refundRatio.sd',
    severity: 'medium',
  },
  {
    // A shop that suddenly takes card-not-present payments is testing stolen card data or
    // lending its acquiring to someone else (a jump of 30 points and 3σ).
    code: 'CNP_SHARE_JUMP',
    nameZh: '无卡交易占比突增',
    nameEn: 'Card-not-present share jump',
    expression: 'count >= 50 and baseline.days >= 14 and cnpShare - baseline.cnpShare.mean > max(0.3, 3 * baseline.cnpShare.sd)',
    severity: 'medium',
  },
  {
    // Foreign cards are where card-data leaks are cashed in; 20 points and 3σ over the usual.
    code: 'FOREIGN_SHARE_JUMP',
    nameZh: '境外卡交易占比突增',
    nameEn: 'Foreign-card share jump',
    expression: 'count >= 50 and baseline.days >= 14 and foreignShare - baseline.foreignShare.mean > max(0.2, 3 * baseline.foreignShare.sd)',
    severity: 'medium',
  },
]);
