import { maskCardNumber, maskEmail, maskIdNumber, maskPhone } from '../pii/index.ts';

const MASKERS: Record<string, (value: string) => string> = {
  phone: maskPhone,
  mobile: maskPhone,
  email: maskEmail,
  idNumber: maskIdNumber,
  id_number: maskIdNumber,
  cardNumber: maskCardNumber,
  card_number: maskCardNumber,
  accountNumber: maskCardNumber,
  account_number: maskCardNumber,
};

const SECRETS = new Set(['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash', 'csrfToken']);

/**
 * A copy of a value fit for the audit trail: personal data masked by field name, secrets left out,
 * dates as ISO text — the form in which it is both hashed and stored.
 */
export function auditSafe(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditSafe);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (SECRETS.has(key) || v === undefined) continue;
    const masker = MASKERS[key];
    out[key] = masker && typeof v === 'string' ? masker(v) : auditSafe(v);
  }
  return out;
}
