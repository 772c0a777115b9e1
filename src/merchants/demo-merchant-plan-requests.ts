import type { BusinessCalendar } from '../platform/calendar/business-calendar.ts';
import { addDays } from '../platform/calendar/calendar-data.ts';
import { firstInstant } from '../platform/calendar/first-instant.ts';
import type { Random } from '../demo/random.ts';
import { countedTime, dueDate, slaOf, type TimeLimit } from '../services/cases/sla.ts';
import type { MerchantStatus, RequestKind } from './merchant.table.ts';
import { onDay, type DemoMerchantPlan, type PlannedMerchant } from './demo-merchant-plan.ts';

/*
 * The demo merchants' service requests of the last two weeks, planned from the seed (part of
 * `planDemoWork`), and placed on their clocks: given the business calendar and the standards,
 * when each was opened, answered and resolved as seen at the demo's start. No database.
 */

export type RequestState = 'open' | 'responded' | 'resolved';

export type PlannedRequest = {
  key: string;
  kind: RequestKind;
  channel: 'phone' | 'online' | 'visit' | 'app';
  description: string;
  /** When it came in; a request planned to be at risk or breached is placed on its clock when written. */
  openedAt: Date;
  /** How far it got, and where on each clock (the share of its counted time) the answer and the resolution came. */
  state: RequestState;
  respond: { share: number; note: string } | null;
  resolve: { share: number; text: string } | null;
  /** Where its resolution clock stands at the demo's start, when that is the point of it. */
  target: 'at_risk' | 'breached' | null;
};

/** What merchants ask, and what the bank answered and did. */
const REQUEST_TEXT: Record<RequestKind, { ask: string[]; answer: string; done: string[] }> = {
  terminal_fault: {
    ask: ['POS 机读取芯片卡失败，提示“读卡错误”', '终端开机后无法签到，显示通讯超时', '终端打印模块卡纸，小票打印不全', '扫码盒子无法识别顾客付款码'],
    answer: '已电话指导重启并重新签到，安排工程师上门',
    done: ['工程师上门更换读卡模块，测试交易正常', '更换备用终端，原终端返厂维修', '重新下载终端参数后签到成功，交易恢复'],
  },
  paper_roll: {
    ask: ['申领热敏打印纸 20 卷', '门店打印纸即将用完，申请配送', '申领打印纸和签购单各一箱'],
    answer: '已登记，安排配送',
    done: ['打印纸已送达门店，商户签收', '随工程师巡检一并送达，商户签收'],
  },
  settlement_query: {
    ask: ['昨日交易款未到账，请核实结算情况', '结算金额与交易流水不符，差额约 300 元', '询问结算账户变更后的到账时间'],
    answer: '已核对交易流水，正在与清算部门确认',
    done: ['款项已到账：节假日顺延一个工作日结算', '差额为当日退货冲减，已向商户提供明细', '已说明变更后次一工作日起按新账户结算'],
  },
  chargeback_help: {
    ask: ['收到发卡行调单通知，请协助准备交易凭证', '持卡人否认交易，需提交拒付申诉材料'],
    answer: '已告知所需材料清单和提交时限',
    done: ['协助商户整理签购单和发货凭证，申诉材料已上送', '调单材料已按时提交发卡行'],
  },
  training: {
    ask: ['新入职收银员需要终端操作培训', '申请防范信用卡套现和欺诈交易培训', '申请扫码支付退款操作培训'],
    answer: '已与商户约定培训时间',
    done: ['已上门培训收银员 3 名，发放操作手册', '已组织线上培训并完成考核'],
  },
};

/** The requests as planned: kind, how far it got, the clock it is meant to show, and a late one here and there. */
const REQUESTS: [RequestKind, RequestState, target: PlannedRequest['target'], late?: boolean][] = [
  ['terminal_fault', 'resolved', null], ['terminal_fault', 'resolved', null], ['terminal_fault', 'resolved', null, true], ['terminal_fault', 'resolved', null],
  ['paper_roll', 'resolved', null], ['paper_roll', 'resolved', null], ['paper_roll', 'resolved', null], ['paper_roll', 'resolved', null],
  ['settlement_query', 'resolved', null], ['settlement_query', 'resolved', null, true], ['settlement_query', 'resolved', null],
  ['chargeback_help', 'resolved', null], ['chargeback_help', 'resolved', null], ['chargeback_help', 'resolved', null],
  ['training', 'resolved', null], ['training', 'resolved', null],
  ['terminal_fault', 'responded', 'breached'], ['chargeback_help', 'responded', 'at_risk'], ['settlement_query', 'responded', null], ['training', 'responded', null], ['paper_roll', 'responded', null],
  ['paper_roll', 'open', 'breached'], ['settlement_query', 'open', 'at_risk'], ['terminal_fault', 'open', null], ['training', 'open', null],
];

const SERVED: readonly MerchantStatus[] = ['active', 'restricted', 'suspended'];

/**
 * About 25 requests of the last two weeks by merchants the bank serves, the regions' key and
 * strategic merchants among them: most resolved, some answered, a few open. Terminals and paper
 * are asked for by stores only; a suspended merchant asks about its settlement.
 */
