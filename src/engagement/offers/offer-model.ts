import { FEATURE_KEYS } from './offer-score.ts';
import { MIN_OUTCOMES, type ProductModel } from './offer.ts';

/*
 * The propensity model's fit: per product, an L2-regularised logistic regression of "accepted"
 * on the binary customer features held when each offer was shown (declined and ignored: not
 * accepted). Newton's method on a 14 × 14 system: exact, fast for thousands of offers, and
 * deterministic — the same history in the same order gives the same coefficients to the last bit.
 * Pure: no I/O.
 */

/** One offer's outcome as training reads it: the features that held when shown, and whether it was accepted. */
export type Observation = { features: readonly string[]; accepted: boolean };

/** The ridge penalty on the weights (not the intercept): keeps them finite and modest where a feature is rare or always wins. */
export const RIDGE = 1;
/** A light penalty on the intercept too: a product never (or always) accepted gets a low (high) chance, not an infinite one. */
const INTERCEPT_RIDGE = 0.1;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-9;
/** Coefficients are kept to this many decimals (what the API shows and the score reads). */
const PLACES = 4;

/**
 * Fits each product's model from its observations (`byProduct`, in a stable order). A product
 * with fewer than `minOutcomes` observations keeps its counts and no coefficients: the rules score it.
 */
export function fitModels(byProduct: ReadonlyMap<string, readonly Observation[]>, minOutcomes = MIN_OUTCOMES): Record<string, ProductModel> {
  const models: Record<string, ProductModel> = {};
  for (const [code, observations] of [...byProduct].sort(([a], [b]) => a.localeCompare(b))) {
    const accepted = observations.filter((o) => o.accepted).length;
    if (observations.length < minOutcomes) {
      models[code] = { samples: observations.length, accepted, intercept: null, weights: null };
      continue;
    }
    const beta = fitLogistic(observations.map((o) => vector(o.features)), observations.map((o) => (o.accepted ? 1 : 0)));
    const weights: Record<string, number> = {};
    FEATURE_KEYS.forEach((key, i) => (weights[key] = round(beta[i + 1]!)));
    models[code] = { samples: observations.length, accepted, intercept: round(beta[0]!), weights };
  }
  return models;
}

/** 1 for the intercept, then 0/1 per feature in FEATURE_KEYS order. */
function vector(features: readonly string[]): number[] {
  return [1, ...FEATURE_KEYS.map((k) => (features.includes(k) ? 1 : 0))];
}

/** Penalised maximum likelihood by Newton's method; β[0] is the intercept (penalised lightly). */
export function fitLogistic(x: readonly number[][], y: readonly number[], ridge = RIDGE): number[] {
  const p = x[0]?.length ?? 0;
  let beta = new Array<number>(p).fill(0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const gradient = beta.map((b, j) => -(j === 0 ? INTERCEPT_RIDGE : ridge) * b);
    const hessian = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k ? (j === 0 ? INTERCEPT_RIDGE : ridge) : 0)));
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let z = 0;
      for (let j = 0; j < p; j++) z += row[j]! * beta[j]!;
      const mu = 1 / (1 + Math.exp(-z));
      const w = mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        if (row[j] === 0) continue;
        gradient[j]! += row[j]! * (y[i]! - mu);
        for (let k = 0; k < p; k++) if (row[k] !== 0) hessian[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < TOLERANCE) break;
  }
  return beta;
}

/** Solves A·s = b by Gaussian elimination with partial pivoting (A is positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / lead;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const s = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * s[c]!;
    s[r] = sum / m[r]![r]!;
  }
  return s;
}

const round = (x: number) => Math.round(x * 10 ** PLACES) / 10 ** PLACES;
