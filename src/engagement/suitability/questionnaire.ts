import type { FieldError } from '../../platform/errors.ts';

/*
 * The risk-tolerance questionnaire (风险承受能力评估问卷): questions with scored answers, a total,
 * and the level C1–C5 the total reaches. Pure: the shipped version is data, the bank publishes
 * its own versions through the API.
 */

export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const LEVEL_NAMES: Record<RiskLevel, { en: string; zh: string }> = {
  C1: { en: 'conservative', zh: '保守型' },
  C2: { en: 'cautious', zh: '稳健型' },
  C3: { en: 'balanced', zh: '平衡型' },
  C4: { en: 'growth', zh: '成长型' },
  C5: { en: 'aggressive', zh: '进取型' },
};

export type AnswerOption = {
  id: string;
  en: string;
  zh: string;
  score: number;
  /** Choosing this answer caps the level, whatever the total (e.g. "no loss at all" → C1). */
  capLevel?: RiskLevel;
};
export type Question = { id: string; en: string; zh: string; options: AnswerOption[] };
/** The lowest total that reaches each level above C1. */
export type Thresholds = Record<Exclude<RiskLevel, 'C1'>, number>;
export type Questionnaire = { version: number; questions: Question[]; thresholds: Thresholds; validMonths: number };

const q = (id: string, en: string, zh: string, options: [string, string, number, RiskLevel?][]): Question => ({
  id,
  en,
  zh,
  options: options.map(([oen, ozh, score, capLevel], i) => ({ id: String.fromCharCode(97 + i), en: oen, zh: ozh, score, ...(capLevel ? { capLevel } : {}) })),
});

/** The questionnaire Banklane ships: eight questions, totals 8–32, valid twelve months. */
export const SHIPPED_QUESTIONNAIRE: Omit<Questionnaire, 'version'> = {
  validMonths: 12,
  thresholds: { C2: 13, C3: 18, C4: 23, C5: 28 },
  questions: [
    q('age', 'How old are you?', '您的年龄是？', [['Over 65', '65岁以上', 1], ['51 to 65', '51至65岁', 2], ['18 to 30', '18至30岁', 3], ['31 to 50', '31至50岁', 4]]),
    q('income', 'What is your household income a year?', '您的家庭年收入约为？', [['Under 100,000 yuan', '10万元以下', 1], ['100,000 to 500,000 yuan', '10万至50万元', 2], ['500,000 to 1 million yuan', '50万至100万元', 3], ['Over 1 million yuan', '100万元以上', 4]]),
    q('share', 'What share of your assets would you invest?', '您计划用于投资的资产占家庭总资产的比例？', [['Over 50%', '50%以上', 1], ['30% to 50%', '30%至50%', 2], ['10% to 30%', '10%至30%', 3], ['Under 10%', '10%以下', 4]]),
    q('experience', 'How long have you invested in anything other than deposits?', '您投资存款以外产品的经验有多久？', [['Never', '没有经验', 1], ['Under 2 years', '2年以下', 2], ['2 to 5 years', '2至5年', 3], ['Over 5 years', '5年以上', 4]]),
    q('products', 'Which of these have you held?', '您曾经投资过以下哪类产品？', [['Deposits only', '仅存款', 1], ['Bonds or fixed-income wealth products', '债券或固定收益类理财', 2], ['Funds or shares', '基金或股票', 3], ['Derivatives, private equity or structured products', '衍生品、私募股权或结构化产品', 4]]),
    q('horizon', 'How long can the money stay invested?', '您的投资期限是？', [['Under 1 year', '1年以内', 1], ['1 to 3 years', '1至3年', 2], ['3 to 5 years', '3至5年', 3], ['Over 5 years', '5年以上', 4]]),
    q('goal', 'What do you want from investing?', '您的投资目标是？', [['Keep the money safe', '保本保值', 1], ['Steady income', '获得稳定收益', 2], ['Growth over time', '资产稳步增长', 3], ['The highest return', '追求高收益', 4]]),
    q('loss', 'What loss could you bear?', '您能承受的最大投资损失是？', [['None: the capital must be kept', '不能承受本金损失', 1, 'C1'], ['Up to 5%', '5%以内', 2], ['5% to 20%', '5%至20%', 3], ['Over 20%', '20%以上', 4]]),
  ],
};

