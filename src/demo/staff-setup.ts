import { BUILTIN_ROLES } from '../platform/access/permissions.ts';
import { DEMO_PASSWORD } from '../platform/demo/demo-bank.ts';
import { addDays } from './bank-days.ts';
import type { Branch, Sim, Staff } from './sim.ts';

type Person = { username: string; displayName: string; unit: string; roles: string[]; phone: string };

/**
 * The staff the demo branches lack for a working day: three tellers at each branch (one per
 * counter kind), two supervisors and a branch manager, complaint handlers for the Shanghai region
 * and head office's consumer protection. They sign in with the demo password.
 */
export const HISTORY_STAFF: Person[] = [
  { username: 'hd-teller2', displayName: '周柜员 Zhou (Teller)', unit: 'BJ-HD', roles: ['teller'], phone: '13800001001' },
  { username: 'hd-teller3', displayName: '吴柜员 Wu (Teller)', unit: 'BJ-HD', roles: ['teller'], phone: '13800001002' },
  { username: 'cy-teller1', displayName: '郑柜员 Zheng (Teller)', unit: 'BJ-CY', roles: ['teller'], phone: '13800001011' },
  { username: 'cy-teller2', displayName: '冯柜员 Feng (Teller)', unit: 'BJ-CY', roles: ['teller'], phone: '13800001012' },
  { username: 'cy-teller3', displayName: '褚柜员 Chu (Teller)', unit: 'BJ-CY', roles: ['teller'], phone: '13800001013' },
  { username: 'cy-supervisor', displayName: '卫主管 Wei (Supervisor)', unit: 'BJ-CY', roles: ['supervisor'], phone: '13800001014' },
  { username: 'cy-manager', displayName: '蒋行长 Jiang (Branch)', unit: 'BJ-CY', roles: ['branch_manager'], phone: '13800001015' },
  { username: 'pd-teller2', displayName: '沈柜员 Shen (Teller)', unit: 'SH-PD', roles: ['teller'], phone: '13800001021' },
  { username: 'pd-teller3', displayName: '韩柜员 Han (Teller)', unit: 'SH-PD', roles: ['teller'], phone: '13800001022' },
  { username: 'pd-supervisor', displayName: '杨主管 Yang (Supervisor)', unit: 'SH-PD', roles: ['supervisor'], phone: '13800001023' },
  { username: 'pd-manager', displayName: '朱行长 Zhu (Branch)', unit: 'SH-PD', roles: ['branch_manager'], phone: '13800001024' },
  { username: 'ja-teller1', displayName: '秦柜员 Qin (Teller)', unit: 'SH-JA', roles: ['teller'], phone: '13800001031' },
  { username: 'ja-teller2', displayName: '尤柜员 You (Teller)', unit: 'SH-JA', roles: ['teller'], phone: '13800001032' },
  { username: 'ja-teller3', displayName: '许柜员 Xu (Teller)', unit: 'SH-JA', roles: ['teller'], phone: '13800001033' },
  { username: 'ja-supervisor', displayName: '何主管 He (Supervisor)', unit: 'SH-JA', roles: ['supervisor'], phone: '13800001034' },
  { username: 'ja-manager', displayName: '吕行长 Lyu (Branch)', unit: 'SH-JA', roles: ['branch_manager'], phone: '13800001035' },
  { username: 'complaints-sh', displayName: '施专员 Shi (Complaints)', unit: 'SH', roles: ['complaint_handler'], phone: '13800001041' },
  { username: 'complaints-sh2', displayName: '张专员 Zhang (Complaints)', unit: 'SH', roles: ['complaint_handler'], phone: '13800001042' },
  { username: 'complaints-ho', displayName: '钱专员 Qian (Consumer protection)', unit: 'HO', roles: ['complaint_handler'], phone: '13800001051' },
  { username: 'complaints-ho2', displayName: '孔专员 Kong (Consumer protection)', unit: 'HO', roles: ['complaint_handler'], phone: '13800001052' },
  // a second checker at each branch: a complaint about a case its checker worked needs another approver
  { username: 'hd-supervisor2', displayName: '曹主管 Cao (Supervisor)', unit: 'BJ-HD', roles: ['supervisor'], phone: '13800001061' },
  { username: 'cy-supervisor2', displayName: '严主管 Yan (Supervisor)', unit: 'BJ-CY', roles: ['supervisor'], phone: '13800001062' },
  { username: 'pd-supervisor2', displayName: '华主管 Hua (Supervisor)', unit: 'SH-PD', roles: ['supervisor'], phone: '13800001063' },
  { username: 'ja-supervisor2', displayName: '金主管 Jin (Supervisor)', unit: 'SH-JA', roles: ['supervisor'], phone: '13800001064' },
];

