import { at, DAY, hm } from './bank-days.ts';
import type { CounterDay } from './counter-day.ts';
import { ApiRefusal } from './in-process-client.ts';
import { mobile, personName } from './people.ts';
import { hash32 } from './random.ts';
import type { Branch, Sim, Staff } from './sim.ts';
import type { WorkTask } from './task-answers.ts';

type Subject = 'case' | 'staff' | 'branch' | 'product' | 'none';
type Story = { subject: Subject; description: string; request: string; category: string; cause: string };

/** What customers complain about, in their words, with the classification a handler gives it. */
const STORIES: Story[] = [
  { subject: 'branch', description: '上午在网点排队等了一个多小时，只开了两个窗口', request: '增加窗口，缩短排队时间', category: 'counter_service', cause: 'waiting' },
  { subject: 'staff', description: '柜员办理业务时态度不耐烦，多次打断我说话', request: '要求柜员道歉', category: 'counter_service', cause: 'attitude' },
  { subject: 'case', description: '挂失补卡收取了工本费，办理时没有告知收费标准', request: '退还工本费', category: 'debit_card', cause: 'fees' },
  { subject: 'case', description: '贷款审批时间太长，材料反复提交了好几次', request: '尽快审批并说明原因', category: 'consumer_loan', cause: 'procedure' },
  { subject: 'case', description: '大额转账要等电话回访和主管授权，耽误了付款时间', request: '简化大额转账流程', category: 'transfer', cause: 'procedure' },
  { subject: 'none', description: '经常收到营销短信和电话骚扰，我没有同意接收营销信息', request: '停止营销并说明个人信息来源', category: 'other_business', cause: 'info_security' },
  { subject: 'product', description: '理财产品到期收益低于宣传的预期收益，客户经理未充分提示风险', request: '赔偿收益差额', category: 'wealth_product', cause: 'marketing' },
  { subject: 'none', description: '信用卡年费在没有告知的情况下被扣收', request: '退还年费', category: 'credit_card', cause: 'fees' },
  { subject: 'none', description: '手机银行转账显示失败但账户已经扣款', request: '尽快退回款项', category: 'online_payment', cause: 'fund_loss' },
  { subject: 'case', description: '开户时柜员要求提供的材料和网上说明不一致，跑了两趟', request: '统一材料要求', category: 'debit_card', cause: 'procedure' },
];
/** Complaint handlers by the unit a complaint is handled at (a region's branches, or head office). */
const HANDLERS: Record<string, string[]> = { BJ: ['complaints', 'complaints2'], SH: ['complaints-sh', 'complaints-sh2'], HO: ['complaints-ho', 'complaints-ho2'] };
type Decision = { outcome: 'upheld' | 'partly_upheld' | 'not_upheld'; text: string };
const DECISIONS: [Decision, number][] = [
  [{ outcome: 'upheld', text: '经核实情况属实，已向客户致歉并按规定退还相关费用' }, 4],
  [{ outcome: 'partly_upheld', text: '经核实部分属实，已向客户解释规定并给予适当补偿' }, 3],
  [{ outcome: 'not_upheld', text: '经调阅记录核实，业务办理符合规定，已向客户耐心解释' }, 3],
];

/**
 * Complaints (投诉): customers complain at the counter, by phone, online, now and then through the
 * regulator; handlers accept, assign, investigate over days, propose, get approval, record the
 * complainant's response, find the root cause with a corrective action, and close. Every step
 * through the complaint API, as the complaint tests drive it.
 */
export class ComplaintDesk {
  private readonly stories = new Map<string, Story>();
  /** Investigations already begun (contact made): the next visit proposes the decision. */
  private readonly begun = new Set<string>();

  constructor(
    private readonly sim: Sim,
    private readonly counters: CounterDay,
  ) {}

  /** Plans the day's new complaints: a few at the counters, by phone and online, rarely a referral. */
  planDay(date: string): void {
    const rng = this.sim.rng;
    for (const branch of this.sim.branches) {
      if (rng.chance(0.22 * this.sim.volume)) this.sim.at(at(date, rng.between(hm('10:00'), hm('16:45'))), `complaint at ${branch.code}`, () => this.atCounter(branch));
    }
    for (let i = rng.poisson(0.35 * this.sim.volume); i > 0; i--) {
      this.sim.at(at(date, rng.between(hm('09:00'), hm('17:00'))), 'complaint by phone', () => this.remote(rng.pick(this.sim.branches), rng.chance(0.6) ? 'phone' : 'online'));
    }
    if (rng.chance(0.07 * this.sim.volume)) this.sim.at(at(date, rng.between(hm('09:30'), hm('16:00'))), 'regulator referral', () => this.remote(rng.pick(this.sim.branches), 'regulator'));
  }

