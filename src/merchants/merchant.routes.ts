import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../platform/access/actor.ts';
import { readRowFileUpload } from '../platform/http/file-upload.ts';
import type { Deps } from '../platform/deps.ts';
import { ValidationError } from '../platform/errors.ts';
import { IdParam, Paging, responses } from '../platform/http/schemas.ts';
import type { Engine } from '../engine/engine.ts';
import { addAgreement, addTerminal, transactionDays } from './merchant-records.service.ts';
import { startOnboarding } from './onboarding.ts';
import * as S from './merchant.schemas.ts';
import { listMerchants, merchant360, registerMerchant } from './merchant.service.ts';
import { addRiskListEntries, listRiskEntries, RISK_LIST_COLUMNS, RISK_LIST_KINDS, RiskListEntryBody, riskListRows } from './risk-list.service.ts';
import { importTransactionFile, importTransactionRows, TXN_COLUMNS, type Imported, type RawTxnRow } from './txn-import.service.ts';
import { raiseAlerts } from './alerts.service.ts';

type Id = Static<typeof IdParam>;

const RiskListBody = Type.Object({ entries: Type.Array(RiskListEntryBody, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
const RiskListQuery = Type.Object({ kind: Type.Optional(Type.Unsafe<(typeof RISK_LIST_KINDS)[number]>({ type: 'string', enum: [...RISK_LIST_KINDS] })), ...Paging }, { additionalProperties: false });
const TxnRow = Type.Object(Object.fromEntries(TXN_COLUMNS.map((c) => [c, Type.String({ maxLength: 40 })])), { additionalProperties: false });
const TxnRowsBody = Type.Object({ rows: Type.Array(TxnRow, { minItems: 1, maxItems: 50_000 }), acceptValid: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const DaysQuery = Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }, { additionalProperties: false });

/** A transaction file, at most this large (about 200,000 rows). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The import's report, with the alerts its days raised (the rules run once the figures are committed). */
async function answer(deps: Deps, ctx: RequestContext, imported: Imported) {
  const { written, ...report } = imported;
  const alerts = written ? await raiseAlerts(deps, ctx, written.merchantIds, written.from, written.to) : { opened: 0, repeated: 0 };
  return { ...report, alerts };
}

/** Merchants (特约商户): the registry and 360 view, onboarding, the risk list, transaction data. */
export const merchantRoutes = (engine: Engine) => (app: FastifyInstance, deps: Deps): void => {
  const tags = ['merchants'];

  app.get<{ Querystring: S.MerchantListFilter }>('/api/v1/merchants', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: "Merchants of the caller's branches: by name, merchant code or social credit code, status and risk rating (masked)", querystring: S.MerchantListQuery },
  }, async (request) => listMerchants(deps, request.ctx, request.query));

  app.post<{ Body: S.NewMerchant }>('/api/v1/merchants', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'Register a merchant applying for acquiring (social credit code and ID numbers checked; personal data and the account sealed)', body: S.NewMerchantBody },
  }, async (request, reply) => reply.code(201).send(await registerMerchant(deps, request.ctx, request.body)));

  app.get<{ Params: Id }>('/api/v1/merchants/:id', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: 'The merchant 360 view (by id or merchant code): record, people, terminals, agreements, ratings, alerts, the last 30 days, risk-list hits', params: IdParam },
  }, async (request) => merchant360(deps, request.ctx, request.params.id));

  app.post<{ Params: Id }>('/api/v1/merchants/:id/onboarding', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'Start onboarding (入网) of an applying merchant: KYC, risk-list check, inspection, rating, approval by authority, agreement, terminals, activation', params: IdParam },
  }, async (request, reply) => reply.code(201).send(await startOnboarding(deps, engine, request.ctx, request.params.id)));

  app.post<{ Params: Id; Body: Static<typeof S.NewTerminalBody> }>('/api/v1/merchants/:id/terminals', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'Register a terminal (POS) for the merchant', params: IdParam, body: S.NewTerminalBody },
  }, async (request, reply) => reply.code(201).send(await addTerminal(deps, request.ctx, request.params.id, request.body)));

  app.post<{ Params: Id; Body: Static<typeof S.NewAgreementBody> }>('/api/v1/merchants/:id/agreements', {
    config: { access: { permission: 'merchant.write' } },
    schema: { tags, summary: 'A new version of the cooperation agreement: fee rate and term (the previous version ends the day before)', params: IdParam, body: S.NewAgreementBody },
  }, async (request, reply) => reply.code(201).send(await addAgreement(deps, request.ctx, request.params.id, request.body)));

  app.get<{ Params: Id; Querystring: Static<typeof DaysQuery> }>('/api/v1/merchants/:id/transactions', {
    config: { access: { permission: 'merchant.read' } },
    schema: { tags, summary: "The merchant's daily transaction figures between two days", params: IdParam, querystring: DaysQuery },
  }, async (request) => {
    if (request.query.from > request.query.to) throw new ValidationError([{ field: 'querystring:/to', message: { en: 'The end must not come before the start.', zh: '结束日期不能早于开始日期。' } }]);
    return transactionDays(deps, request.ctx, request.params.id, request.query.from, request.query.to);
  });

  app.get<{ Querystring: Static<typeof RiskListQuery> }>('/api/v1/risk-list', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'The risk-information list (风险信息名单), newest first, values masked', querystring: RiskListQuery },
  }, async (request) => listRiskEntries(deps, { kind: request.query.kind, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }));

  app.post<{ Body: Static<typeof RiskListBody> }>('/api/v1/risk-list', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'Add entries to the risk list, all or none (up to 1,000; an entry already listed is counted, not added twice)', body: RiskListBody },
  }, async (request) => addRiskListEntries(deps, request.ctx, request.body.entries, (i, name) => `/entries/${i}/${name}`));

  // multipart is parsed for this route only: every other route takes JSON
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 2, parts: 3 } });
    scope.post('/api/v1/risk-list/import', {
      config: { access: { permission: 'merchant.risk' } },
      schema: { tags, summary: `Add the entries of a CSV file to the risk list (columns ${RISK_LIST_COLUMNS.join(', ')}; plain or gzipped), all or none: each fault named by line and column` },
    }, async (request) => {
      const file = await readRowFileUpload(request, MAX_FILE_BYTES);
      const { entries, lines } = await riskListRows(file.bytes);
      return addRiskListEntries(deps, request.ctx, entries, (i, name) => `/rows/${lines[i]}/${name}`);
    });
    scope.post('/api/v1/merchant-transactions', {
      config: { access: { permission: 'merchant.risk' } },
      schema: { tags, summary: `Import a CSV of daily transaction figures (columns ${TXN_COLUMNS.join(', ')}; plain or gzipped). Refused whole when a row is bad unless acceptValid=true (sent before the file). The same file again changes nothing (200).` },
    }, async (request, reply) => {
      const file = await readRowFileUpload(request, MAX_FILE_BYTES);
      const report = await importTransactionFile(deps, request.ctx, file, file.acceptValid);
      return reply.code(report.alreadyImported ? 200 : 201).send(await answer(deps, request.ctx, report));
    });
  });

  app.post<{ Body: Static<typeof TxnRowsBody> }>('/api/v1/merchant-transactions/rows', {
    config: { access: { permission: 'merchant.risk' } },
    schema: { tags, summary: 'Send daily transaction figures as JSON rows (the CSV columns, as text); the same rules as a file', body: TxnRowsBody },
  }, async (request, reply) => {
    const report = await importTransactionRows(deps, request.ctx, request.body.rows as RawTxnRow[], request.body.acceptValid ?? false);
    return reply.code(report.alreadyImported ? 200 : 201).send(await answer(deps, request.ctx, report));
  });
};
