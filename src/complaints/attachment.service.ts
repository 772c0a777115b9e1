import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../platform/access/actor.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import type { Deps } from '../platform/deps.ts';
import { DomainError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { loadRules } from './complaint-setup.service.ts';
import { assertOpen } from './complaint-steps.service.ts';
import { complaintInScope, recordEvent } from './complaint.repository.ts';

/** The largest attachment any configuration allows: the multipart parser's own limit. */
export const ATTACHMENT_HARD_LIMIT = 52_428_800;

/** Accepted types and how each file must begin: the declared type is checked against the content. */
const TYPES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'text/plain': (b) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b),
};

const field = '/file';

/** A file name safe to store and send back: no path, no control characters, bounded. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || 'attachment';
}

/**
 * Stores one file sent as multipart field `file` with the complaint: PDF, JPEG, PNG or plain
 * text, its content matching its declared type, within the configured size. Refused files leave
 * nothing behind.
 */
export async function addAttachment(deps: Deps, ctx: RequestContext, idOrRef: string, request: FastifyRequest) {
  if (!request.isMultipart()) throw new DomainError('unsupported_media_type', { en: 'Send the file as multipart/form-data, in the field "file".', zh: '请以 multipart/form-data 格式在 file 字段中上传文件。' });
  const row = await complaintInScope(deps.db, ctx, idOrRef, 'complaint.intake');
  assertOpen(row);
  const rules = await loadRules(deps.db);
  let file: { name: string; type: string; content: Buffer } | null = null;
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file' || file) {
      part.file.resume();
      throw new ValidationError([{ field, message: { en: 'Send exactly one file, in the field "file".', zh: '请在 file 字段中上传一个文件。' } }]);
    }
    const content = await part.toBuffer().catch((error: unknown) => {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(rules.attachmentMaxBytes);
      throw error;
    });
    file = { name: safeName(part.filename), type: part.mimetype.split(';')[0]!.trim().toLowerCase(), content };
  }
  if (!file || file.content.length === 0) throw new ValidationError([{ field, message: { en: 'The file is missing or empty.', zh: '未收到文件或文件为空。' } }]);
  if (file.content.length > rules.attachmentMaxBytes) throw tooLarge(rules.attachmentMaxBytes);
  const check = TYPES[file.type];
  if (!check) throw new DomainError('unsupported_media_type', { en: `Files of type "${file.type}" are not accepted: send PDF, JPEG, PNG or plain text.`, zh: `不接受“${file.type}”类型的文件，请上传 PDF、JPEG、PNG 或纯文本。` }, { errors: [{ field, message: { en: 'Type not accepted.', zh: '文件类型不被接受。' } }] });
  if (!check(file.content)) throw new DomainError('unsupported_media_type', { en: `The file's content is not ${file.type}.`, zh: `文件内容与其声明的类型（${file.type}）不符。` }, { errors: [{ field, message: { en: 'Content does not match the declared type.', zh: '内容与类型不符。' } }] });
  const id = deps.newId();
  const now = deps.clock();
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('complaint_attachment').values({ id, complaint_id: row.id, file_name: file.name, content_type: file.type, size_bytes: file.content.length, sha256, content: file.content, uploaded_by: ctx.actor!.username, uploaded_at: now }).execute();
    await recordEvent(trx, deps, row.id, 'attachment', { id, fileName: file.name, contentType: file.type, sizeBytes: file.content.length }, ctx.actor!.username);
    await recordAudit(trx, ctx, { action: 'complaint.attachment.add', entityType: 'complaint_attachment', entityId: id, unitId: row.unit_id, after: { fileName: file.name, contentType: file.type, sizeBytes: file.content.length, sha256 } }, now);
  });
  return { id, fileName: file.name, contentType: file.type, sizeBytes: file.content.length, uploadedBy: ctx.actor!.username, uploadedAt: now.toISOString() };
}

function tooLarge(max: number): DomainError {
  const mib = (max / 1_048_576).toFixed(1);
  return new DomainError('payload_too_large', { en: `The file is larger than ${mib} MiB.`, zh: `文件超过 ${mib} MiB 的大小限制。` }, { errors: [{ field, message: { en: `At most ${mib} MiB.`, zh: `不超过 ${mib} MiB。` } }] });
}

/** One attachment's content, for a reader of the complaint. */
export async function readAttachment(deps: Deps, ctx: RequestContext, idOrRef: string, attachmentId: string) {
  const row = await complaintInScope(deps.db, ctx, idOrRef, 'complaint.read');
  const a = await deps.db.selectFrom('complaint_attachment').select(['file_name', 'content_type', 'content']).where('id', '=', attachmentId).where('complaint_id', '=', row.id).executeTakeFirst();
  if (!a) throw new NotFoundError({ en: 'attachment', zh: '附件' }, attachmentId);
  return { fileName: a.file_name, contentType: a.content_type, content: a.content };
}
