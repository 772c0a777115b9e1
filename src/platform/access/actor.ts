import type { Lang } from '../errors.ts';
import type { Permission, RoleScope } from './permissions.ts';

/** The signed-in staff member on whose behalf a request acts. */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  /** Materialised path of the actor's unit; the actor's unit-scoped reach is every path with this prefix. */
  unitPath: string;
  roles: string[];
  /** Each granted permission with the widest scope any of the actor's roles grants it. */
  permissions: ReadonlyMap<Permission, RoleScope>;
  sessionTokenHash: string;
};

/** What a service needs to know about the request it serves: who, from where, in which language. */
export type RequestContext = {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  lang: Lang;
};

/** A context for work Banklane does on its own behalf (start-up seeding, jobs, the CLI). */
export function systemContext(): RequestContext {
  return { actor: null, ip: null, requestId: null, lang: 'en' };
}