/** Who works where: the tellers at counters 1, 3 and 4 (cash and accounts, accounts, business), the checkers, the manager. */
const BRANCH_STAFF: Record<string, { tellers: string[]; supervisors: string[]; manager: string; tickets: number; region: string }> = {
  'BJ-HD': { tellers: ['teller1', 'hd-teller2', 'hd-teller3'], supervisors: ['supervisor', 'hd-supervisor2'], manager: 'branchmgr', tickets: 24, region: 'BJ' },
  'BJ-CY': { tellers: ['cy-teller1', 'cy-teller2', 'cy-teller3'], supervisors: ['cy-supervisor', 'cy-supervisor2'], manager: 'cy-manager', tickets: 18, region: 'BJ' },
  'SH-PD': { tellers: ['teller2', 'pd-teller2', 'pd-teller3'], supervisors: ['pd-supervisor', 'pd-supervisor2'], manager: 'pd-manager', tickets: 22, region: 'SH' },
  'SH-JA': { tellers: ['ja-teller1', 'ja-teller2', 'ja-teller3'], supervisors: ['ja-supervisor', 'ja-supervisor2'], manager: 'ja-manager', tickets: 16, region: 'SH' },
};
const COUNTER_OF_TELLER = [1, 3, 4];

/** Staff of the back office and head office who work tasks (the demo bank's own). */
const OFFICE_STAFF = ['ops', 'risk', 'complaints', 'complaints2', 'complaints-sh', 'complaints-sh2', 'complaints-ho', 'complaints-ho2'];

/** The queue a branch gets when it has none (the demo bank's layout). */
const QUEUE_LAYOUT = {
  categories: [
    { code: 'A', nameZh: '个人现金业务', nameEn: 'Cash services', serviceCodes: ['report-lost-card', 'large-transfer', 'close-account'] },
    { code: 'B', nameZh: '个人非现金业务', nameEn: 'Accounts and cards', serviceCodes: ['open-personal-account', 'personal-loan', 'credit-card', 'wealth-purchase'] },
    { code: 'C', nameZh: '对公业务', nameEn: 'Business customers', serviceCodes: ['open-corporate-account', 'merchant-onboarding'] },
    { code: 'V', nameZh: '贵宾业务', nameEn: 'Premier customers', serviceCodes: [] },
  ],
  counters: [
    { number: 1, kind: 'cash', categories: ['A', 'B'] },
    { number: 2, kind: 'cash', categories: ['A'] },
    { number: 3, kind: 'non_cash', categories: ['B', 'A'] },
    { number: 4, kind: 'corporate', categories: ['C', 'B'] },
    { number: 5, kind: 'vip', categories: ['V', 'B', 'A'] },
  ],
};

type QueueSetup = { categories: { code: string; serviceCodes: string[] }[]; counters: { id: string; number: number; categories: string[] }[] };

/**
 * Makes the demo bank ready for working days, through the admin, qualification and queue APIs:
 * the missing staff, the supervisors' large-value authorisation, each branch's queue. Then
 * builds the simulation's picture of branches and staff. Safe to run again (finds what exists).
 */
export async function prepareBank(sim: Sim, firstDay: string): Promise<void> {
  const units = new Map((await sim.db.selectFrom('org_unit').select(['id', 'code', 'path']).execute()).map((u) => [u.code, u]));
  const existing = new Set((await sim.db.selectFrom('app_user').select('username').execute()).map((u) => u.username));
  for (const person of HISTORY_STAFF) {
    if (existing.has(person.username)) continue;
    const unit = units.get(person.unit);
    if (!unit) continue;
    await sim.api.post('admin', '/api/v1/users', { username: person.username, displayName: person.displayName, password: DEMO_PASSWORD, unitId: unit.id, roles: person.roles, phone: person.phone, email: `${person.username}@demo.banklane.local` });
  }
  await grantAuthorisation(sim, firstDay);
  for (const [code, plan] of Object.entries(BRANCH_STAFF)) {
    const unit = units.get(code);
    if (!unit) continue;
    const queue = await ensureQueue(sim, code);
    sim.branches.push({
      code,
      unitId: unit.id,
      path: unit.path,
      region: plan.region,
      tickets: plan.tickets,
      tellers: plan.tellers,
      supervisor: plan.supervisors[0]!,
      manager: plan.manager,
      counters: queue.counters.map((c) => ({ number: c.number, id: c.id, categories: c.categories })),
      categories: queue.categories.map((c) => ({ code: c.code, serviceCodes: c.serviceCodes })),
    });
  }
  await loadStaff(sim, [...Object.values(BRANCH_STAFF).flatMap((b) => [...b.tellers, ...b.supervisors, b.manager]), ...OFFICE_STAFF]);
}

