import { sql } from 'kysely';
import { at, DAY, hm } from './bank-days.ts';
import type { ComplaintDesk } from './complaint-desk.ts';
import { ApiRefusal } from './in-process-client.ts';
import { hash32 } from './random.ts';
import type { Sim, Staff } from './sim.ts';
import { answerFor, handlingMinutes, type WorkTask } from './task-answers.ts';

/** An open task as a worklist shows it. */
type OpenTask = WorkTask & { assignee: string | null; candidateUsers: string[]; candidateGroups: string[]; unitPath: string | null; pool: string | null; qualification: string | null; createdAt: number };

/** Services a branch finishes by hand after the customer left (no process): days until they are ready. */
const FINISHED_LATER: Record<string, { note: string; days: number }> = {
  'credit-card': { note: '审批通过，卡片已寄出', days: 3 },
  'merchant-onboarding': { note: '商户资料审核通过，已开通收单', days: 4 },
};


/**
 * The back office: staff who work tasks from their worklist — checkers, approvers, the risk
 * officer, the central pool, branch managers, complaint handlers — and tellers between customers.
 * Every ten minutes idle staff look at what is open for them; a worker takes the next task
 * (get next work), spends a realistic time on it, and completes it with a typical answer.
 */
export class BackOffice {
  private open: OpenTask[] = [];
  private endOfDay = 0;

  constructor(
    private readonly sim: Sim,
    private readonly desk: ComplaintDesk,
    /** A teller back from other work: the counter calls the next customer. */
    private readonly backToCounter: (teller: Staff) => Promise<void>,
  ) {}

  planDay(date: string): void {
    const rng = this.sim.rng;
    this.endOfDay = at(date, hm('17:30'));
    for (const w of this.sim.staff.values()) {
      if (w.counter) continue;
      this.sim.at(at(date, rng.between(hm('08:50'), hm('09:20'))), `on duty ${w.username}`, async () => {
        w.state = 'idle';
        w.blocked.clear();
      });
    }
    for (let m = hm('09:10'); m <= hm('17:20'); m += 10) this.sim.at(at(date, m), 'worklists', () => this.dispatch());
    for (const time of ['10:30', '16:00']) {
      this.sim.at(at(date, hm(time)), 'extension decisions', async () => {
        for (const user of ['ops', ...this.sim.branches.map((b) => b.manager)]) await this.desk.decideExtensions(user);
      });
    }
    this.sim.at(at(date, hm('16:30')), 'finished by hand', () => this.closeFinishedByHand());
    this.sim.at(this.endOfDay, 'off duty', async () => {
      for (const w of this.sim.staff.values()) if (!w.counter && w.state === 'idle') w.state = 'off';
    });
  }

  /** Reads what is open (as worklists show it) and sends idle staff to what they may take. */
  async dispatch(): Promise<void> {
    await this.scan();
    for (const w of this.sim.staff.values()) {
      if (w.state !== 'idle') continue;
      if (w.counter) {
        // a teller with nobody to call looks at the worklist too
        this.sim.after(this.sim.rng.between(0, 4), `counter ${w.username}`, () => this.backToCounter(w));
        continue;
      }
      const task = this.find(w);
      if (task) {
        w.state = 'busy';
        this.sim.after(this.sim.rng.between(0, 4), `pick ${w.username}`, () => this.pick(w, task));
      }
    }
  }

  /** A teller with nobody waiting takes back-office work when there is some for them. */
  async tellerIdle(teller: Staff): Promise<boolean> {
    if (this.sim.now >= this.endOfDay) return false;
    const task = this.find(teller);
    if (!task) return false;
    teller.state = 'busy';
    await this.pick(teller, task);
    return true;
  }

  private async scan(): Promise<void> {
    const rows = await this.sim.db
      .selectFrom('task as t')
      .leftJoin('org_unit as o', 'o.id', 't.unit_id')
      .select(['t.id', 't.element_id', 't.process_key', 't.business_key', 't.assignee', 't.candidate_users', 't.candidate_groups', 'o.path', 't.pool', 't.qualification', 't.excluded_users', 't.created_at'])
      .where('t.status', '=', 'open')
      .where('t.created_at', '<=', new Date(this.sim.now))
      .orderBy('t.priority', 'desc')
      .orderBy(sql`t.due_at asc nulls last`)
      .orderBy('t.created_at')
      .orderBy('t.business_key')
      .orderBy('t.element_id')
      .limit(1000)
      .execute();
    this.open = rows.map((r) => ({
      id: r.id,
      elementId: r.element_id,
      processKey: r.process_key,
      businessKey: r.business_key,
      assignee: r.assignee,
      candidateUsers: r.candidate_users,
      candidateGroups: r.candidate_groups,
      unitPath: r.path,
      pool: r.pool,
      qualification: r.qualification,
      excludedUsers: r.excluded_users,
      createdAt: r.created_at.getTime(),
    }));
  }

  /** The first open task `w` would take: their own first, then what their roles and reach allow. */
  private find(w: Staff): OpenTask | undefined {
    const mine = this.open.find((t) => t.assignee === w.username && !w.blocked.has(t.id) && this.reaches(w, t) && (w.notBefore.get(t.id) ?? 0) <= this.sim.now);
    if (mine) return mine;
    return this.open.find((t) => t.assignee === null && this.mayTake(w, t));
  }

  /** Whether the task is within the worker's reach: their branch (and below), a pool, or the whole bank. */
  private reaches(w: Staff, t: OpenTask): boolean {
    return w.global || t.pool !== null || (t.unitPath ?? '').startsWith(w.unitPath);
  }

