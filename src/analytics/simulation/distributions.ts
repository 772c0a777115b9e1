import type { FieldError } from '../../platform/errors.ts';
import type { Random } from './random.ts';

/**
 * How long something takes, in seconds. `normal` is truncated at 0 (a negative draw is drawn
 * again); `lognormal` is given by the mean and standard deviation of the duration itself, not of
 * its logarithm, so that a person can read and edit it; `empirical` draws one of the observed values.
 */
export type Distribution =
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mean: number; sd: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'fixed'; value: number }
  | { kind: 'empirical'; values: number[] };

export const DISTRIBUTION_KINDS = ['exponential', 'normal', 'lognormal', 'uniform', 'fixed', 'empirical'] as const;

/** The longest duration a parameter may hold: ten years, in seconds. */
export const MAX_SECONDS = 10 * 365 * 86_400;
/** The most values an empirical distribution keeps. */
export const MAX_EMPIRICAL_VALUES = 10_000;

/** A draw of N(0, 1) by Box–Muller; keeps the second value of each pair for the next call. */
function standardNormal(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    const u = 1 - random();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** Log-space parameters of a lognormal with the given mean and standard deviation (mean > 0). */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** A function drawing durations (seconds, ≥ 0) from the distribution with the given stream. */
export function sampler(d: Distribution, random: Random): () => number {
  switch (d.kind) {
    case 'fixed':
      return () => d.value;
    case 'exponential':
      return () => -d.mean * Math.log(1 - random());
    case 'uniform':
      return () => d.min + (d.max - d.min) * random();
    case 'empirical': {
      const values = d.values;
      return () => values[Math.min(values.length - 1, Math.floor(random() * values.length))]!;
    }
    case 'normal': {
      const z = standardNormal(random);
      return () => {
        // truncated at 0: draw again; a distribution almost all below 0 gives 0 rather than looping
        for (let i = 0; i < 100; i++) {
          const x = d.mean + d.sd * z();
          if (x >= 0) return x;
        }
        return 0;
      };
    }
    case 'lognormal': {
      if (d.sd === 0 || d.mean === 0) return () => d.mean;
      const { mu, sigma } = lognormalParameters(d.mean, d.sd);
      const z = standardNormal(random);
      return () => Math.exp(mu + sigma * z());
    }
  }
}

/** The distribution's mean in seconds (of the normal before truncation). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'exponential':
    case 'normal':
    case 'lognormal':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'empirical':
      return d.values.reduce((s, v) => s + v, 0) / d.values.length;
  }
}

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_SECONDS;

/**
 * Checks a distribution a person sent; the errors name `field` and its parts. Returns the
 * distribution with only its own fields when it is sound.
 */
export function checkDistribution(value: unknown, field: string): { ok: true; value: Distribution } | { ok: false; errors: FieldError[] } {
  const bad = (part: string, en: string, zh: string) => ({ ok: false as const, errors: [{ field: `${field}${part}`, message: { en, zh } }] });
  const seconds = (part: string) => bad(part, `must be a number of seconds from 0 to ${MAX_SECONDS}`, `应为 0 到 ${MAX_SECONDS} 之间的秒数`);
  if (typeof value !== 'object' || value === null) return bad('', 'must be a distribution: { kind, … }', '应为分布：{ kind, … }');
  const v = value as Record<string, unknown>;
  const known: Record<string, string[]> = { exponential: ['mean'], normal: ['mean', 'sd'], lognormal: ['mean', 'sd'], uniform: ['min', 'max'], fixed: ['value'], empirical: ['values'] };
  const kind = v.kind;
  if (typeof kind !== 'string' || !(kind in known)) return bad('/kind', `must be one of ${DISTRIBUTION_KINDS.join(', ')}`, `应为以下之一：${DISTRIBUTION_KINDS.join('、')}`);
  const fields = known[kind]!;
  const extra = Object.keys(v).find((k) => k !== 'kind' && !fields.includes(k));
  if (extra) return bad(`/${extra}`, `is not a field of a ${kind} distribution (${fields.join(', ')})`, `不是 ${kind} 分布的字段（${fields.join('、')}）`);
  for (const f of fields) if (f !== 'values' && !isSeconds(v[f])) return seconds(`/${f}`);
  switch (kind) {
    case 'exponential':
      return { ok: true, value: { kind, mean: v.mean as number } };
    case 'normal':
      return { ok: true, value: { kind, mean: v.mean as number, sd: v.sd as number } };
    case 'lognormal':
      if ((v.mean as number) === 0 && (v.sd as number) > 0) return bad('/mean', 'must be above 0 when the standard deviation is', '标准差大于 0 时均值须大于 0');
      return { ok: true, value: { kind, mean: v.mean as number, sd: v.sd as number } };
    case 'uniform':
      if ((v.min as number) > (v.max as number)) return bad('/max', 'must not be below min', '不能小于 min');
      return { ok: true, value: { kind, min: v.min as number, max: v.max as number } };
    case 'fixed':
      return { ok: true, value: { kind, value: v.value as number } };
    default: {
      const values = v.values;
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_EMPIRICAL_VALUES) return bad('/values', `must hold 1 to ${MAX_EMPIRICAL_VALUES} durations`, `应包含 1 到 ${MAX_EMPIRICAL_VALUES} 个时长`);
      const i = values.findIndex((x) => !isSeconds(x));
      if (i >= 0) return seconds(`/values/${i}`);
      return { ok: true, value: { kind: 'empirical', values: values as number[] } };
    }
  }
}