  private story(subject?: Subject): Story {
    const fitting = subject ? STORIES.filter((s) => s.subject === subject) : STORIES;
    return this.sim.rng.pick(fitting.length ? fitting : STORIES);
  }

  /** A customer complains to the teller who served them; the teller registers it. */
  private async atCounter(branch: Branch): Promise<void> {
    const rng = this.sim.rng;
    const recent = this.counters.served.filter((s) => s.branch === branch.code).slice(-15);
    const served = recent.length ? rng.pick(recent) : null;
    const story = this.story(served && rng.chance(0.5) ? 'case' : rng.pick(['staff', 'branch', 'none'] as const));
    const teller = served?.teller ?? branch.tellers[0]!;
    const subject = story.subject === 'case' && served ? { type: 'case', ref: served.ref } : story.subject === 'staff' ? { type: 'staff', ref: rng.pick(branch.tellers.filter((t) => t !== teller)) } : story.subject === 'branch' ? { type: 'branch', ref: branch.code } : { type: 'none' };
    const who = served && subject.type === 'case' ? { customerId: served.customerId } : { complainant: { name: personName(rng), phone: mobile(rng) } };
    await this.register(teller, { channel: 'counter', subject, description: story.description, request: story.request, ...who }, story);
  }

  /** A complaint by phone, online or from the regulator, registered by the region's handler. */
  private async remote(branch: Branch, channel: 'phone' | 'online' | 'regulator'): Promise<void> {
    const rng = this.sim.rng;
    const story = this.story(rng.pick(['branch', 'product', 'none'] as const));
    const subject = story.subject === 'branch' ? { type: 'branch', ref: branch.code } : story.subject === 'product' ? { type: 'product', ref: '稳盈 90 天理财' } : { type: 'none' };
    const handler = rng.pick(HANDLERS[branch.region] ?? ['complaints']);
    const referral = channel === 'regulator' ? { regulatorRef: `${branch.region}JG-${new Date(this.sim.now).getUTCFullYear()}-${String(rng.int(10_000)).padStart(4, '0')}`, receivedAt: new Date(this.sim.now - rng.between(1, 3) * DAY).toISOString() } : {};
    const contact = channel === 'online' ? { name: personName(rng), email: `user${rng.int(100_000)}@example.com` } : { name: personName(rng), phone: mobile(rng) };
    await this.register(handler, { channel, subject, description: story.description, request: story.request, complainant: contact, ...referral }, story);
  }

  private async register(user: string, body: Record<string, unknown>, story: Story): Promise<void> {
    const c = await this.sim.attempt(`complaint by ${user}`, () => this.sim.api.post<{ ref: string }>(user, '/api/v1/complaints', body));
    if (!c) return;
    this.sim.figures.complaints++;
    this.stories.set(c.ref, story);
    await this.sim.runDueJobs();
  }

