import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** A message as a delivery channel receives it. */
export type Message = { id: string; to: string; body: string; template: string; lang: string };

/**
 * A way to reach customers (an SMS gateway, a mail server). `send` resolves once the provider
 * accepted the message and rejects otherwise; the dispatcher retries. Providers deduplicate on
 * `id` where they can, since a crash between sending and recording may send a message again.
 */
export type MessageAdapter = { readonly name: string; send(message: Message): Promise<void> };

/**
 * The local delivery channel of a demo or test installation: each message is appended as one
 * JSON line to a file (`<data dir>/outbox/<channel>.jsonl`), or kept in memory when the database
 * is in memory. Nothing leaves the machine.
 */
export class LocalFileAdapter implements MessageAdapter {
  readonly sent: Message[] = [];
  private readonly file: string | null;

  constructor(
    readonly name: string,
    dataDir: string,
  ) {
    this.file = dataDir === 'memory://' ? null : path.join(dataDir, 'outbox', `${name}.jsonl`);
  }

  async send(message: Message): Promise<void> {
    if (this.file) {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify({ ...message, at: new Date().toISOString() })}\n`);
    }
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
  }
}