/** Φ, the standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function cdf(d: Distribution): (x: number) => number {
  switch (d.kind) {
    case 'exponential':
      return (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / d.mean));
    case 'normal':
      return (x) => normalCdf((x - d.mean) / d.sd);
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(d.mean, d.sd);
      return (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma));
    }
    case 'uniform':
      return (x) => Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    default:
      throw new Error(`no distribution function for ${d.kind}`);
  }
}

/** The Kolmogorov–Smirnov distance between sorted observations and a distribution. */
export function ksDistance(sorted: readonly number[], d: Distribution): number {
  const F = cdf(d);
  const n = sorted.length;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const f = F(sorted[i]!);
    worst = Math.max(worst, f - i / n, (i + 1) / n - f);
  }
  return worst;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The distribution that fits observed durations (seconds) best: fixed when they (nearly) do not
 * vary, else whichever of exponential, normal, lognormal and uniform — each with the observations'
 * moments or range — is nearest by the Kolmogorov–Smirnov distance. Parameters are rounded to a
 * tenth of a second.
 */
export function fitDistribution(values: readonly number[]): { distribution: Distribution; mean: number; sd: number; ksDistance: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  if (n === 1 || sd < Math.max(0.05, 1e-3 * mean)) return { distribution: { kind: 'fixed', value: round1(mean) }, mean, sd, ksDistance: 0 };
  // a sample of at most 20,000 spread over the sorted observations keeps the fit fast on big logs
  const all = [...values].sort((x, y) => x - y);
  const step = Math.max(1, Math.floor(all.length / 20_000));
  const sorted = step === 1 ? all : all.filter((_, i) => i % step === 0);
  const candidates: Distribution[] = [
    { kind: 'exponential', mean: round1(mean) },
    { kind: 'normal', mean: round1(mean), sd: round1(sd) },
    ...(all[0]! > 0 ? [{ kind: 'lognormal' as const, mean: round1(mean), sd: round1(sd) }] : []),
    { kind: 'uniform', min: round1(all[0]!), max: round1(all[all.length - 1]!) },
  ];
  let best = { distribution: candidates[0]!, ksDistance: Infinity };
  for (const c of candidates) {
    const distance = ksDistance(sorted, c);
    if (distance < best.ksDistance) best = { distribution: c, ksDistance: distance };
  }
  return { ...best, ksDistance: Math.round(best.ksDistance * 1000) / 1000, mean, sd };
}
