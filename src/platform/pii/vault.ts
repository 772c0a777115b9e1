import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Personal data at rest: each value sealed with AES-256-GCM (a fresh nonce each time), and a keyed
 * digest (HMAC-SHA-256, a "blind index") beside it so an exact value — an ID number, a phone —
 * can be looked up without storing or comparing it in clear. Both keys derive from one master
 * key (HKDF), which comes from `BANKLANE_PII_KEY` or, failing that, the database's own store.
 */
export class PiiVault {
  private readonly sealKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the personal-data key must be 32 bytes');
    this.sealKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'banklane pii seal v1', 32));
    this.digestKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'banklane pii digest v1', 32));
  }

  /** `v1.<nonce>.<tag>.<ciphertext>`, base64url. */
  seal(text: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return ['v1', nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The lookup digest of a value of a kind (`id:resident_id`, `phone`), after normalising it. */
  digest(kind: string, value: string): string {
    return createHmac('sha256', this.digestKey).update(`${kind}\u0000${normalise(value)}`).digest('base64url');
  }
}

/** Spaces and separators do not make a different number; letters compare in upper case. */
export function normalise(value: string): string {
  return value.replace(/[\s\-().]/g, '').replace(/^\+?86(?=1\d{10}$)/, '').toUpperCase();
}

/**
 * The vault of this installation: from the configured key, or from a key generated once and kept
 * in the database (shared by every node; `BANKLANE_PII_KEY` should replace it in production).
 */
export async function openVault(db: Kysely<Database>, configured: string | null, now: Date): Promise<PiiVault> {
  if (configured) return new PiiVault(Buffer.from(configured, 'hex'));
  await db.insertInto('system_secret').values({ name: 'pii-master-key', value: randomBytes(32).toString('hex'), created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('system_secret').select('value').where('name', '=', 'pii-master-key').executeTakeFirstOrThrow();
  return new PiiVault(Buffer.from(row.value, 'hex'));
}
