import type { Kysely } from 'kysely';
import type { Config } from './config/config.ts';
import type { Database } from './db/schema.ts';
import type { PiiVault } from './pii/vault.ts';

/** What every service is given: the database, the configuration and the clock. */
export type Deps = {
  db: Kysely<Database>;
  config: Config;
  /** The current instant. Services never read the system clock themselves, so tests can set it. */
  clock: () => Date;
  /** New unique identifiers. */
  newId: () => string;
  /** Seals and digests personal data kept at rest. */
  vault: PiiVault;
};