  /**
   * Works a complaint's step for `w`. Returns `later` with an instant when the step waits for
   * time to pass (an investigation under way, the complainant not yet answered).
   */
  async act(w: Staff, task: WorkTask, createdAt: number): Promise<{ done: boolean; later?: number }> {
    const ref = task.businessKey!;
    const rng = this.sim.rng;
    const post = (path: string, body: Record<string, unknown> = {}) => this.sim.api.post(w.username, `/api/v1/complaints/${ref}/${path}`, body);
    const story = this.stories.get(ref) ?? STORIES[0]!;
    switch (task.elementId) {
      case 'accept':
        if (rng.chance(0.08)) await post('decline', { reason: rng.pick(['duplicate', 'not_a_complaint'] as const), note: '经核实不属于有效投诉，已向客户说明' });
        else await post('accept', { categoryCode: story.category, causeCode: story.cause, priority: story.subject === 'staff' ? 'high' : 'normal' });
        return { done: true };
      case 'assign': {
        // a handler who reaches the complaint's unit: its region's, or head office's
        const unit = await this.unitOf(ref);
        const handlers = (HANDLERS[unit.slice(0, 2)] ?? HANDLERS.HO!).filter((h) => !task.excludedUsers.includes(h));
        const handler = handlers.includes(w.username) && rng.chance(0.6) ? w.username : rng.pick(handlers.length ? handlers : [w.username]);
        await post('assign', { handler });
        return { done: true };
      }
      case 'investigate':
        if (!this.begun.has(task.id)) {
          this.begun.add(task.id);
          await post('events', { kind: 'contact', method: 'phone', text: '已致电投诉人了解诉求，并调阅相关业务记录' });
          if (rng.chance(0.06)) await post('extensions', { reason: '需调取监控录像并协调相关部门核实' });
          return { done: false, later: this.sim.now + rng.lognormal(2, 0.6) * DAY };
        }
        {
          const d = rng.weighted(DECISIONS);
          const compensation = d.outcome === 'not_upheld' ? 0 : rng.weighted([[0, 5], [Math.round(rng.between(50, 900)), 4], [Math.round(rng.between(1500, 8000)), 1]] as const);
          await post('proposal', { outcome: d.outcome, text: d.text, compensation: `${compensation}.00` });
        }
        return { done: true };
      case 'approveDecision':
        await this.sim.api.post(w.username, `/api/v1/complaints/${ref}/approval`, rng.chance(0.9) ? { decision: 'approve', comment: '同意' } : { decision: 'return', comment: '处理意见依据不充分，请补充核实' });
        return { done: true };
      case 'recordResponse': {
        const answersAt = createdAt + (1 + (hash32(task.id) % 3)) * DAY;
        if (this.sim.now < answersAt) return { done: false, later: answersAt };
        await post('response', rng.chance(0.85) ? { response: 'accepted', note: '投诉人表示认可' } : { response: 'disputed', note: '投诉人认为处理结果不合理' });
        return { done: true };
      }
      case 'review':
        await post('review', { outcome: 'confirm', note: '复核认为原处理决定适当' });
        return { done: true };
      case 'rootCause': {
        // the corrective action falls to the manager of the branch complained about (head office otherwise)
        const unit = await this.unitOf(ref);
        const owner = this.sim.branches.find((b) => b.code === unit)?.manager ?? 'ops';
        await post('root-cause', { causeCode: story.cause, finding: '经溯源分析，相关环节的操作规范执行不到位', ...(story.subject === 'staff' ? { staffIssue: '柜员服务规范意识不足' } : {}) });
        await post('actions', { action: '组织相关人员学习服务规范并纳入月度检查', owner, dueDate: new Date(this.sim.now + 30 * DAY + 8 * 3600_000).toISOString().slice(0, 10) });
        await post('close');
        return { done: true };
      }
      default:
        return { done: false };
    }
  }

  /** The code of the unit handling a complaint. */
  private async unitOf(ref: string): Promise<string> {
    const row = await this.sim.db.selectFrom('complaint as c').innerJoin('org_unit as o', 'o.id', 'c.unit_id').select('o.code').where('c.ref', '=', ref).executeTakeFirst();
    return row?.code ?? 'HO';
  }

  /**
   * A superior decides the pending extensions within their reach (twice a day): mostly granted; a
   * request the decision has overtaken (the clock has stopped) is refused as no longer needed.
   */
  async decideExtensions(user: string): Promise<void> {
    const pending = await this.sim.attempt(`extensions for ${user}`, () => this.sim.api.get<{ items: { complaintRef: string; id: string; requestedBy: string }[] }>(user, '/api/v1/complaint-extensions?status=pending'));
    for (const e of pending?.items ?? []) {
      if (e.requestedBy === user) continue;
      const url = `/api/v1/complaints/${e.complaintRef}/extensions/${e.id}/decision`;
      const refuse = (note: string) => this.sim.attempt(`extension of ${e.complaintRef}`, () => this.sim.api.post(user, url, { approve: false, note }));
      if (!this.sim.rng.chance(0.9)) {
        await refuse('请在原期限内办结');
        continue;
      }
      try {
        await this.sim.api.post(user, url, { approve: true, note: '情况复杂，同意延期' });
      } catch (error) {
        if (!(error instanceof ApiRefusal) || error.status >= 500) throw error;
        if (error.status === 409) await refuse('处理决定已作出，无需延期');
        else this.sim.refused(`extension of ${e.complaintRef}`, error);
      }
    }
  }
}
