import type { FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../errors.ts';

/**
 * Reads a multipart file upload of a row file (core banking's and acquiring's end-of-day files):
 * the optional field `acceptValid` (true|false) before the file, the file in the field `file`, at
 * most `maxBytes`. Every other shape is a problem naming the field.
 */
export async function readRowFileUpload(request: FastifyRequest, maxBytes: number): Promise<{ bytes: Buffer; name: string | null; acceptValid: boolean }> {
  if (!request.isMultipart()) throw new DomainError('unsupported_media_type', { en: 'Send the file as multipart/form-data, in the field "file".', zh: '请以 multipart/form-data 格式在 file 字段中上传文件。' });
  let acceptValid = false;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'acceptValid') {
        if (part.value !== 'true' && part.value !== 'false') throw new ValidationError([{ field: '/acceptValid', message: { en: 'acceptValid is true or false.', zh: 'acceptValid 应为 true 或 false。' } }]);
        acceptValid = part.value === 'true';
      }
      continue;
    }
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw new ValidationError([{ field: '/file', message: { en: 'Send the file in the field "file".', zh: '请在 file 字段中上传文件。' } }]);
    }
    const bytes = await part.toBuffer().catch((error: unknown) => {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('payload_too_large', { en: `The file is larger than ${maxBytes / 1024 / 1024} MB.`, zh: `文件超过 ${maxBytes / 1024 / 1024} MB。` });
      throw error;
    });
    return { bytes, name: part.filename || null, acceptValid };
  }
  throw new ValidationError([{ field: '/file', message: { en: 'The file is missing.', zh: '未收到文件。' } }]);
}
