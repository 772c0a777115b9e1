/*
 * Merchant category codes (ISO 18245) a merchant manager meets most, with their names, for the
 * register form's suggestions and for showing a code with its meaning. Any four-digit code may
 * be entered; `high` marks the industries the rating table (merchantRiskRating) rates high.
 */

export type MccEntry = { code: string; nameZh: string; nameEn: string; high?: boolean };

export const COMMON_MCC: readonly MccEntry[] = [
  { code: '5411', nameZh: '超市、便利店', nameEn: 'Grocery stores, supermarkets' },
  { code: '5812', nameZh: '餐馆、餐厅', nameEn: 'Restaurants' },
  { code: '5814', nameZh: '快餐店', nameEn: 'Fast food' },
  { code: '5311', nameZh: '百货商店', nameEn: 'Department stores' },
  { code: '5331', nameZh: '杂货店', nameEn: 'Variety stores' },
  { code: '5399', nameZh: '综合零售', nameEn: 'General merchandise' },
  { code: '5541', nameZh: '加油站', nameEn: 'Service stations' },
  { code: '5651', nameZh: '服装店', nameEn: 'Clothing stores' },
  { code: '5732', nameZh: '电子产品商店', nameEn: 'Electronics stores' },
  { code: '5912', nameZh: '药店', nameEn: 'Drug stores, pharmacies' },
  { code: '5999', nameZh: '其他专业零售', nameEn: 'Miscellaneous retail' },
  { code: '7011', nameZh: '酒店、宾馆', nameEn: 'Hotels' },
  { code: '7230', nameZh: '美容美发', nameEn: 'Beauty and barber shops' },
  { code: '8062', nameZh: '医院', nameEn: 'Hospitals' },
  { code: '8220', nameZh: '高等院校', nameEn: 'Colleges, universities' },
  { code: '4829', nameZh: '汇款服务', nameEn: 'Money transfer', high: true },
  { code: '5933', nameZh: '典当行', nameEn: 'Pawn shops', high: true },
  { code: '5967', nameZh: '直销（电话营销）', nameEn: 'Inbound telemarketing', high: true },
  { code: '6051', nameZh: '准现金交易', nameEn: 'Quasi-cash', high: true },
  { code: '6211', nameZh: '证券经纪', nameEn: 'Securities brokers', high: true },
  { code: '7273', nameZh: '婚恋交友服务', nameEn: 'Dating services', high: true },
  { code: '7995', nameZh: '博彩', nameEn: 'Gambling', high: true },
];

const byCode = new Map(COMMON_MCC.map((m) => [m.code, m]));

/** The code with its name when it is a common one: `5411 超市、便利店`. */
export function mccLabel(code: string, pick: (named: { nameZh: string; nameEn: string }) => string): string {
  const entry = byCode.get(code);
  return entry ? `${code} ${pick(entry)}` : code;
}
