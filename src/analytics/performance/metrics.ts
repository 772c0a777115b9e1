import type { Localized } from '../../platform/errors.ts';

export const LEVELS = ['staff', 'team', 'branch', 'process'] as const;
export type Level = (typeof LEVELS)[number];

/** The measures, each with the way that is better: more volume is better, less handling time is. */
export const METRIC_INFO = {
  volume: { better: 'higher', name: { en: 'Volume (tasks completed)', zh: '业务量（完成任务数）' } },
  handlingSeconds: { better: 'lower', name: { en: 'Mean handling time', zh: '平均办理时长' } },
  handlingIndex: { better: 'lower', name: { en: 'Handling index (mix-adjusted; 1 = bank pace)', zh: '办理效率指数（按业务结构调整，1 为全行平均）' } },
  onTimeRate: { better: 'higher', name: { en: 'On time', zh: '按时办结率' } },
  reworkCaused: { better: 'lower', name: { en: 'Returned for correction', zh: '被退回补正次数' } },
  csat: { better: 'higher', name: { en: 'Customer rating (1–5)', zh: '客户评分（1–5）' } },
  nps: { better: 'higher', name: { en: 'NPS', zh: '净推荐值' } },
  complaints: { better: 'lower', name: { en: 'Complaints', zh: '投诉量' } },
} as const satisfies Record<string, { better: 'higher' | 'lower'; name: Localized }>;

export type Metric = keyof typeof METRIC_INFO;
export const METRICS = Object.keys(METRIC_INFO) as Metric[];

/**
 * How far a figure reaches its target: actual ÷ target where more is better, target ÷ actual
 * where less is (a zero actual meets any target). 1 or more means met.
 */
export function attainment(metric: Metric, actual: number | null, target: number): { ratio: number | null; met: boolean | null } {
  if (actual === null) return { ratio: null, met: null };
  if (METRIC_INFO[metric].better === 'higher') {
    if (target === 0) return { ratio: null, met: true };
    const ratio = Math.round((actual / target) * 1000) / 1000;
    return { ratio, met: actual >= target };
  }
  if (actual === 0) return { ratio: null, met: true };
  const ratio = Math.round((target / actual) * 1000) / 1000;
  return { ratio, met: actual <= target };
}
