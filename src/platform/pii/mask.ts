/**
 * Display masking of personal data (JR/T 0171-2020 common practice: phone 3+4, ID and card
 * numbers 6+4). Masking is for lists and logs; it is not a security boundary for storage.
 *
 * Every function here:
 * - returns `null`, `undefined` and `''` unchanged;
 * - never throws, whatever it is given (a non-string at run time is stringified, then masked);
 * - never returns the full value of an input of 4 characters or more (lengths in Unicode code
 *   points, after separators are removed where noted).
 */

/** What a masking function accepts: a possibly missing string. */
export type MaskInput = string | null | undefined;

/** A masked value: a string for a string input, otherwise the input's own type. */
export type Masked<T extends MaskInput> = T extends string ? string : T;

const STAR = '*';
/** At least this many characters must be hidden before we show a head and a tail. */
const MIN_HIDDEN = 4;

function guard<T extends MaskInput>(value: T, mask: (s: string) => string): Masked<T> {
  if (value === null || value === undefined || value === '') return value as Masked<T>;
  try {
    return mask(String(value)) as Masked<T>;
  } catch {
    // Unreachable in practice; a masking helper must still never leak or throw.
    return STAR.repeat(4) as Masked<T>;
  }
}

function stars(count: number): string {
  return STAR.repeat(Math.max(0, count));
}

/** Keeps the last 2 characters of 4 or more, hides everything of fewer than 4. */
function maskShort(chars: readonly string[]): string {
  if (chars.length < 4) return stars(chars.length);
  return stars(chars.length - 2) + chars.slice(-2).join('');
}

/**
 * Keeps `head` leading and `tail` trailing characters, stars in between (same length), when at
 * least {@link MIN_HIDDEN} characters remain hidden; otherwise falls back to {@link maskShort}.
 */
function maskMiddle(text: string, head: number, tail: number): string {
  const chars = Array.from(text);
  if (chars.length < head + tail + MIN_HIDDEN) return maskShort(chars);
  return (
    chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(-tail).join('')
  );
}

/** Keeps the first character, stars for the rest (same length); a single character is hidden. */
function maskAfterFirst(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= 1) return stars(chars.length);
  return (chars[0] ?? '') + stars(chars.length - 1);
}

function removeSeparators(text: string): string {
  return text.replace(/[\s\-().]/g, '');
}

/**
 * Masks a phone number for display.
 *
 * Spaces, dashes, dots and parentheses are ignored. A mainland mobile number (11 digits starting
 * with 1) becomes `138****1234`; with a `+86`, `0086` or `86` prefix it becomes
 * `+86 138****1234`. Any other value keeps its first 3 and last 4 characters when at least 4
 * characters remain hidden (11 or more), else only its last 2 (4 to 10), else nothing (1 to 3).
 */
export function maskPhone<T extends MaskInput>(value: T): Masked<T> {
  return guard(value, (raw) => {
    const compact = removeSeparators(raw);
    if (compact === '') return raw;
    const mainland = /^(?:(?:\+|00)?86)?(1\d{10})$/.exec(compact);
    if (mainland?.[1] !== undefined) {
      const mobile = mainland[1];
      const prefix = mobile.length === compact.length ? '' : '+86 ';
      return `${prefix}${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
    }
    return maskMiddle(compact, 3, 4);
  });
}

/**
 * Masks an identity-document number: first 6 and last 4 characters kept, stars in between, same
 * length (`110101********1234`). Spaces and dashes are ignored. Values shorter than 14
 * characters keep only their last 2 characters (or none below 4).
 */
export function maskIdNumber<T extends MaskInput>(value: T): Masked<T> {
  return guard(value, (raw) => {
    const compact = removeSeparators(raw);
    return compact === '' ? raw : maskMiddle(compact, 6, 4);
  });
}

/**
 * Masks a bank card number: first 6 (issuer BIN) and last 4 digits kept, stars in between, same
 * length (`622202*********7890` for 19 digits). Spaces and dashes are ignored. Values shorter
 * than 14 characters keep only their last 2 characters (or none below 4).
 */
export function maskCardNumber<T extends MaskInput>(value: T): Masked<T> {
  return guard(value, (raw) => {
    const compact = removeSeparators(raw);
    return compact === '' ? raw : maskMiddle(compact, 6, 4);
  });
}

/**
 * Masks a personal name: the first character kept, every other character a star, same length
 * in characters (`张三丰` → `张**`, `Li` → `L*`). A one-character name becomes `*`. Surrounding
 * whitespace is dropped.
 */
export function maskName<T extends MaskInput>(value: T): Masked<T> {
  return guard(value, (raw) => {
    const name = raw.trim();
    return name === '' ? raw : maskAfterFirst(name);
  });
}

/**
 * Masks an e-mail address: the first character of the local part kept, the rest of the local
 * part starred (same length), the domain kept (`wang.lei@bank.cn` → `w*******@bank.cn`). The
 * last `@` separates local part and domain. A value without a local part is masked like a name.
 */
export function maskEmail<T extends MaskInput>(value: T): Masked<T> {
  return guard(value, (raw) => {
    const email = raw.trim();
    if (email === '') return raw;
    const at = email.lastIndexOf('@');
    if (at <= 0) return maskAfterFirst(email);
    return maskAfterFirst(email.slice(0, at)) + email.slice(at);
  });
}
