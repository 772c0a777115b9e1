/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (digits and capital letters without I, O, Z, S, V), the last one a check character
 * computed modulo 31.
 */

/** Why a unified social credit code was rejected; checked in this order. */
export type UsccFailure = 'length' | 'format' | 'checksum';

export type UsccResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: UsccFailure };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FIRST17 = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{17}$/;
const CODE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;

/**
 * The GB 32100-2015 check character for the first 17 characters of a unified social credit
 * code: `31 − (Σ value×weight mod 31)`, where 31 maps to `0`, written in the code's alphabet.
 * Throws a `RangeError` unless `first17` is 17 characters of that alphabet (capitals only).
 */
export function usccCheckChar(first17: string): string {
  if (!FIRST17.test(first17)) {
    throw new RangeError(
      `usccCheckChar: expected 17 characters of ${CHARSET}, got ${JSON.stringify(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) {
    sum += CHARSET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return CHARSET.charAt(check === 31 ? 0 : check);
}

/**
 * Validates a unified social credit code: 18 characters, all from the code's alphabet, and the
 * check character. Letters are compared case-insensitively; the input is not trimmed. The
 * structure of the first 17 characters (registering authority, type, region, organization
 * code) is not checked. Never throws; a non-string input fails with `format`.
 */
export function validateUscc(value: string): UsccResult {
  if (typeof value !== 'string') return { ok: false, reason: 'format' };
  if (value.length !== 18) return { ok: false, reason: 'length' };
  const code = value.toUpperCase();
  if (!CODE.test(code)) return { ok: false, reason: 'format' };
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) {
    return { ok: false, reason: 'checksum' };
  }
  return { ok: true };
}
