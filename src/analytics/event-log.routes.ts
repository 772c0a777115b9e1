import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, ValidationError } from '../platform/errors.ts';
import { IdParam } from '../platform/http/schemas.ts';
import { readCsv } from './import/csv-reader.ts';
import { LogFormatError, type LogHeader } from './import/log-event.ts';
import { readXes } from './import/xes-reader.ts';
import { deleteLog, importLog, listLogs } from './event-log.service.ts';
import { dfg, rework, summary, variants } from './mining.service.ts';
import { bottlenecks } from './mining/bottlenecks.ts';
import { compare, CompareQuery, type CompareParams } from './mining/compare.ts';
import { deadlines } from './mining/deadlines.ts';
import { FilterQuery, parseFilter, type FilterParams } from './mining/log-filter.ts';
import { exportXes } from './export/log-export.ts';
import { exportOcel } from './export/ocel-export.ts';

type Id = Static<typeof IdParam>;

/** The largest file a log import takes; it streams, so memory stays bounded whatever the size. */
const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

const ExportQuery = Type.Object({ format: Type.Union([Type.Literal('xes'), Type.Literal('ocel')]) }, { additionalProperties: false });
const Filtered = Type.Object(FilterQuery.properties, { additionalProperties: false });
const VariantQuery = Type.Object({ ...FilterQuery.properties, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }, { additionalProperties: false });
const BottleneckQuery = Type.Object({ ...FilterQuery.properties, by: Type.Optional(Type.Union([Type.Literal('activity'), Type.Literal('resource'), Type.Literal('branch')])) }, { additionalProperties: false });
const DeadlineQuery = Type.Object({ ...FilterQuery.properties, targetSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'A target case duration applied to every case (the only deadline of an imported log)' })) }, { additionalProperties: false });
type Q<T> = { Params: Id; Querystring: T };

/** The text fields an import takes, before the file: a name, and for CSV its column mapping. */
const FIELDS = ['name', 'format', 'caseColumn', 'activityColumn', 'timestampColumn', 'lifecycleColumn', 'resourceColumn', 'delimiter'] as const;
type Fields = Partial<Record<(typeof FIELDS)[number], string>>;

/**
 * Reads the multipart upload: the fields first, then streams the file through its reader into
 * the importer. A bad file stops the import with the line at fault and writes nothing.
 */
async function importUpload(deps: Deps, ctx: RequestContext, request: FastifyRequest) {
  if (!request.isMultipart()) throw new DomainError('unsupported_media_type', { en: 'Send the log as multipart/form-data, in the field "file".', zh: '请以 multipart/form-data 格式在 file 字段中上传日志。' });
  const fields: Fields = {};
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if ((FIELDS as readonly string[]).includes(part.fieldname)) fields[part.fieldname as keyof Fields] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw new ValidationError([{ field: '/file', message: { en: 'Send the log in the field "file".', zh: '请在 file 字段中上传日志。' } }]);
    }
    const format = fields.format ?? (/\.csv$/i.test(part.filename) ? 'csv' : 'xes');
    if (format !== 'xes' && format !== 'csv') throw new ValidationError([{ field: '/format', message: { en: 'The format is xes or csv.', zh: '格式应为 xes 或 csv。' } }]);
    let header: LogHeader | null = null;
    const events = format === 'xes' ? readXes(part.file, { onHeader: (h) => (header = h) }) : readCsv(part.file, csvMapping(fields));
    try {
      const done = await importLog(deps, ctx, { name: () => fields.name?.trim() || (header as LogHeader | null)?.name || part.filename || 'log', format, fileName: part.filename || null, events, attributes: () => ({ ...(header as LogHeader | null) }) });
      if (part.file.truncated) throw new DomainError('payload_too_large', { en: 'The file is larger than an import takes.', zh: '文件超过导入大小上限。' });
      return done;
    } catch (error) {
      part.file.resume();
      if (error instanceof LogFormatError) throw new ValidationError([{ field: '/file', message: { en: `${error.message}${error.line ? ` (line ${error.line})` : ''}`, zh: `日志文件有误：${error.zh}${error.line ? `（第 ${error.line} 行）` : ''}` } }]);
      throw error;
    }
  }
  throw new ValidationError([{ field: '/file', message: { en: 'The file is missing.', zh: '未收到日志文件。' } }]);
}

