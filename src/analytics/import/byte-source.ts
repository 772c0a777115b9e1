// Turns an uploaded file into text as it arrives: gzip is recognised by its bytes, not its name,
// and nothing ever holds the whole file.
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LogFormatError } from './log-event.ts';

/** A file as it arrives: a Node stream (an upload, `fs.createReadStream`) or any async iterable of chunks. */
export type ByteInput = AsyncIterable<Buffer | Uint8Array | string> | NodeJS.ReadableStream;

/**
 * Yields the file as UTF-8 text, inflated first when it starts with gzip's magic bytes (0x1f 0x8b).
 * Past `maxBytes` of (inflated) content it stops with a LogFormatError, so a gzip bomb costs at most
 * that much reading and never more than a chunk of memory. A leading BOM is dropped.
 */
export async function* decodedText(input: ByteInput, maxBytes = Infinity): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of limited(inflated(input), maxBytes)) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new LogFormatError('The file is not UTF-8 text', '文件不是 UTF-8 文本', null);
    throw error;
  }
}

async function* limited(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) throw new LogFormatError(`The log is larger than ${maxBytes} bytes (after decompression)`, `日志（解压后）超过 ${maxBytes} 字节`, null);
    yield chunk;
  }
}

/** Peeks at the first two bytes to choose between the plain bytes and their inflation. */
async function* inflated(input: ByteInput): AsyncGenerator<Buffer> {
  const source = (input as AsyncIterable<Buffer | Uint8Array | string>)[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await source.next();
    if (next.done) break;
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const bytes = rest(head, source);
  yield* head[0] === 0x1f && head[1] === 0x8b ? gunzip(bytes) : bytes;
}

/** The peeked bytes, then the remaining chunks; stopping early closes the source (and its file). */
async function* rest(head: Buffer, source: AsyncIterator<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for await (const chunk of { [Symbol.asyncIterator]: () => source }) yield toBuffer(chunk);
}

/** Streams through zlib; a corrupt or truncated archive is a format error, not a server error. */
async function* gunzip(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const feed = Readable.from(bytes, { objectMode: false });
  // 64 KB pieces (zlib's default is 16 KB): a quarter of the hand-offs from zlib's thread, a tenth
  // less time to read a large log; still small enough for V8's young generation
  const inflate = createGunzip({ chunkSize: 64 * 1024 });
  feed.on('error', (error) => inflate.destroy(error));
  feed.pipe(inflate);
  try {
    for await (const chunk of inflate) yield chunk as Buffer;
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('Z_')) throw new LogFormatError(`The gzip data is damaged (${(error as Error).message})`, `gzip 数据已损坏（${(error as Error).message}）`, null);
    throw error;
  } finally {
    feed.destroy();
    inflate.destroy();
  }
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
}
