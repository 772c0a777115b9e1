import { arrivals, at, hm, MINUTE } from './bank-days.ts';
import { ApiRefusal } from './in-process-client.ts';
import { mobile, personName, type Customer, type CustomerBook } from './people.ts';
import type { Branch, Sim, Staff } from './sim.ts';
import { accountDetails, handlingMinutes, loanApplication } from './task-answers.ts';

/** Why a customer comes: a counter transaction without a case, or a catalogue service. */
type Intent = 'cash' | string;

/** What walks in, by share of tickets: most are plain counter transactions, a third open a case. */
const INTENTS: [Intent, number][] = [
  ['cash', 63],
  ['report-lost-card', 6],
  ['large-transfer', 5],
  ['close-account', 2.5],
  ['open-personal-account', 7],
  ['personal-loan', 4],
  ['credit-card', 3],
  ['wealth-purchase', 3.5],
  ['open-corporate-account', 3.5],
  ['merchant-onboarding', 1.5],
];
const CORPORATE = new Set(['open-corporate-account', 'merchant-onboarding']);
/** Materials the teller checks at the counter, by service (positions on the checklist). */
const MATERIALS: Record<string, number[]> = { 'open-personal-account': [0, 1], 'personal-loan': [0, 1], 'open-corporate-account': [0, 1], 'wealth-purchase': [0, 1], 'merchant-onboarding': [0, 1] };
/** Services done and closed at the counter (no process): what the teller notes on closing. */
const CLOSED_AT_COUNTER: Record<string, string> = { 'close-account': '已办理销户，余额已结清', 'wealth-purchase': '已完成风险评估并认购产品' };
/** Steps the teller works with the customer at the counter, not later from the worklist. */
const COUNTER_STEPS = new Set(['checkMaterials', 'makerInput', 'prepareTransfer']);
/**
 * When each of a branch's three tellers is at their counter: the first (cash and accounts) and the
 * third (business) all day with a staggered lunch, the second (accounts) at the peaks and while
 * the first is at lunch — so queues build at the peaks and at lunchtime, as they do.
 */
const SHIFTS: [string, string][][] = [
  [['08:45', '11:45'], ['12:30', '17:00']],
  [['10:00', '12:30'], ['14:00', '16:00']],
  [['08:45', '12:30'], ['13:15', '17:00']],
];

type Ticket = { id: string; token: string; number: string; category: string; branch: string; intent: Intent; issuedAt: number };
/** A case served at a counter: the subject of a complaint, now and then. */
export type Served = { ref: string; customerId: string; teller: string; branch: string; service: string };

/**
 * The branch counters' day: customers arrive and take a ticket at the kiosk; tellers signed in at
 * their counters call the next one when free, serve them, open a case from the ticket for a
 * catalogue service and work its counter steps with the customer there; some customers rate
 * the service. Everything through the queue, customer and case APIs.
 */
export class CounterDay {
  private readonly tickets = new Map<string, Ticket>();
  private readonly waiting = new Map<string, Map<string, number>>();
  private readonly closing = new Set<string>();
  /** The shift each teller at a counter is in: when it ends, and whether it is their last today. */
  private readonly shifts = new Map<string, { end: number; last: boolean }>();
  /** Cases served today and before, newest last (complaints pick their subject here). */
  readonly served: Served[] = [];

  constructor(
    private readonly sim: Sim,
    private readonly customers: CustomerBook,
    /** A teller with nobody to call: they may take back-office work. Returns whether they did. */
    private readonly idleTeller: (teller: Staff) => Promise<boolean>,
  ) {}

