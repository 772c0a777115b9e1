import { addDays } from '../platform/calendar/calendar-data.ts';
import { cnResidentIdCheckChar, usccCheckChar } from '../platform/pii/index.ts';
import { mobile, personName } from '../demo/people.ts';
import { hash32, Random } from '../demo/random.ts';
import type { NewMerchant } from './merchant.schemas.ts';
import type { MerchantStatus, RiskRating } from './merchant.table.ts';
import type { RiskListEntryInput } from './risk-list.service.ts';
import { evaluateRules, type CompiledRule } from './rules/evaluate-rules.ts';
import type { MerchantDay } from './rules/merchant-day.ts';
import { ANOMALIES, ANOMALY_RULE, merchantDays, merchantProfile, type Anomaly } from './rules/test-merchant-days.ts';
import type { RawTxnRow } from './txn-import.service.ts';

/*
 * The demo merchants' plan, drawn from a seed without touching the database: who the merchants
 * are, where their onboarding ended, their 90 days of figures and the anomalies planted in them.
 * `demo-merchants.ts` writes it through the module's services.
 */

const DAY_MS = 86_400_000;
/** The seed of the demo bank's merchants: two demo banks started on the same day are alike. */
export const DEMO_MERCHANT_SEED = 20_261_130;
/** Days of figures: the 90 days before today. */
export const DEMO_FIGURE_DAYS = 90;

/** An instant of a China day: 09:00 there, plus `minutes`. */
export const onDay = (day: string, minutes = 0) => new Date(Date.parse(`${day}T01:00:00Z`) + minutes * 60_000);

type Industry = { mcc: string; kind: 'store' | 'online'; names: string[]; dailyCount: number; ticket: number; weight: number; feeRate: string; till: string };

/** Industries of the book: medians of a weekday's sales and of a ticket (yuan), the usual fee rate (percent). */
const INDUSTRIES: Record<string, Industry> = {
  grocery: { mcc: '5411', kind: 'store', names: ['{b}超市', '{b}生鲜超市', '{b}购物广场', '{b}便民超市'], dailyCount: 180, ticket: 65, weight: 13, feeRate: '0.38', till: '收银台' },
  convenience: { mcc: '5499', kind: 'store', names: ['{b}便利店', '{b}24小时便利'], dailyCount: 220, ticket: 28, weight: 9, feeRate: '0.38', till: '收银台' },
  restaurant: { mcc: '5812', kind: 'store', names: ['{b}餐厅', '{b}火锅', '{s}记面馆', '{b}饺子馆', '{b}烤鸭店', '{b}酒家', '{b}小馆'], dailyCount: 110, ticket: 95, weight: 18, feeRate: '0.60', till: '收银台' },
  fastFood: { mcc: '5814', kind: 'store', names: ['{b}快餐', '{s}记包子铺', '{b}麻辣烫', '{b}茶饮'], dailyCount: 200, ticket: 32, weight: 9, feeRate: '0.60', till: '点餐台' },
  pharmacy: { mcc: '5912', kind: 'store', names: ['{b}大药房', '{b}药店'], dailyCount: 90, ticket: 78, weight: 8, feeRate: '0.38', till: '收银台' },
  hotel: { mcc: '7011', kind: 'store', names: ['{b}酒店', '{b}商务酒店', '{b}精品酒店', '{b}快捷酒店'], dailyCount: 28, ticket: 480, weight: 5, feeRate: '0.60', till: '前台' },
  petrol: { mcc: '5541', kind: 'store', names: ['{b}加油站'], dailyCount: 260, ticket: 290, weight: 3, feeRate: '0.38', till: '加油岛' },
  electronics: { mcc: '5732', kind: 'store', names: ['{b}数码', '{b}电器', '{b}手机通讯'], dailyCount: 20, ticket: 1600, weight: 5, feeRate: '0.60', till: '收银台' },
  clothing: { mcc: '5651', kind: 'store', names: ['{b}服饰', '{b}时装', '{b}童装'], dailyCount: 35, ticket: 290, weight: 8, feeRate: '0.60', till: '收银台' },
  beauty: { mcc: '7230', kind: 'store', names: ['{b}美发', '{b}美容美发'], dailyCount: 30, ticket: 160, weight: 5, feeRate: '0.60', till: '前台' },
  books: { mcc: '5942', kind: 'store', names: ['{b}书店', '{b}书屋'], dailyCount: 40, ticket: 68, weight: 2, feeRate: '0.38', till: '收银台' },
  online: { mcc: '5999', kind: 'online', names: ['{b}网上商城', '{b}优选商城', '{b}官方商城'], dailyCount: 140, ticket: 150, weight: 8, feeRate: '0.60', till: '' },
  catalogue: { mcc: '5964', kind: 'online', names: ['{b}直销商城', '{b}电视购物'], dailyCount: 90, ticket: 220, weight: 4, feeRate: '0.60', till: '' },
};
/** What the regions' own merchants are: chains and online shops, served by the region (key accounts). */
const CHAIN_INDUSTRIES = ['grocery', 'convenience', 'petrol', 'hotel', 'online'];

