import type { RequestContext } from '../platform/access/actor.ts';
import { mergeRolePermissions } from '../platform/access/policy.ts';
import { rolesOfUser } from '../platform/auth/session.repository.ts';
import type { Deps } from '../platform/deps.ts';
import type { Engine } from '../engine/engine.ts';
import { accept, assign, decline, propose } from './complaint-steps.service.ts';
import { decideExtension, requestExtension } from './extension.service.ts';
import { registerComplaint } from './intake.service.ts';
import type { IntakeInput } from './complaint.schemas.ts';

const DAY = 86_400_000;

/** A demo staff member's context, as a session would give it (demo seeding only). */
async function staff(deps: Deps, username: string): Promise<RequestContext> {
  const u = await deps.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.unit_id').select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'o.path']).where('u.username', '=', username).executeTakeFirstOrThrow();
  const roles = await rolesOfUser(deps.db, u.id);
  return {
    actor: { userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, unitPath: u.path, roles: roles.map((r) => r.key), permissions: mergeRolePermissions(roles), sessionTokenHash: 'demo' },
    ip: null,
    requestId: 'demo-seed',
    lang: 'zh-CN',
  };
}

/**
 * A few complaints at different points of their handling, so the board, the clocks and the
 * report have something to show on a fresh demo bank: a regulator referral nearing its due
 * date, one just received, one extended, one awaiting approval, one declined.
 */
export async function seedDemoComplaints(deps: Deps, engine: Engine): Promise<void> {
  if (await deps.db.selectFrom('complaint').select('id').limit(1).executeTakeFirst()) return;
  const [teller, handler, manager] = await Promise.all([staff(deps, 'teller1'), staff(deps, 'complaints'), staff(deps, 'branchmgr')]);
  const customer = await deps.db.selectFrom('customer').select('id').orderBy('created_at').limit(1).executeTakeFirst();
  const ago = (days: number) => new Date(deps.clock().getTime() - days * DAY).toISOString();
  const file = async (input: Omit<IntakeInput, 'request'> & { request?: string }) => (await registerComplaint(deps, engine, teller, { request: '请尽快处理并给出答复', ...input })).body;

  const referral = await file({ channel: 'regulator', regulatorRef: 'BJJG-2026-0417', receivedAt: ago(13), complainant: { name: '赵明远', phone: '13912345678' }, subject: { type: 'product', ref: '稳盈 90 天理财' }, description: '购买理财产品时客户经理称保本保收益，到期后出现亏损，宣传存在误导', request: '赔偿本金损失' });
  await accept(deps, engine, handler, referral.ref, { categoryCode: 'wealth_product', causeCode: 'marketing', priority: 'urgent' });
  await assign(deps, engine, handler, referral.ref, 'complaints');

  await file({ channel: 'counter', receivedAt: ago(1), ...(customer && { customerId: customer.id }), subject: { type: 'staff', ref: 'supervisor' }, description: '主管复核挂失补卡时态度不耐烦，多次让我重复提供身份证', request: '要求道歉' });

  const extended = await file({ channel: 'phone', receivedAt: ago(14), complainant: { name: '钱晓燕', phone: '13698765432' }, subject: { type: 'branch', ref: 'BJ-HD' }, description: '周末在海淀支行排队等候超过两个小时，只开了一个窗口', request: '增加周末窗口' });
  await accept(deps, engine, handler, extended.ref, { categoryCode: 'counter_service', causeCode: 'waiting', priority: 'normal' });
  await assign(deps, engine, handler, extended.ref, 'complaints');
  await requestExtension(deps, engine, handler, extended.ref, '需调阅排队叫号记录并核查当日人员排班');
  const pending = await deps.db.selectFrom('complaint_extension as e').innerJoin('complaint as c', 'c.id', 'e.complaint_id').select('e.id').where('c.ref', '=', extended.ref).executeTakeFirstOrThrow();
  await decideExtension(deps, engine, manager, extended.ref, pending.id, { approve: true, note: '情况复杂，同意延期至 30 日' });

  const fees = await file({ channel: 'online', receivedAt: ago(6), complainant: { name: '孙立群', email: 'sun.liqun@example.com' }, subject: { type: 'none' }, description: '借记卡每季度被扣小额账户管理费，开户时没有告知', request: '退还已扣的管理费' });
  await accept(deps, engine, handler, fees.ref, { categoryCode: 'debit_card', causeCode: 'fees', priority: 'normal' });
  await assign(deps, engine, handler, fees.ref, 'complaints');
  await propose(deps, engine, handler, fees.ref, { outcome: 'upheld', text: '经核实开户时未充分告知收费标准，退还近一年管理费并免收今后费用', compensation: '48.00' });

  const duplicate = await file({ channel: 'mobile', receivedAt: ago(3), complainant: { name: '孙立群', email: 'sun.liqun@example.com' }, subject: { type: 'none' }, description: '账户管理费问题，和网上提交的是同一件事', request: '退费' });
  await decline(deps, engine, handler, duplicate.ref, { reason: 'duplicate', note: `与 ${fees.ref} 为同一事项，并入处理` });
}