  private mayTake(w: Staff, t: OpenTask): boolean {
    if (w.blocked.has(t.id) || t.excludedUsers.includes(w.username)) return false;
    const candidate = t.candidateUsers.includes(w.username) || t.candidateGroups.some((g) => w.roles.includes(g)) || (t.candidateUsers.length === 0 && t.candidateGroups.length === 0);
    if (!candidate) return false;
    if (t.qualification && !w.qualifications.has(t.qualification)) return false;
    // branch managers leave new complaints to the handlers, unless nobody took them for a day
    if (t.processKey === 'complaintHandling' && !w.roles.includes('complaint_handler') && t.candidateGroups.includes('complaint_handler') && this.sim.now - t.createdAt < DAY) return false;
    return this.reaches(w, t);
  }

  /** Takes a task: one's own, or the next one get-next-work hands out (from the list when some are off limits). */
  private async pick(w: Staff, hint: OpenTask): Promise<void> {
    this.open = this.open.filter((t) => t.id !== hint.id);
    let task: Picked | null = hint.assignee === w.username ? { ...hint, claimed: false } : null;
    if (!task) {
      const taken = await this.sim.attempt(`next work for ${w.username}`, () => (w.blocked.size === 0 ? this.sim.api.post<TaskJson | null>(w.username, '/api/v1/work/next') : this.fromList(w)));
      task = taken ? toWorkTask(taken) : null;
    }
    if (!task) return this.idle(w);
    if (task.createdAt > this.sim.now) {
      // someone's task of the real present (the live app is in use): not the history's to touch
      w.blocked.add(task.id);
      await this.sim.attempt('unclaim', () => this.sim.api.post(w.username, `/api/v1/tasks/${task!.id}/unclaim`));
      return this.idle(w);
    }
    const picked = task;
    this.sim.after(handlingMinutes(this.sim.rng, picked.elementId), `${picked.elementId} by ${w.username}`, () => this.complete(w, picked));
  }

  /** The first task of the available list not off limits, claimed. */
  private async fromList(w: Staff): Promise<TaskJson | null> {
    const list = await this.sim.api.get<{ items: TaskJson[] }>(w.username, '/api/v1/work/tasks?view=available&limit=30');
    const first = list.items.find((t) => !w.blocked.has(t.id) && Date.parse(t.createdAt) <= this.sim.now);
    if (!first) return null;
    return this.sim.api.post<TaskJson>(w.username, `/api/v1/tasks/${first.id}/claim`);
  }

  private async complete(w: Staff, task: Picked): Promise<void> {
    try {
      if (task.processKey === 'complaintHandling') {
        const outcome = await this.desk.act(w, task, task.createdAt);
        if (outcome.later) w.notBefore.set(task.id, outcome.later);
        if (outcome.done) this.sim.figures.tasks++;
      } else {
        const answer = answerFor(this.sim.rng, task);
        if (answer.type === 'return') await this.sim.api.post(w.username, `/api/v1/work/tasks/${task.id}/return`, { reason: answer.reason });
        else await this.sim.api.post(w.username, `/api/v1/tasks/${task.id}/complete`, { variables: answer.variables });
        this.sim.figures.tasks++;
      }
      await this.sim.runDueJobs();
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status >= 500 || error.status === 401) {
        await this.sim.attempt(`${task.elementId} by ${w.username}`, () => Promise.reject(error));
      } else if (error.status !== 409 && error.status !== 404) {
        // not theirs to finish (maker-checker, recusal, a gate): back to the pool for someone else
        this.sim.refused(`${task.elementId}`, error);
        w.blocked.add(task.id);
        if (task.claimed) await this.sim.attempt('unclaim', () => this.sim.api.post(w.username, `/api/v1/tasks/${task.id}/unclaim`));
      }
    }
    await this.idle(w);
  }

  /** Between tasks: the next one if there is one for them, back to the counter for a teller. */
  private async idle(w: Staff): Promise<void> {
    w.state = 'idle';
    if (w.counter) return this.backToCounter(w);
    if (this.sim.now >= this.endOfDay) {
      w.state = 'off';
      return;
    }
    const next = this.find(w);
    if (next) {
      w.state = 'busy';
      this.sim.after(this.sim.rng.between(0.5, 3), `pick ${w.username}`, () => this.pick(w, next));
    }
  }

  /** Supervisors close the cases done by hand once the card is sent or the merchant approved (some late). */
  private async closeFinishedByHand(): Promise<void> {
    for (const branch of this.sim.branches) {
      const open = await this.sim.db
        .selectFrom('service_case')
        .select(['id', 'ref', 'service_code', 'created_at'])
        .where('unit_id', '=', branch.unitId)
        .where('status', '=', 'open')
        .where('service_code', 'in', Object.keys(FINISHED_LATER))
        .where('created_at', '<=', new Date(this.sim.now))
        .orderBy('created_at')
        .execute();
      for (const c of open) {
        const rule = FINISHED_LATER[c.service_code]!;
        if (this.sim.now - c.created_at.getTime() < (rule.days + (hash32(c.ref) % 11)) * DAY) continue;
        await this.sim.attempt(`close ${c.ref}`, () => this.sim.api.post(branch.supervisor, `/api/v1/cases/${c.id}/close`, { outcome: 'completed', note: rule.note }));
      }
    }
  }
}

type TaskJson = { id: string; elementId: string; processKey: string; businessKey: string | null; excludedUsers: string[]; createdAt: string };
/** A task a worker holds: `claimed` when they took it from the pool (and give it back there if they cannot finish it). */
type Picked = WorkTask & { createdAt: number; claimed: boolean };

function toWorkTask(t: TaskJson): Picked {
  return { id: t.id, elementId: t.elementId, processKey: t.processKey, businessKey: t.businessKey, excludedUsers: t.excludedUsers ?? [], createdAt: Date.parse(t.createdAt), claimed: true };
}