const BRANDS = ['惠邻', '佳禾', '鑫源', '福满', '乐享', '金穗', '和顺', '永盛', '康宁', '益康', '启明', '优品', '尚品', '悦来', '瑞祥', '宏达', '万和', '家和', '一品', '德顺', '聚福', '嘉禾', '新隆', '华庭', '云栖', '青禾', '锦程', '星河', '绿源', '天和', '鼎丰', '安泰', '同福', '恒源', '春晖', '禾美'];
/** Brands only an eating place takes. */
const FOOD_BRANDS = [...BRANDS, '百味', '知味', '川香', '湘味', '蜀香', '粤味'];

type District = { name: string; streets: string[] };
const CITIES = {
  BJ: {
    name: '北京市',
    districts: {
      '110108': { name: '海淀区', streets: ['中关村大街', '知春路', '学院路', '成府路', '万柳中路', '清河中街', '北三环西路'] },
      '110105': { name: '朝阳区', streets: ['建国路', '三里屯路', '朝阳北路', '望京街', '酒仙桥路', '安立路', '东三环中路'] },
      '110101': { name: '东城区', streets: ['王府井大街', '东直门内大街', '崇文门外大街'] },
      '110102': { name: '西城区', streets: ['西单北大街', '金融大街', '德胜门外大街'] },
      '110106': { name: '丰台区', streets: ['丰台北路', '方庄路'] },
      '110114': { name: '昌平区', streets: ['回龙观西大街', '天通苑北街'] },
    } as Record<string, District>,
  },
  SH: {
    name: '上海市',
    districts: {
      '310115': { name: '浦东新区', streets: ['世纪大道', '张杨路', '陆家嘴环路', '金科路', '川沙路', '碧云路', '锦绣路'] },
      '310106': { name: '静安区', streets: ['南京西路', '江宁路', '延平路', '大宁路', '共和新路'] },
      '310101': { name: '黄浦区', streets: ['淮海中路', '南京东路', '西藏南路'] },
      '310104': { name: '徐汇区', streets: ['漕溪北路', '天钥桥路', '肇嘉浜路'] },
      '310107': { name: '普陀区', streets: ['长寿路', '曹杨路'] },
      '310105': { name: '长宁区', streets: ['天山路', '虹桥路'] },
    } as Record<string, District>,
  },
};
export type City = keyof typeof CITIES;

/** Where the merchants are served: the branches' own districts (some more than others) and the regions' chains. */
const UNITS: { code: string; city: City; districts: string[]; share: number }[] = [
  { code: 'BJ-HD', city: 'BJ', districts: ['110108', '110108', '110108', '110108', '110102', '110114'], share: 0.26 },
  { code: 'BJ-CY', city: 'BJ', districts: ['110105', '110105', '110105', '110105', '110101', '110106'], share: 0.24 },
  { code: 'SH-PD', city: 'SH', districts: ['310115'], share: 0.24 },
  { code: 'SH-JA', city: 'SH', districts: ['310106', '310106', '310106', '310101', '310104', '310107', '310105'], share: 0.18 },
  { code: 'BJ', city: 'BJ', districts: Object.keys(CITIES.BJ.districts), share: 0.04 },
  { code: 'SH', city: 'SH', districts: Object.keys(CITIES.SH.districts), share: 0.04 },
];

