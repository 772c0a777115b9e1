import type { FastifyInstance } from 'fastify';
import type { RouteAccess } from '../../src/platform/http/access-hook.ts';
import { registeredRoutes } from '../../src/platform/http/server.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $id?: string;
  default?: unknown;
  [key: string]: unknown;
};

/** One registered route: what the security suites are generated from. */
export type RouteEntry = {
  method: string;
  url: string;
  /** The declared access; `null` for routes outside the guarded prefixes (health, web, docs). */
  access: RouteAccess | null;
  body: JsonSchema | null;
  querystring: JsonSchema | null;
  params: JsonSchema | null;
  /** Whether the body is not JSON (a file upload), so JSON bad input does not apply as such. */
  multipart: boolean;
};

/** `GET /api/v1/x/:id` — how a route is named in test titles and failure messages. */
export const routeName = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;

/**
 * The route table of a started app: every method × URL registered, with its declared access and
 * its TypeBox schemas. HEAD routes Fastify adds for each GET are left out.
 */
export function routeTable(http: FastifyInstance): RouteEntry[] {
  const registered = registeredRoutes.get(http);
  if (!registered) throw new Error('this server was not built by createHttpServer: no route table');
  const table: RouteEntry[] = [];
  const seen = new Set<string>();
  for (const route of registered) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const schema = (route.schema ?? {}) as Record<string, JsonSchema | undefined>;
      const consumes = (schema as { consumes?: string[] }).consumes;
      table.push({
        method,
        url: route.url,
        access: ((route.config as { access?: RouteAccess } | undefined)?.access) ?? null,
        body: schema.body ?? null,
        querystring: schema.querystring ?? null,
        params: schema.params ?? null,
        multipart: Boolean(consumes?.some((c) => c.startsWith('multipart/'))),
      });
    }
  }
  return table;
}

/** The API routes: those under `/api/` (the Camunda-compatible `/engine-rest` has its own Basic authentication). */
export function apiRoutes(http: FastifyInstance): RouteEntry[] {
  return routeTable(http).filter((r) => r.url.startsWith('/api/'));
}

/** The path parameter names of a URL (`/a/:id/b/:code` → id, code). */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

/** Fills a URL's parameters from a map (missing ones get the fallback). */
export function fillPath(url: string, values: Record<string, string>, fallback = '00000000-0000-4000-8000-000000000000'): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? fallback));
}

/** Resolves `$ref`s to schemas shared with `addSchema` (by `$id`), one level at a time. */
export function resolver(http: FastifyInstance): (schema: JsonSchema | undefined) => JsonSchema | undefined {
  const shared = http.getSchemas() as Record<string, JsonSchema>;
  return function resolve(schema) {
    let s = schema;
    for (let i = 0; s?.$ref && i < 10; i++) s = shared[s.$ref.replace(/#$/, '')] ?? undefined;
    return s;
  };
}