  /** Plans a working day at every branch: sign-ins, the day's arrivals, closing time. */
  planDay(date: string, load: number): void {
    this.tickets.clear();
    this.waiting.clear();
    this.closing.clear();
    this.shifts.clear();
    for (const branch of this.sim.branches) {
      branch.tellers.forEach((username, i) => {
        const teller = this.sim.staff.get(username);
        if (!teller?.counter || this.sim.rng.chance(0.04)) return; // now and then someone is off sick
        const shifts = SHIFTS[i % SHIFTS.length]!;
        shifts.forEach(([from, to], k) => {
          const shift = { end: at(date, hm(to)), last: k === shifts.length - 1 };
          this.sim.at(at(date, hm(from) - this.sim.rng.between(0, 8)), `sign-in ${username}`, () => this.signIn(teller, shift));
          // (the counters open at closing time serve the line out: the closing event ends their day)
          if (!(shift.last && to >= '17:00')) {
            this.sim.at(shift.end, `break ${username}`, async () => {
              if (teller.state === 'idle') await this.free(teller);
            });
          }
        });
      });
      for (const instant of arrivals(this.sim.rng, date, branch.tickets * load * this.sim.volume)) {
        const intent = this.sim.rng.weighted(INTENTS);
        // some book their visit by phone in the morning, for the half hour they come in
        const slot = Math.floor(instant / (30 * MINUTE)) * 30 * MINUTE;
        const booking = intent !== 'cash' && slot >= at(date, hm('09:00')) && this.sim.rng.chance(0.12) ? { code: null as string | null } : null;
        if (booking) this.sim.at(at(date, this.sim.rng.between(hm('07:30'), hm('08:45'))), `booking ${branch.code}`, () => this.book(branch, intent, slot, booking));
        this.sim.at(instant, `arrival ${branch.code}`, () => this.arrive(branch, intent, booking));
      }
      this.sim.at(at(date, hm('17:00')), `closing ${branch.code}`, async () => {
        this.closing.add(branch.code);
        for (const t of this.tellersOf(branch)) if (t.state === 'idle') await this.free(t);
      });
      this.sim.at(at(date, hm('17:50')), `closed ${branch.code}`, async () => {
        for (const t of this.tellersOf(branch)) if (t.state === 'idle' && t.counter) await this.leave(t);
      });
    }
  }

  private tellersOf(branch: Branch): Staff[] {
    return branch.tellers.map((u) => this.sim.staff.get(u)).filter((s): s is Staff => s !== undefined && s.counter !== null);
  }

  private async signIn(teller: Staff, shift: { end: number; last: boolean }): Promise<void> {
    this.shifts.set(teller.username, shift);
    if (teller.state === 'busy') return; // still with the last customer before the break: no break then
    const ok = await this.sim.attempt(`sign-in ${teller.username}`, () => this.sim.api.post(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/sign-in`));
    if (ok === null) return;
    teller.state = 'idle';
    teller.blocked.clear();
    await this.free(teller);
  }

  /** Closes the counter at the end of the day, or pauses it for a break. */
  private async leave(teller: Staff, status: 'closed' | 'paused' = 'closed'): Promise<void> {
    teller.state = 'off';
    await this.sim.attempt(`leave ${teller.username}`, () => this.sim.api.post(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/leave`, { status }));
  }

  private waitingAt(branch: string): Map<string, number> {
    let w = this.waiting.get(branch);
    if (!w) this.waiting.set(branch, (w = new Map()));
    return w;
  }

  /** A customer books a half hour on the portal (the booking code comes back, and by SMS). */
  private async book(branch: Branch, service: string, slot: number, booking: { code: string | null }): Promise<void> {
    const rng = this.sim.rng;
    const booked = await this.sim.attempt(`booking at ${branch.code}`, () => this.sim.api.post<{ code: string }>(null, '/api/v1/public/appointments', { branch: branch.code, service, startsAt: new Date(slot).toISOString(), name: personName(rng), phone: mobile(rng) }));
    booking.code = booked?.code ?? null;
    if (booked) this.sim.figures.bookings++;
  }

  /** A customer takes a ticket for what they came for (or checks their booking in); a free teller who serves it is told. */
  private async arrive(branch: Branch, intent: Intent, booking: { code: string | null } | null): Promise<void> {
    const category = intent === 'cash' ? 'A' : (branch.categories.find((c) => c.serviceCodes.includes(intent))?.code ?? 'A');
    const body = intent === 'cash' ? { channel: 'kiosk', category } : { channel: 'kiosk', serviceCode: intent };
    const priority = this.sim.rng.chance(0.06);
    const url = `/api/v1/public/queue/branches/${branch.code}`;
    const taken = await this.sim.attempt(`ticket at ${branch.code}`, () =>
      booking?.code
        ? this.sim.api.post<{ id: string; token: string; number: string }>(null, `${url}/check-in`, { appointmentCode: booking.code })
        : this.sim.api.post<{ id: string; token: string; number: string }>(null, `${url}/tickets`, priority ? { ...body, priority } : body),
    );
    if (!taken) return;
    this.sim.figures.tickets++;
    this.tickets.set(taken.id, { id: taken.id, token: taken.token, number: taken.number, category, branch: branch.code, intent, issuedAt: this.sim.now });
    const w = this.waitingAt(branch.code);
    w.set(category, (w.get(category) ?? 0) + 1);
    // the first free teller who serves it calls it (the others stay free for the next customer)
    const free = this.tellersOf(branch).find((t) => t.state === 'idle' && t.counter!.categories.includes(category));
    if (free) this.sim.after(0.2, `call ${free.username}`, () => this.free(free));
  }