function csvMapping(f: Fields) {
  const missing = (['caseColumn', 'activityColumn', 'timestampColumn'] as const).filter((k) => !f[k]);
  if (missing.length) {
    throw new ValidationError(missing.map((k) => ({ field: `/${k}`, message: { en: `A CSV import needs "${k}" (sent before the file).`, zh: `CSV 导入须在文件之前提供“${k}”。` } })));
  }
  return { caseColumn: f.caseColumn!, activityColumn: f.activityColumn!, timestampColumn: f.timestampColumn!, ...(f.lifecycleColumn && { lifecycleColumn: f.lifecycleColumn }), ...(f.resourceColumn && { resourceColumn: f.resourceColumn }), ...(f.delimiter && { delimiter: f.delimiter }) };
}

/** Event logs and process mining over them (the engine's own log, and logs imported from other systems). */
export function eventLogRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = ['event logs'];
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: FIELDS.length, parts: FIELDS.length + 1 } });
    scope.post('/api/v1/event-logs', {
      config: { access: { permission: 'analytics.import' } },
      schema: { tags, summary: 'Import a log (multipart field `file`: XES, gzipped XES, or CSV with the fields caseColumn, activityColumn, timestampColumn and optionally lifecycleColumn, resourceColumn, delimiter, sent before the file)' },
    }, async (request, reply) => reply.code(201).send(await importUpload(deps, request.ctx, request)));
  });

  app.get('/api/v1/event-logs', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: "The engine's own log and the imported logs, with their cases and events" },
  }, async () => listLogs(deps));

  app.get<Q<FilterParams>>('/api/v1/event-logs/:id/summary', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Cases, events, activities, variants, mean case duration, first and last instant', params: IdParam, querystring: Filtered },
  }, async (request) => summary(deps, request.params.id, parseFilter(request.query)));

  app.get<Q<FilterParams>>('/api/v1/event-logs/:id/dfg', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'The directly-follows graph: activities with counts, edges with counts and durations (mean, median, p90)', params: IdParam, querystring: Filtered },
  }, async (request) => dfg(deps, request.params.id, parseFilter(request.query)));

  app.get<Q<Static<typeof VariantQuery>>>('/api/v1/event-logs/:id/variants', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Variants, most frequent first: id, cases, share, cumulative coverage, mean duration', params: IdParam, querystring: VariantQuery },
  }, async (request) => variants(deps, request.params.id, request.query.limit ?? 100, parseFilter(request.query)));

  app.get<Q<FilterParams>>('/api/v1/event-logs/:id/rework', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Rework: per activity, the cases that repeat it and how often; the cases with any rework', params: IdParam, querystring: Filtered },
  }, async (request) => rework(deps, request.params.id, parseFilter(request.query)));

  app.get<Q<Static<typeof BottleneckQuery>>>('/api/v1/event-logs/:id/bottlenecks', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Waiting time (since the previous activity ended) and handling time (start to completion) per activity, resource or branch', params: IdParam, querystring: BottleneckQuery },
  }, async (request) => bottlenecks(deps, request.params.id, request.query.by ?? 'activity', parseFilter(request.query)));

  app.get<Q<Static<typeof DeadlineQuery>>>('/api/v1/event-logs/:id/deadlines', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Deadline analysis: cases that missed their deadline by service and branch, and the steps that consumed the time', params: IdParam, querystring: DeadlineQuery },
  }, async (request) => deadlines(deps, request.params.id, request.query.targetSeconds, parseFilter(request.query)));

  app.get<Q<CompareParams>>('/api/v1/event-logs/:id/compare', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'Before and after: two periods or two process versions side by side, with the change of each measure', params: IdParam, querystring: CompareQuery },
  }, async (request) => compare(deps, request.params.id, request.query));

  app.get<{ Params: Id; Querystring: Static<typeof ExportQuery> }>('/api/v1/event-logs/:id/export', {
    config: { access: { permission: 'analytics.read' } },
    schema: { tags, summary: 'The log as XES (IEEE 1849; one trace per case, every attribute with its type) or OCEL 2.0 JSON (events related to cases, customers, tickets, complaints, branches and staff), streamed', params: IdParam, querystring: ExportQuery },
  }, async (request, reply) => {
    const ocel = request.query.format === 'ocel';
    const file = await (ocel ? exportOcel : exportXes)(deps, request.params.id);
    return reply.header('content-type', ocel ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.stream);
  });

  app.delete<{ Params: Id }>('/api/v1/event-logs/:id', {
    config: { access: { permission: 'analytics.import' } },
    schema: { tags, summary: 'Delete an imported log and its events', params: IdParam },
  }, async (request, reply) => {
    await deleteLog(deps, request.ctx, request.params.id);
    return reply.code(204).send();
  });
}