export function planRequests(plan: DemoMerchantPlan, today: string, random: Random, taken: Set<string>): PlannedRequest[] {
  const served = plan.merchants.filter((m) => SERVED.includes(m.status) && !taken.has(m.key));
  const used = new Set<string>();
  return REQUESTS.map(([kind, state, target, late], i): PlannedRequest => {
    const fits = (m: PlannedMerchant) => !used.has(m.key) && (m.status !== 'suspended' || kind === 'settlement_query') && (m.application.kind === 'store' || !['terminal_fault', 'paper_roll'].includes(kind));
    // every fourth from the regions' chains: a strategic one while there is one to ask
    const strategic = served.filter((m) => fits(m) && m.application.tier === 'strategic');
    const key = served.filter((m) => fits(m) && m.application.tier === 'key');
    const m = random.pick(i % 4 === 0 && (strategic.length || key.length) ? (strategic.length ? strategic : key) : served.filter(fits));
    used.add(m.key);
    const text = REQUEST_TEXT[kind];
    // a terminal fails any time; the rest comes in office hours
    const minutes = kind === 'terminal_fault' && random.chance(0.3) ? 600 + random.int(150) : random.int(540);
    const openedAt = onDay(addDays(today, -(i >= 23 ? 1 : 2 + random.int(13))), minutes);
    return {
      key: m.key, kind, channel: random.weighted([['phone', 5], ['app', 3], ['online', 2], ['visit', 1]] as const), description: random.pick(text.ask), openedAt, state,
      respond: state === 'open' ? null : { share: random.between(0.15, 0.7), note: text.answer },
      resolve: state === 'resolved' ? { share: late ? random.between(1.15, 1.4) : random.between(0.3, 0.85), text: random.pick(text.done) } : null,
      target,
    };
  });
}

export type RequestLimits = { response: TimeLimit; resolution: TimeLimit };
export type RequestEvent = { at: Date; index: number; step: 'open' | 'respond' | 'resolve' };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * When each planned request is opened, answered and resolved, in time order, seen at `now`: on the
 * business calendar, with the limits of its merchant's tier (`limitsOf`, request index → limits).
 * A request meant to be at risk or breached now is opened where its resolution clock stands so;
 * one planned answered or resolved is moved back a day at a time until that is done before `now`.
 */
export function scheduleRequests(requests: PlannedRequest[], limitsOf: (index: number) => RequestLimits, calendar: BusinessCalendar, now: Date): RequestEvent[] {
  const events: RequestEvent[] = [];
  requests.forEach((r, index) => {
    const limits = limitsOf(index);
    const stepsFrom = (opened: Date) => {
      const responded = r.respond ? wholeMinute(maxDate(instantAt(calendar, limits.response, opened, r.respond.share), new Date(opened.getTime() + 2 * MINUTE_MS))) : null;
      const resolved = r.resolve && responded ? wholeMinute(maxDate(instantAt(calendar, limits.resolution, opened, r.resolve.share), new Date(responded.getTime() + 5 * MINUTE_MS))) : null;
      return { responded, resolved };
    };
    let opened = (r.target && placedOnClock(calendar, limits.resolution, r.target, now)) || r.openedAt;
    let steps = stepsFrom(opened);
    for (let back = 0; back < 30 && ((steps.responded ?? opened) >= now || (steps.resolved ?? opened) >= now); back++) {
      opened = new Date(opened.getTime() - DAY_MS);
      steps = stepsFrom(opened);
    }
    events.push({ at: opened, index, step: 'open' });
    if (steps.responded && steps.responded < now) events.push({ at: steps.responded, index, step: 'respond' });
    if (steps.resolved && steps.resolved < now) events.push({ at: steps.resolved, index, step: 'resolve' });
  });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}

const wholeMinute = (at: Date) => new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
const maxDate = (a: Date, b: Date) => (a > b ? a : b);

/**
 * The instant at which `share` of a limit's counted time from `opened` is used (beyond the due
 * date when more than 1). Working days are counted in working hours here, so that people answer
 * in office hours.
 */
function instantAt(calendar: BusinessCalendar, limit: TimeLimit, opened: Date, share: number): Date {
  const unit = limit.unit === 'workingDays' ? 'workingHours' : limit.unit;
  const total = countedTime(calendar, unit, opened, dueDate(calendar, opened, limit)!);
  return firstInstant(opened, new Date(opened.getTime() + 90 * DAY_MS), (at) => countedTime(calendar, unit, opened, at) >= share * total);
}

/**
 * The latest opening in office hours (China), at most 45 days back, that leaves a request's
 * resolution clock at risk (85% or more used) or breached (due an hour or more ago) at `now`.
 */
function placedOnClock(calendar: BusinessCalendar, limit: TimeLimit, target: 'at_risk' | 'breached', now: Date): Date | null {
  for (let back = 15; back <= 45 * 24 * 60; back += 15) {
    const opened = new Date(now.getTime() - back * MINUTE_MS);
    const hour = ((opened.getUTCHours() + 8) % 24) + opened.getUTCMinutes() / 60;
    if (hour < 8.5 || hour >= 19) continue;
    const due = dueDate(calendar, opened, limit)!;
    if (target === 'breached' && due.getTime() <= now.getTime() - 60 * MINUTE_MS) return opened;
    if (target === 'at_risk') {
      const clock = slaOf(calendar, limit.unit, opened, due, now);
      if (clock.state === 'at_risk' && (clock.usedPercent ?? 0) >= 85) return opened;
    }
  }
  return null;
}