/** The level a total reaches under the thresholds. */
export function levelOf(total: number, thresholds: Thresholds): RiskLevel {
  let level: RiskLevel = 'C1';
  for (const l of RISK_LEVELS.slice(1) as Exclude<RiskLevel, 'C1'>[]) if (total >= thresholds[l]) level = l;
  return level;
}

export type Scored = { ok: true; score: number; level: RiskLevel } | { ok: false; errors: FieldError[] };

/**
 * Scores a full set of answers (question id → option id): every question answered with one of its
 * options, nothing else. The level is the one the total reaches, lowered to any cap an answer sets.
 */
export function scoreAnswers(questionnaire: Pick<Questionnaire, 'questions' | 'thresholds'>, answers: Record<string, string>): Scored {
  const errors: FieldError[] = [];
  let score = 0;
  let cap: RiskLevel = 'C5';
  for (const question of questionnaire.questions) {
    const chosen = answers[question.id];
    const option = question.options.find((o) => o.id === chosen);
    if (!option) {
      const how = chosen === undefined ? { en: 'is not answered', zh: '未作答' } : { en: `has no answer "${chosen}" (${question.options.map((o) => o.id).join(', ')})`, zh: `没有选项“${chosen}”（可选：${question.options.map((o) => o.id).join('、')}）` };
      errors.push({ field: `/answers/${question.id}`, message: { en: `Question "${question.en}" ${how.en}.`, zh: `问题“${question.zh}”${how.zh}。` } });
      continue;
    }
    score += option.score;
    if (option.capLevel && option.capLevel < cap) cap = option.capLevel;
  }
  for (const key of Object.keys(answers)) {
    if (!questionnaire.questions.some((qn) => qn.id === key)) errors.push({ field: `/answers/${key}`, message: { en: `There is no question "${key}" in this questionnaire.`, zh: `问卷中没有问题“${key}”。` } });
  }
  if (errors.length) return { ok: false, errors };
  const reached = levelOf(score, questionnaire.thresholds);
  return { ok: true, score, level: reached < cap ? reached : cap };
}

/**
 * The last day an assessment made on `day` holds: the day before the same date `months` later, so
 * twelve months from 2025-03-10 run to 2026-03-09; where that month has no such date, its last
 * day (one month from 31 January runs to the end of February).
 */
export function validUntil(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const end = d > last ? Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), last) : Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), d) - 86_400_000;
  return new Date(end).toISOString().slice(0, 10);
}

/** Problems in a questionnaire a bank publishes; empty when it can be used. */
export function questionnaireProblems(questionnaire: Omit<Questionnaire, 'version'>): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  questionnaire.questions.forEach((question, i) => {
    if (ids.has(question.id)) errors.push({ field: `/questions/${i}/id`, message: { en: `The question id "${question.id}" is used twice.`, zh: `问题编号“${question.id}”重复。` } });
    ids.add(question.id);
    const options = new Set(question.options.map((o) => o.id));
    if (options.size !== question.options.length) errors.push({ field: `/questions/${i}/options`, message: { en: 'Each answer needs its own id.', zh: '每个选项的编号不能重复。' } });
  });
  const max = questionnaire.questions.reduce((sum, question) => sum + Math.max(...question.options.map((o) => o.score)), 0);
  const min = questionnaire.questions.reduce((sum, question) => sum + Math.min(...question.options.map((o) => o.score)), 0);
  const t = questionnaire.thresholds;
  if (!(min < t.C2 && t.C2 < t.C3 && t.C3 < t.C4 && t.C4 < t.C5 && t.C5 <= max)) {
    errors.push({ field: '/thresholds', message: { en: `The thresholds must rise from C2 to C5, above the lowest total (${min}) and within the highest (${max}).`, zh: `各等级分数线应从C2到C5递增，高于最低总分（${min}）且不超过最高总分（${max}）。` } });
  }
  return errors;
}