/** Supervisors authorise large transfers only with the certificate: recorded a year before the history. */
async function grantAuthorisation(sim: Sim, firstDay: string): Promise<void> {
  const holders = new Set(
    (await sim.db.selectFrom('staff_credential as c').innerJoin('app_user as u', 'u.id', 'c.user_id').select('u.username').where('c.qualification', '=', 'large-value-authorisation').execute()).map((r) => r.username),
  );
  for (const supervisor of Object.values(BRANCH_STAFF).flatMap((plan) => plan.supervisors)) {
    if (holders.has(supervisor)) continue;
    const user = await sim.db.selectFrom('app_user').select('id').where('username', '=', supervisor).executeTakeFirst();
    if (!user) continue;
    await sim.api.post('ops', `/api/v1/users/${user.id}/credentials`, { kind: 'certificate', qualification: 'large-value-authorisation', title: '大额业务授权上岗证', issuedOn: addDays(firstDay, -365), expiresOn: addDays(firstDay, 3 * 365) });
  }
}

/** A branch's queue as the set-up API shows it; set up through the API where it has none. */
async function ensureQueue(sim: Sim, code: string): Promise<QueueSetup> {
  let setup = await sim.api.get<QueueSetup>('ops', `/api/v1/queue/branches/${code}`);
  if (setup.categories.length === 0 || setup.counters.length === 0) {
    const services = new Set((await sim.db.selectFrom('service').select('code').execute()).map((s) => s.code));
    for (const c of QUEUE_LAYOUT.categories) {
      await sim.api.put('ops', `/api/v1/queue/branches/${code}/categories/${c.code}`, { nameZh: c.nameZh, nameEn: c.nameEn, serviceCodes: c.serviceCodes.filter((s) => services.has(s)), active: true });
    }
    for (const c of QUEUE_LAYOUT.counters) await sim.api.put('ops', `/api/v1/queue/branches/${code}/counters/${c.number}`, { kind: c.kind, categories: c.categories });
    setup = await sim.api.get<QueueSetup>('ops', `/api/v1/queue/branches/${code}`);
  }
  return setup;
}

async function loadStaff(sim: Sim, usernames: string[]): Promise<void> {
  const rows = await sim.db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'o.code', 'o.path'])
    .where('u.username', 'in', [...new Set(usernames)])
    .where('u.status', '=', 'active')
    .orderBy('u.username')
    .execute();
  const roles = await sim.db.selectFrom('user_role').select(['user_id', 'role_key']).where('user_id', 'in', rows.map((r) => r.id)).execute();
  const credentials = await sim.db.selectFrom('staff_credential').select(['user_id', 'qualification']).where('user_id', 'in', rows.map((r) => r.id)).where('qualification', 'is not', null).execute();
  const globalRoles = new Set(BUILTIN_ROLES.filter((r) => r.scope === 'global').map((r) => r.key));
  for (const row of rows) {
    const mine = roles.filter((r) => r.user_id === row.id).map((r) => r.role_key);
    const staff: Staff = {
      username: row.username,
      unitCode: row.code,
      unitPath: row.path,
      roles: mine,
      global: mine.some((r) => globalRoles.has(r)),
      qualifications: new Set(credentials.filter((c) => c.user_id === row.id).map((c) => c.qualification!)),
      counter: null,
      state: 'off',
      blocked: new Set(),
      notBefore: new Map(),
    };
    const branch = sim.branches.find((b) => b.tellers.includes(row.username));
    if (branch) {
      const number = COUNTER_OF_TELLER[branch.tellers.indexOf(row.username)]!;
      const counter = branch.counters.find((c) => c.number === number);
      if (counter) staff.counter = { id: counter.id, categories: counter.categories, branch: branch.code };
    }
    sim.staff.set(row.username, staff);
  }
}