/** Birthplaces of people from elsewhere (resident ID region codes: Nanjing, Hangzhou, Chengdu, …). */
const ELSEWHERE = ['320102', '330106', '510104', '430102', '410105', '370102', '130102', '340104', '420106', '210102'];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const TERMINAL_MODELS: [model: string, prefix: string][] = [['百富 A920', 'PX'], ['百富 S90', 'PX'], ['新大陆 N910', 'NL'], ['联迪 APOS A8', 'LD'], ['升腾 K9', 'CT'], ['新国都 N5', 'XG']];

/** Merchants not active, of every 300: still applying, refused, restricted, suspended, terminated. */
const NOT_ACTIVE: [MerchantStatus, number][] = [['applying', 12], ['refused', 6], ['restricted', 6], ['suspended', 6], ['terminated', 8]];

export type PlannedMerchant = {
  /** Stands for the merchant in the figures until registration gives it a code. */
  key: string;
  unitCode: string;
  city: City;
  industry: string;
  application: NewMerchant;
  status: MerchantStatus;
  /** The rating the onboarding inputs were chosen for; the decision table rates them when written. */
  rating: RiskRating | null;
  ratingInputs: Record<string, unknown> | null;
  appliedOn: string;
  activatedOn: string | null;
  /** The day it was restricted, suspended, terminated or refused. */
  changedOn: string | null;
  terminals: { serial: string; model: string; location: string; region: string }[];
  agreements: { feeRate: string; startsOn: string }[];
  /** Its figures, from the first day it traded in the 90 days to the last; none when it did not. */
  figures: MerchantDay[];
};

export type DemoMerchantPlan = { merchants: PlannedMerchant[]; riskList: RiskListEntryInput[]; firstDay: string; lastDay: string };

