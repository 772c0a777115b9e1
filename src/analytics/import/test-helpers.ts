// Shared by the reader tests: collect a generator, and cut text into small chunks to prove streaming.

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The bytes of `data` in pieces of `size`: cuts through tags, quotes and multi-byte characters. */
export async function* chunked(data: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
