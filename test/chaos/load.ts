import type { BanklaneNode } from './node.ts';

export type Kind = 'start_task' | 'complete_task' | 'start_timer' | 'issue_ticket' | 'call_ticket' | 'import_file' | 'book_appointment';
export const KINDS: Kind[] = ['start_task', 'complete_task', 'start_timer', 'issue_ticket', 'call_ticket', 'import_file', 'book_appointment'];

/** One logical request as the generator saw it: every attempt, and the answer that acknowledged it. */
export type Sent = {
  kind: Kind;
  /** The Idempotency-Key (or business key, file name) identifying the request across attempts. */
  key: string;
  attempts: number;
  /** The 2xx answer's body, when one came: the request is acknowledged. */
  ack: Record<string, unknown> | null;
  /** The last attempt's status: answered but not with 2xx, never answered (0), or refused (-1). */
  lastStatus: number;
  startedAt: number;
  extra: Record<string, unknown>;
};

type Attempt = { status: number; body: unknown };

/** The status of an attempt the node refused to connect: not delivered. */
const REFUSED = -1;

/** Everything the load generator needs to know about the bank it drives. */
export type LoadSetup = {
  adminToken: string;
  tellerToken: string;
  branch: string;
  counterId: string;
  counterNumber: number;
  category: string;
  merchantCodes: string[];
  serviceCode: string;
  slots: string[];
  today: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load generator: a few workers send a mix of requests over both nodes for a bounded time
 * and a bounded number of requests, loopback only. A request that got no answer (the node died,
 * or answered 5xx while the database restarted) is sent again to the other node with the same
 * Idempotency-Key (process starts, task completions, tickets, calls, bookings) or the same bytes
 * (transaction files, recognised by their SHA-256).
 */
export class LoadGenerator {
  readonly sent: Sent[] = [];
  private next = 0;
  private openTasks: { taskId: string; instanceId: string }[] = [];
  private stopAt = 0;
  private fileNo = 0;
  private phoneNo = 0;
  private ticketNo = 0;
  private callNo = 0;

  constructor(
    private readonly nodes: BanklaneNode[],
    private readonly setup: LoadSetup,
    private readonly random: () => number,
    private readonly runId: string,
    private readonly maxRequests: number,
  ) {}

  async run(seconds: number, workers = 4): Promise<void> {
    this.stopAt = performance.now() + seconds * 1000;
    await Promise.all([...Array.from({ length: workers }, () => this.worker()), this.caller()]);
  }

  private done(): boolean {
    return performance.now() > this.stopAt || this.sent.length >= this.maxRequests;
  }

  private async worker(): Promise<void> {
    while (!this.done()) {
      const r = this.random();
      if (r < 0.3) await this.startInstance('chaosTask');
      else if (r < 0.5) await this.completeTask();
      else if (r < 0.62) await this.startInstance('chaosTimer');
      else if (r < 0.8) await this.issueTicket();
      else if (r < 0.9) await this.importFile();
      else await this.bookAppointment();
      await sleep(20 + this.random() * 80);
    }
  }

  /** Sends one attempt to a node; status 0 when no answer came (refused, reset, timed out). */
  private async attempt(node: BanklaneNode, path: string, init: { method?: string; token?: string; json?: unknown; form?: FormData; key?: string }): Promise<Attempt> {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.key) headers['idempotency-key'] = init.key;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(`${node.url}${path}`, { method: init.method ?? 'POST', headers, body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined), signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      // a node still starting answers 503 from a stand-in before the app runs: not delivered either
      if (response.status === 503 && (body as { type?: string } | null)?.type === 'urn:banklane:problem:starting') return { status: REFUSED, body };
      return { status: response.status, body };
    } catch (error) {
      // refused: the node is down and the request never reached it, so sending it elsewhere is safe for any request
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      return { status: refused ? REFUSED : 0, body: null };
    }
  }

  private pickNode(): number {
    return this.next++ % this.nodes.length;
  }

  /**
   * One logical request: the first attempt on the next node in turn; a request without an answer
   * (or with a 5xx) goes again to the other node, with the same key or bytes, for up to 90 s.
   */
  private async send(kind: Kind, key: string, path: string, init: Parameters<LoadGenerator['attempt']>[2] | (() => Parameters<LoadGenerator['attempt']>[2]), extra: Record<string, unknown> = {}): Promise<Sent> {
    const sent: Sent = { kind, key, attempts: 0, ack: null, lastStatus: 0, startedAt: Date.now(), extra };
    this.sent.push(sent);
    let index = this.pickNode();
    const deadline = performance.now() + 90_000;
    for (;;) {
      const a = await this.attempt(this.nodes[index]!, path, typeof init === 'function' ? init() : init);
      sent.attempts++;
      sent.lastStatus = a.status;
      if (a.status >= 200 && a.status < 300) {
        sent.ack = (a.body ?? {}) as Record<string, unknown>;
        return sent;
      }
      const unanswered = a.status === 0 || a.status >= 500;
      if (performance.now() > deadline || (a.status !== REFUSED && !unanswered)) return sent;
      index = (index + 1) % this.nodes.length;
      await sleep(a.status === 0 || a.status === REFUSED ? 100 : 300);
    }
  }

  private async startInstance(processKey: 'chaosTask' | 'chaosTimer'): Promise<void> {
    const key = `${this.runId}-${processKey}-${this.sent.length}-${Math.floor(this.random() * 1e9)}`;
    const kind: Kind = processKey === 'chaosTask' ? 'start_task' : 'start_timer';
    const sent = await this.send(kind, key, '/api/v1/process-instances', { token: this.setup.adminToken, key, json: { processKey, businessKey: key, variables: { run: this.runId } } });
    const tasks = (sent.ack?.tasks ?? []) as { id: string }[];
    if (kind === 'start_task' && tasks[0]) this.openTasks.push({ taskId: tasks[0].id, instanceId: String(sent.ack!.id) });
  }

  private async completeTask(): Promise<void> {
    if (this.openTasks.length === 0) return this.startInstance('chaosTask');
    const [task] = this.openTasks.splice(Math.floor(this.random() * this.openTasks.length), 1);
    const key = `${this.runId}-complete-${task!.taskId}`;
    await this.send('complete_task', key, `/api/v1/tasks/${task!.taskId}/complete`, { token: this.setup.adminToken, key, json: { variables: { approved: true } } }, { taskId: task!.taskId, instanceId: task!.instanceId });
  }

  private async issueTicket(): Promise<void> {
    const key = `${this.runId}-ticket-${++this.ticketNo}`;
    await this.send('issue_ticket', key, `/api/v1/queue/branches/${this.setup.branch}/tickets`, { token: this.setup.tellerToken, key, json: { category: this.setup.category } });
  }

  private async importFile(): Promise<void> {
    const n = ++this.fileNo;
    const merchant = this.setup.merchantCodes[n % this.setup.merchantCodes.length]!;
    const day = new Date(Date.parse(`${this.setup.today}T00:00:00Z`) - (1 + (n % 60)) * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'merchant,day,count,amount,refunds,chargebacks,declined,night_share,cnp_share,foreign_share,max_amount,near_limit_count,outside_region_count',
      `${merchant},${day},${100 + n},${(1000 + n * 7).toFixed(2)},0.00,0,1,0.05,0.10,0.00,${(50 + n).toFixed(2)},0,0`,
    ].join('\n');
    const name = `${this.runId}-txn-${n}.csv`;
    // the same bytes on every attempt: the server recognises a file it already has by its SHA-256
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([csv], { type: 'text/csv' }), name);
      return { token: this.setup.adminToken, form: f };
    };
    await this.send('import_file', name, '/api/v1/merchant-transactions', form, { merchant, day });
  }

  private async bookAppointment(): Promise<void> {
    const n = ++this.phoneNo;
    const slot = this.setup.slots[n % this.setup.slots.length]!;
    const phone = `139${String(Math.floor(this.random() * 1e4)).padStart(4, '0')}${String(n).padStart(4, '0')}`;
    const key = `${this.runId}-book-${n}`;
    await this.send('book_appointment', key, '/api/v1/public/appointments', { key, json: { branch: this.setup.branch, service: this.setup.serviceCode, startsAt: slot, name: '混沌测试', phone } }, { phone });
  }

  /**
   * The teller at one counter: calls the next ticket, starts and finishes its service, again and
   * again. After a call that got no answer the counter may hold a ticket called without the
   * teller knowing: the teller finds it on the branch's list and finishes it.
   */
  private async caller(): Promise<void> {
    const token = this.setup.tellerToken;
    const counter = this.setup.counterId;
    while (!this.done()) {
      const key = `${this.runId}-call-${++this.callNo}`;
      const sent = await this.send('call_ticket', key, `/api/v1/queue/counters/${counter}/call-next`, { token, key });
      const ticket = sent.ack?.ticket as { id: string } | null | undefined;
      if (sent.ack && !ticket) {
        this.sent.splice(this.sent.indexOf(sent), 1); // nobody waiting: not a call
        await sleep(300);
        continue;
      }
      const ids = ticket ? [ticket.id] : await this.ticketsAtCounter();
      for (const id of ids) await this.serve(id);
      await sleep(50);
    }
  }

  private async ticketsAtCounter(): Promise<string[]> {
    for (let i = 0; i < 40; i++) {
      const a = await this.attempt(this.nodes[this.pickNode()]!, `/api/v1/queue/branches/${this.setup.branch}/tickets?status=called&status=serving`, { method: 'GET', token: this.setup.tellerToken });
      if (a.status === 200) {
        const items = ((a.body as { items?: unknown[] }).items ?? []) as { id: string; counter: number | null }[];
        return items.filter((t) => t.counter === this.setup.counterNumber).map((t) => t.id);
      }
      await sleep(500);
    }
    return [];
  }

  private async serve(ticketId: string): Promise<void> {
    for (const step of ['start', 'finish']) {
      for (let i = 0; i < 60; i++) {
        const a = await this.attempt(this.nodes[this.pickNode()]!, `/api/v1/queue/counters/${this.setup.counterId}/tickets/${ticketId}/${step}`, { token: this.setup.tellerToken });
        if ((a.status >= 200 && a.status < 300) || (a.status >= 400 && a.status < 500)) break;
        await sleep(500);
      }
    }
  }
}