function residentIdOf(random: Random, region: string): string {
  const birth = new Date(Date.UTC(1962, 0, 1) + random.int(36 * 365) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${birth}${String(random.int(1000)).padStart(3, '0')}`;
  return first17 + cnResidentIdCheckChar(first17);
}

/** A unified social credit code registered in `region`: 91 a company, 92 an individual business (个体工商户). */
function usccOf(random: Random, region: string, individual: boolean): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[random.int(USCC_CHARS.length)];
  const first17 = `${individual ? '92' : '91'}${region}${body}`;
  return first17 + usccCheckChar(first17);
}

/** A debit card number (Luhn check digit) for an individual business; a corporate account number otherwise. */
function accountOf(random: Random, city: City, serial: number, individual: boolean): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(10)).join('');
  if (!individual) return `${city === 'BJ' ? '1109' : '3101'}${String(serial).padStart(5, '0')}${digits(9)}`;
  const body = `621700${String(serial).padStart(5, '0')}${digits(7)}`;
  const sum = [...body].reverse().reduce((s, c, i) => s + (i % 2 === 0 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][Number(c)]! : Number(c)), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** Onboarding answers that make the rating table give `rating` (see the process README's table). */
function ratingInputsFor(random: Random, rating: RiskRating, m: { mcc: string; region: string; scale: string; kind: string }, revenue: number) {
  const years = 1 + random.int(15);
  const fault = rating === 'low' ? null : random.pick(rating === 'high' ? ['creditRecord', 'inspectionFindings'] : ['creditRecord', 'inspectionFindings', 'inspectionFindings']);
  return {
    mcc: m.mcc, region: m.region, scale: m.scale, merchantKind: m.kind, annualRevenue: revenue, yearsInBusiness: years,
    creditRecord: fault === 'creditRecord' ? (rating === 'high' ? 'poor' : 'fair') : 'good',
    inspectionFindings: fault === 'inspectionFindings' ? (rating === 'high' ? 'major' : 'minor') : 'none',
    listHits: 0,
  };
}

/**
 * The demo bank's merchants, planned from `seed` for figures ending on `lastDay` (yesterday):
 * who they are, where, how far they got and when, and their days of figures (normal ones;
 * anomalies are planted by `plantAnomalies`). Pure: the same seed and day give the same plan.
 */
export function planDemoMerchants(seed: number, lastDay: string, count = 300): DemoMerchantPlan {
  const random = new Random(seed);
  const today = addDays(lastDay, 1);
  const firstDay = addDays(lastDay, 1 - DEMO_FIGURE_DAYS);
  const units = UNITS.flatMap((u) => Array.from({ length: Math.round(u.share * count) }, () => u));
  const statusOf = statusesOf(random, units, count / 300);
  const draw = new UniqueDraws(random);
  let terminals = 0;
  const merchants = units.map((unit, index): PlannedMerchant => {
    const key = `D${String(index + 1).padStart(3, '0')}`;
    const { industry, profile, revenue, application } = applicationOf(random, draw, unit, index, key);
    const status = statusOf.get(index) ?? 'active';
    const { appliedOn, activatedOn, changedOn, rating } = timelineOf(random, status, today);
    const online = application.kind === 'online';
    const terminalCount = online || status === 'refused' ? 0 : { micro: 1, small: 1 + random.int(2), medium: 2 + random.int(3), large: 3 + random.int(4) }[application.scale] + (industry === 'petrol' ? 2 : 0);
    const planned = Array.from({ length: terminalCount }, (_, t) => {
      const [model, prefix] = random.pick(TERMINAL_MODELS);
      return { serial: `${prefix}${appliedOn.slice(2, 4)}${String(3_100_000 + ++terminals * 7).padStart(7, '0')}`, model, location: `${INDUSTRIES[industry]!.till} ${t + 1}`, region: application.region };
    });
    const feeRate = INDUSTRIES[industry]!.feeRate;
    const agreements = activatedOn ? [{ feeRate, startsOn: activatedOn }] : [];
    // a long-standing low-risk merchant renegotiated its fee after a year
    if (activatedOn && rating === 'low' && addDays(activatedOn, 400) < today && random.chance(0.25)) agreements.push({ feeRate: feeRate === '0.38' ? '0.35' : '0.55', startsOn: addDays(activatedOn, 365 + random.int(30)) });
    const tradedFrom = activatedOn && activatedOn >= firstDay ? addDays(activatedOn, 1) : firstDay;
    const tradedTo = status === 'suspended' || status === 'terminated' ? addDays(changedOn!, -1) : lastDay;
    const span = activatedOn ? Math.round((Date.parse(tradedTo) - Date.parse(tradedFrom)) / DAY_MS) + 1 : 0;
    // each merchant's figures from its own stream: a change to one merchant leaves the others' days as they were
    const figures = span > 0 ? merchantDays(new Random(hash32(`${seed}:${key}`)), profile, span, tradedFrom) : [];
    const ratingInputs = rating ? ratingInputsFor(random, rating, application, revenue) : null;
    return { key, unitCode: unit.code, city: unit.city, industry, application, status, rating, ratingInputs, appliedOn, activatedOn, changedOn, terminals: planned, agreements, figures };
  });
  return { merchants, riskList: riskListOf(random, merchants, today), firstDay, lastDay };
}

/** The merchants that are not active, by position: spread over the branches (the regions' chains are all active). */
function statusesOf(random: Random, units: typeof UNITS, scale: number): Map<number, MerchantStatus> {
  const branchSlots = units.flatMap((u, i) => (u.code.includes('-') ? [i] : []));
  const statusOf = new Map<number, MerchantStatus>();
  for (const [status, n] of NOT_ACTIVE) {
    for (let k = 0; k < Math.max(1, Math.round(n * scale)); k++) {
      let slot: number;
      do slot = random.pick(branchSlots);
      while (statusOf.has(slot));
      statusOf.set(slot, status);
    }
  }
  return statusOf;
}

/** Names and ID numbers drawn without repeats across the plan. */
class UniqueDraws {
  private readonly names = new Set<string>();
  private readonly idNumbers = new Set<string>();
  constructor(private readonly random: Random) {}

  name(draw: () => string): string {
    let name: string;
    do name = draw();
    while (this.names.has(name));
    this.names.add(name);
    return name;
  }

  /** Someone from `region` mostly, now and then from elsewhere in China. */
  person(region: string) {
    let id: string;
    do id = residentIdOf(this.random, this.random.chance(0.75) ? region : this.random.pick(ELSEWHERE));
    while (this.idNumbers.has(id));
    this.idNumbers.add(id);
    return { name: personName(this.random), idType: 'resident_id' as const, idNumber: id };
  }
}

/** Who the merchant is: its industry, its trade (drawn as the figures will be) and its application. */
function applicationOf(random: Random, draw: UniqueDraws, unit: (typeof UNITS)[number], index: number, key: string) {
  const chain = !unit.code.includes('-');
  const industryKey = chain ? random.pick(CHAIN_INDUSTRIES) : random.weighted(Object.entries(INDUSTRIES).map(([k, v]) => [k, v.weight] as const));
  const industry = INDUSTRIES[industryKey]!;
  const region = random.pick(unit.districts);
  const district = CITIES[unit.city].districts[region]!;
  const street = random.pick(district.streets);
  const profile = merchantProfile(random, key, { kind: industry.kind, dailyCount: industry.dailyCount * (chain ? 2 : 1), ticket: industry.ticket });
  const revenue = Math.round((profile.dailyCount * profile.ticket * 330) / 10_000) * 10_000;
  const scale = revenue < 1_200_000 ? 'micro' : revenue < 12_000_000 ? 'small' : revenue < 120_000_000 ? 'medium' : 'large';
  const individual = scale === 'micro' && !chain && random.chance(0.8);
  const name = draw.name(() => {
    const base = random.pick(industry.names).replace('{b}', random.pick(industry.mcc.startsWith('581') ? FOOD_BRANDS : BRANDS)).replace('{s}', personName(random).slice(0, 1));
    return industry.kind === 'store' && (chain || random.chance(0.5)) ? `${base}（${street.replace(/大街$/, '')}店）` : base;
  });
  const legal = draw.person(region);
  const owners = individual ? [] : random.weighted([[[51 + random.int(30)], 6], [[40 + random.int(10), 25 + random.int(15)], 3], [[], 1]] as const).map((share) => ({ ...draw.person(region), share }));
  const office = industry.kind === 'online' ? `${random.pick(['创业', '科技', '国际', '金融'])}大厦${2 + random.int(20)}层` : '';
  const application: NewMerchant = {
    name,
    uscc: usccOf(random, region, individual),
    kind: industry.kind,
    mcc: industry.mcc,
    region,
    scale,
    address: `${CITIES[unit.city].name}${district.name}${street}${1 + random.int(300)}号${office}`,
    unitCode: unit.code,
    settlementAccount: accountOf(random, unit.city, index + 1, individual),
    contactName: individual ? legal.name : personName(random),
    contactPhone: mobile(random),
    tier: chain ? (scale === 'large' ? 'strategic' : 'key') : scale === 'large' ? 'key' : 'standard',
    legalRepresentative: legal,
    ...(owners.length ? { beneficialOwners: owners } : {}),
  };
  return { industry: industryKey, profile, revenue, application };
}

/** When the merchant applied, was activated and last changed status, and the rating it was onboarded with. */
function timelineOf(random: Random, status: MerchantStatus, today: string) {
  const recent = status === 'active' && random.chance(0.08);
  const appliedOn =
    status === 'applying' ? addDays(today, -1 - random.int(10))
    : status === 'refused' ? addDays(today, -20 - random.int(60))
    : recent ? addDays(today, -25 - random.int(50))
    : status === 'terminated' ? addDays(today, -300 - random.int(800))
    : addDays(today, -100 - random.int(1000));
  const activatedOn = status === 'applying' || status === 'refused' ? null : addDays(appliedOn, 6 + random.int(10));
  const changedOn =
    status === 'refused' ? addDays(appliedOn, 3 + random.int(6))
    : status === 'restricted' || status === 'suspended' ? addDays(today, -3 - random.int(38))
    : status === 'terminated' ? addDays(today, -20 - random.int(180))
    : null;
  const rating: RiskRating | null =
    activatedOn === null ? null
    : status === 'restricted' || status === 'suspended' ? random.weighted([['high', 4], ['medium', 1]] as const)
    : status === 'terminated' ? random.weighted([['high', 1], ['medium', 1]] as const)
    : random.weighted([['low', 78], ['medium', 19], ['high', 3]] as const);
  return { appliedOn, activatedOn, changedOn, rating };
}

/**
 * The risk list's entries: one is an applying merchant's legal representative (its 360 view and
 * onboarding show the hit), one a merchant the bank terminated, the rest from elsewhere.
 */
function riskListOf(random: Random, merchants: PlannedMerchant[], today: string): RiskListEntryInput[] {
  const applying = merchants.find((m) => m.status === 'applying')!;
  const terminated = merchants.find((m) => m.status === 'terminated');
  const listed = (days: number) => addDays(today, -days);
  return [
    { kind: 'id_number', value: applying.application.legalRepresentative.idNumber, reason: '其任法定代表人的商户涉嫌组织信用卡套现，已被清算机构清退', source: '中国银联风险信息共享系统', listedOn: listed(140) },
    ...(terminated ? [{ kind: 'uscc' as const, value: terminated.application.uscc, reason: '虚构交易套现，本行已终止收单协议', source: '本行风险排查', listedOn: terminated.changedOn! }] : []),
    { kind: 'uscc', value: usccOf(random, '110105', false), reason: '移机跨区域使用受理终端，已被其他收单机构清退', source: '中国支付清算协会风险信息共享平台', listedOn: listed(60) },
    { kind: 'account', value: accountOf(random, 'SH', 90_000 + random.int(9_000), true), reason: '涉电信网络诈骗资金账户', source: '公安机关通报', listedOn: listed(35) },
    { kind: 'id_number', value: residentIdOf(random, random.pick(ELSEWHERE)), reason: '冒用他人身份申请商户入网', source: '本行风险排查', listedOn: listed(200) },
  ];
}

/** The anomalies planted: on how many merchants each, and over how many days running. */
const PLANTED: [Anomaly, merchants: number, days: number][] = [['chargebacks', 2, 2], ['volume', 1, 1], ['night', 2, 3], ['nearLimit', 2, 2], ['outsideRegion', 2, 3], ['refunds', 1, 1], ['cardNotPresent', 1, 3], ['foreign', 1, 2]];

export type PlantedAnomaly = { key: string; anomaly: Anomaly; rule: string; days: string[] };

/**
 * Plants each kind of anomaly on one or two trading merchants in the last three weeks, checking
 * with `rules` that the rule meant for it fires (else another merchant is tried). Changes the
 * plan's figures in place; answers what was planted where.
 */
export function plantAnomalies(plan: DemoMerchantPlan, rules: readonly CompiledRule[], seed: number): PlantedAnomaly[] {
  const random = new Random(seed ^ 0x5eed);
  const recentFrom = addDays(plan.lastDay, -20);
  const planted: PlantedAnomaly[] = [];
  const taken = new Set<string>();
  for (const [anomaly, merchants, span] of PLANTED) {
    const rule = ANOMALY_RULE[anomaly];
    // stores only where the anomaly is one a store shows (card-not-present sales, a moved terminal)
    const candidates = plan.merchants.filter((m) => m.figures.length >= 60 && m.figures.at(-1)!.day === plan.lastDay && !taken.has(m.key) && (m.application.kind === 'store' || !['cardNotPresent', 'outsideRegion'].includes(anomaly)));
    let done = 0;
    while (done < merchants && candidates.length) {
      const m = candidates.splice(random.int(candidates.length), 1)[0]!;
      const first = m.figures.findIndex((d) => d.day >= recentFrom);
      const start = first + random.int(Math.max(1, m.figures.length - first - span + 1));
      const days = m.figures.slice(start, start + span);
      if (days.length < span || days.some((d) => d.count < 50)) continue;
      const changed = days.map((d) => ANOMALIES[anomaly](d));
      const trial = [...m.figures.slice(0, start), ...changed, ...m.figures.slice(start + span)];
      if (![...evaluateRules(trial, rules, days[0]!.day)].some((f) => f.ruleCode === rule)) continue;
      m.figures = trial;
      taken.add(m.key);
      planted.push({ key: m.key, anomaly, rule, days: days.map((d) => d.day) });
      done++;
    }
  }
  return planted;
}

/** A day's figures as the import takes them: exact decimal text. */
export function txnRow(code: string, d: MerchantDay): RawTxnRow {
  return {
    merchant: code, day: d.day, count: String(d.count), amount: d.amount.toFixed(2), refunds: d.refunds.toFixed(2), chargebacks: String(d.chargebacks), declined: String(d.declined),
    night_share: d.nightShare.toFixed(4), cnp_share: d.cnpShare.toFixed(4), foreign_share: d.foreignShare.toFixed(4), max_amount: d.maxAmount.toFixed(2),
    near_limit_count: String(d.nearLimitCount), outside_region_count: String(d.outsideRegionCount),
  };
}