  /** A teller free at their counter: calls the next customer, or else finds other work, or closes. */
  async free(teller: Staff): Promise<void> {
    if (teller.state !== 'idle' || !teller.counter) return;
    const branch = teller.counter.branch;
    const w = this.waitingAt(branch);
    // the shift is over: a break (colleagues serve meanwhile); only those closing the day serve the line out
    const shift = this.shifts.get(teller.username);
    if (shift && this.sim.now >= shift.end && !(shift.last && this.closing.has(branch))) return this.leave(teller, shift.last ? 'closed' : 'paused');
    if (teller.counter.categories.some((c) => (w.get(c) ?? 0) > 0)) {
      teller.state = 'busy';
      const called = await this.sim.attempt(`call-next ${teller.username}`, () => this.sim.api.post<{ ticket: { id: string } | null }>(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/call-next`));
      const ticket = called?.ticket ? this.tickets.get(called.ticket.id) : undefined;
      if (ticket) {
        w.set(ticket.category, Math.max(0, (w.get(ticket.category) ?? 0) - 1));
        this.sim.after(this.sim.rng.between(0.3, 1.5), `start ${ticket.number}`, () => this.start(teller, ticket));
        return;
      }
      // nobody left for this counter (others called them, or the day's tickets were tidied away)
      for (const c of teller.counter.categories) w.set(c, 0);
      teller.state = 'idle';
    }
    if (this.closing.has(branch)) return this.leave(teller);
    await this.idleTeller(teller);
  }

  private async start(teller: Staff, ticket: Ticket): Promise<void> {
    if (this.sim.rng.chance(0.02)) return this.noShow(teller, ticket, 1);
    const started = await this.sim.attempt(`start ${ticket.number}`, () => this.sim.api.post(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/tickets/${ticket.id}/start`));
    if (started === null) return this.done(teller);
    if (ticket.intent === 'cash') {
      this.sim.after(Math.min(30, this.sim.rng.lognormal(5, 0.6)), `finish ${ticket.number}`, () => this.finish(teller, ticket));
      return;
    }
    const kind = CORPORATE.has(ticket.intent) ? 'corporate' : 'individual';
    const customer = await this.sim.attempt(`customer at ${ticket.branch}`, () => this.customers.visitor(ticket.branch, kind, teller.username));
    const lookUp = this.sim.rng.between(1, 3) + (customer ? 0 : 2);
    this.sim.after(lookUp, `case for ${ticket.number}`, () => (customer ? this.openCase(teller, ticket, customer) : this.finish(teller, ticket)));
  }

  /** Called three times, never came: the teller records a no-show and calls the next. */
  private async noShow(teller: Staff, ticket: Ticket, calls: number): Promise<void> {
    const url = `/api/v1/queue/counters/${teller.counter!.id}/tickets/${ticket.id}`;
    if (calls < 3) {
      await this.sim.attempt(`recall ${ticket.number}`, () => this.sim.api.post(teller.username, `${url}/recall`));
      this.sim.after(1.5, `recall ${ticket.number}`, () => this.noShow(teller, ticket, calls + 1));
      return;
    }
    await this.sim.attempt(`no-show ${ticket.number}`, () => this.sim.api.post(teller.username, `${url}/no-show`));
    await this.done(teller);
  }

  private async openCase(teller: Staff, ticket: Ticket, customer: Customer): Promise<void> {
    const rng = this.sim.rng;
    const service = ticket.intent;
    const materials = MATERIALS[service] ?? [0];
    // now and then a document is missing at first: the materials gate stops the step until it is recorded
    const received = materials.length > 1 && rng.chance(0.06) ? materials.slice(0, -1) : materials;
    const amount = service === 'personal-loan' ? loanAmount(rng) : service === 'large-transfer' ? String(Math.round(rng.lognormal(300_000, 0.7) / 1000) * 1000 + 50_000) : undefined;
    const opened = await this.sim.attempt(`case ${service} at ${ticket.branch}`, () =>
      this.sim.api.post<{ id: string; ref: string; instanceId: string | null }>(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/tickets/${ticket.id}/case`, { serviceCode: service, customerId: customer.id, materialsReceived: received, ...(amount ? { amount: `${amount}.00` } : {}) }),
    );
    if (!opened) return this.finish(teller, ticket);
    this.sim.figures.cases++;
    this.served.push({ ref: opened.ref, customerId: customer.id, teller: teller.username, branch: ticket.branch, service });
    if (this.served.length > 400) this.served.splice(0, 100);
    await this.sim.runDueJobs();
    await this.counterStep(teller, ticket, opened, service);
  }

  /** The next step of the case the teller works with the customer there, or the end of the service. */
  private async counterStep(teller: Staff, ticket: Ticket, c: { id: string; ref: string; instanceId: string | null }, service: string): Promise<void> {
    const step = c.instanceId
      ? await this.sim.db.selectFrom('task').select(['id', 'element_id', 'assignee']).where('instance_id', '=', c.instanceId).where('status', '=', 'open').where('element_id', 'in', [...COUNTER_STEPS]).where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', '=', teller.username)])).orderBy('created_at').executeTakeFirst()
      : undefined;
    if (!step) {
      const note = CLOSED_AT_COUNTER[service];
      if (note) await this.sim.attempt(`close ${c.ref}`, () => this.sim.api.post(teller.username, `/api/v1/cases/${c.id}/close`, { outcome: 'completed', note }));
      this.sim.after(this.sim.rng.between(0.5, 2), `finish ${ticket.number}`, () => this.finish(teller, ticket));
      return;
    }
    // the step is on the teller's screen while the customer is there: theirs, not the worklist's
    if (!step.assignee && (await this.sim.attempt(`claim ${c.ref}`, () => this.sim.api.post(teller.username, `/api/v1/tasks/${step.id}/claim`))) === null) {
      this.sim.after(1, `finish ${ticket.number}`, () => this.finish(teller, ticket));
      return;
    }
    this.sim.after(handlingMinutes(this.sim.rng, step.element_id), `${step.element_id} ${c.ref}`, async () => {
      // the loan application is entered while checking its materials; the account's details at the maker step
      const variables = step.element_id === 'checkMaterials' && service === 'personal-loan' ? loanApplication(this.sim.rng) : step.element_id === 'makerInput' ? accountDetails(this.sim.rng) : {};
      await this.completeAtCounter(teller, c, step.id, variables, service);
      await this.sim.runDueJobs();
      await this.counterStep(teller, ticket, c, service);
    });
  }

  private async completeAtCounter(teller: Staff, c: { id: string; ref: string }, taskId: string, variables: Record<string, unknown>, service: string): Promise<void> {
    const complete = () => this.sim.api.post(teller.username, `/api/v1/tasks/${taskId}/complete`, { variables });
    try {
      await complete();
      this.sim.figures.tasks++;
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 422) {
        await this.sim.attempt(`counter step of ${c.ref}`, () => Promise.reject(error));
        return;
      }
      // the gate named the missing material: the customer hands it over, the teller records it
      const items = (MATERIALS[service] ?? [0]).map((position) => ({ position, received: true }));
      await this.sim.attempt(`materials of ${c.ref}`, () => this.sim.api.put(teller.username, `/api/v1/cases/${c.id}/materials`, { items }));
      if ((await this.sim.attempt(`counter step of ${c.ref}`, complete)) !== null) this.sim.figures.tasks++;
    }
  }

  private async finish(teller: Staff, ticket: Ticket): Promise<void> {
    const finished = await this.sim.attempt(`finish ${ticket.number}`, () => this.sim.api.post(teller.username, `/api/v1/queue/counters/${teller.counter!.id}/tickets/${ticket.id}/finish`));
    if (finished !== null) {
      this.sim.figures.served++;
      if (this.sim.rng.chance(0.22)) this.sim.after(this.sim.rng.between(1, 15), `rating ${ticket.number}`, () => this.rate(ticket));
    }
    await this.done(teller);
  }

  private async done(teller: Staff): Promise<void> {
    teller.state = 'idle';
    await this.free(teller);
  }

  /** The customer rates the counter service on the ticket's page. */
  private async rate(ticket: Ticket): Promise<void> {
    const score = this.sim.rng.weighted([[5, 55], [4, 28], [3, 10], [2, 4], [1, 3]] as const);
    const comment = score >= 4 ? this.sim.rng.pick(['办理很快', '柜员很耐心', '服务热情', '']) : this.sim.rng.pick(['等的时间太长', '窗口开得太少', '手续太繁琐']);
    const done = await this.sim.attempt(`rating ${ticket.number}`, () => this.sim.api.post(null, `/api/v1/public/queue/tickets/${ticket.token}/rating`, comment ? { score, comment } : { score }));
    if (done !== null) this.sim.figures.ratings++;
  }
}

/** A personal loan's amount: mostly consumer sized, some for the region to approve, a few for the credit committee. */
function loanAmount(rng: Sim['rng']): string {
  const band = rng.weighted([['small', 65], ['mid', 27], ['large', 8]] as const);
  const value = band === 'small' ? rng.between(30_000, 200_000) : band === 'mid' ? rng.between(210_000, 950_000) : rng.between(1_100_000, 2_000_000);
  return String(Math.round(value / 1000) * 1000);
}
