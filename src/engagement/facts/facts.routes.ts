import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../platform/access/actor.ts';
import { readRowFileUpload } from '../../platform/http/file-upload.ts';
import type { Deps } from '../../platform/deps.ts';
import { importFactFile, importFactRows, SPECS, type FactImported } from './fact-import.service.ts';
import type { FactImportKind } from './facts.table.ts';

/** Work once an import is committed, for the customers it touched (their facts and segments); its answer joins the report. */
export type AfterImport = (ctx: RequestContext, customers: string[]) => Promise<unknown>;

/** A file, at most this large (about 400,000 activity rows). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const KINDS: { kind: FactImportKind; path: string; what: string }[] = [
  { kind: 'activity', path: '/api/v1/customer-activity', what: 'daily activity per customer and channel' },
  { kind: 'balance', path: '/api/v1/customer-balances', what: 'balance snapshots (assets under management)' },
];

const rowsBody = (kind: FactImportKind) =>
  Type.Object(
    { rows: Type.Array(Type.Object(Object.fromEntries(SPECS[kind].columns.map((c) => [c, Type.String({ maxLength: 100 })])), { additionalProperties: false }), { minItems: 1, maxItems: 50_000 }), acceptValid: Type.Optional(Type.Boolean()) },
    { additionalProperties: false },
  );

/** Core banking's end-of-day files of customer activity and balances: as CSV uploads or JSON rows. */
export const factRoutes = (afterImport: AfterImport) => (app: FastifyInstance, deps: Deps): void => {
  const tags = ['customer segments'];
  const answer = async (ctx: RequestContext, imported: FactImported) => {
    const { customers, ...report } = imported;
    return { ...report, refresh: customers.length ? await afterImport(ctx, customers) : null };
  };

  // multipart is parsed for these routes only: every other route takes JSON
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 2, parts: 3 } });
    for (const { kind, path, what } of KINDS) {
      scope.post(path, {
        config: { access: { permission: 'segment.manage' } },
        schema: { tags, summary: `Import a CSV of ${what} (columns ${SPECS[kind].columns.join(', ')}; plain or gzipped); refused whole when a row is bad unless acceptValid=true (sent before the file). The same file again changes nothing (200). The customers it touches are refreshed.` },
      }, async (request, reply) => {
        const file = await readRowFileUpload(request, MAX_FILE_BYTES);
        const report = await importFactFile(deps, request.ctx, kind, file, file.acceptValid);
        return reply.code(report.alreadyImported ? 200 : 201).send(await answer(request.ctx, report));
      });
    }
  });

  for (const { kind, path, what } of KINDS) {
    const body = rowsBody(kind);
    app.post<{ Body: Static<typeof body> }>(`${path}/rows`, {
      config: { access: { permission: 'segment.manage' } },
      schema: { tags, summary: `Send ${what} as JSON rows (the CSV columns, as text); the same rules as a file`, body },
    }, async (request, reply) => {
      const report = await importFactRows(deps, request.ctx, kind, request.body.rows as Record<string, string>[], request.body.acceptValid ?? false);
      return reply.code(report.alreadyImported ? 200 : 201).send(await answer(request.ctx, report));
    });
  }
};
