/**
 * Chinese resident identity number (居民身份证号码, GB 11643-1999): 6-digit region code,
 * 8-digit birth date `YYYYMMDD`, 3-digit sequence (odd for men, even for women) and a check
 * character computed with ISO 7064 MOD 11-2.
 */

/** Why a resident identity number was rejected; checked in this order. */
export type CnResidentIdFailure = 'length' | 'format' | 'birth_date' | 'checksum';

export type CnResidentIdResult =
  | {
      readonly ok: true;
      /** Birth date, `YYYY-MM-DD`. */
      readonly birthDate: string;
      readonly sex: 'male' | 'female';
      /** The administrative-division code (first 6 digits), unchecked against any register. */
      readonly regionCode: string;
    }
  | { readonly ok: false; readonly reason: CnResidentIdFailure };

export type CnResidentIdOptions = {
  /**
   * Today's date (`YYYY-MM-DD`, the caller's clock). When given, a birth date after it is
   * rejected as `birth_date`.
   */
  readonly today?: string;
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * The ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) for the first 17 digits of a resident
 * identity number. Throws a `RangeError` unless `first17` is exactly 17 ASCII digits.
 */
export function cnResidentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(
      `cnResidentIdCheckChar: expected 17 digits, got ${JSON.stringify(first17)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) {
    sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/** `YYYY-MM-DD` when `yyyymmdd` is a real calendar date (Gregorian, leap years honoured). */
function calendarDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates an 18-character resident identity number: 17 digits then a digit or `X` (a
 * lowercase `x` is accepted), a real birth date on or after 1900-01-01 (and not after
 * `options.today` when given), and the MOD 11-2 check character. The input is not trimmed.
 * Never throws; a non-string input fails with `format`.
 */
export function validateCnResidentId(
  value: string,
  options: CnResidentIdOptions = {},
): CnResidentIdResult {
  if (typeof value !== 'string') return { ok: false, reason: 'format' };
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dXx]$/.test(value)) return { ok: false, reason: 'format' };

  const birthDate = calendarDate(value.slice(6, 14));
  if (
    birthDate === undefined ||
    birthDate < EARLIEST_BIRTH_DATE ||
    (options.today !== undefined && birthDate > options.today)
  ) {
    return { ok: false, reason: 'birth_date' };
  }

  const first17 = value.slice(0, 17);
  if (cnResidentIdCheckChar(first17) !== value.charAt(17).toUpperCase()) {
    return { ok: false, reason: 'checksum' };
  }
  return {
    ok: true,
    birthDate,
    sex: Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}
