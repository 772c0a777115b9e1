import { cnResidentIdCheckChar, usccCheckChar } from '../platform/pii/index.ts';
import { ApiRefusal } from './in-process-client.ts';
import type { Random } from './random.ts';
import type { Sim } from './sim.ts';

/** A customer of a branch as a teller knows them after looking them up. */
export type Customer = { id: string; kind: 'individual' | 'corporate'; segment: string; phone: string | null };

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晓东', '海燕', '建国', '志强', '雪梅', '子涵', '浩然', '欣怡', '宇轩', '思远'];
const COMPANY_WORDS = ['华信', '鼎盛', '恒通', '瑞丰', '金桥', '启航', '博远', '新禾', '正元', '远景', '云帆', '长青'];
const COMPANY_KINDS = ['科技有限公司', '贸易有限公司', '餐饮管理有限公司', '建筑工程有限公司', '文化传媒有限公司', '医疗器械有限公司'];
/** Districts of each branch (resident ID region codes and company registration places). */
const DISTRICTS: Record<string, { idRegion: string; place: string; usccRegion: string }> = {
  'BJ-HD': { idRegion: '110108', place: '北京海淀', usccRegion: '110108' },
  'BJ-CY': { idRegion: '110105', place: '北京朝阳', usccRegion: '110105' },
  'SH-PD': { idRegion: '310115', place: '上海浦东', usccRegion: '310115' },
  'SH-JA': { idRegion: '310106', place: '上海静安', usccRegion: '310106' },
};
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** An invented person's name. */
export function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** An invented mobile number (139, 138, 137… and eight digits). */
export function mobile(rng: Random): string {
  return `1${rng.pick(['39', '38', '37', '36', '35', '58', '59', '86', '88'])}${String(rng.int(100_000_000)).padStart(8, '0')}`;
}

/** A valid resident ID number of someone born between 1950 and 2005 in the branch's district. */
export function residentIdOf(rng: Random, branch: string): string {
  const region = DISTRICTS[branch]?.idRegion ?? '110101';
  const birth = new Date(Date.UTC(1950, 0, 1) + rng.int(55 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${birth}${String(rng.int(1000)).padStart(3, '0')}`;
  return first17 + cnResidentIdCheckChar(first17);
}

/** A valid unified social credit code of a company (91: an enterprise registered with the SAMR). */
export function usccOf(rng: Random, branch: string): string {
  const region = DISTRICTS[branch]?.usccRegion ?? '110101';
  let body = '';
  for (let i = 0; i < 9; i++) body += USCC_CHARS[rng.int(USCC_CHARS.length)];
  const first17 = `91${region}${body}`;
  return first17 + usccCheckChar(first17);
}

/**
 * The customers each branch knows. Loaded from the database (what the branch's customer list
 * shows), grown by tellers registering newcomers through the customer API.
 */
export class CustomerBook {
  private readonly byBranch = new Map<string, Customer[]>();

  constructor(private readonly sim: Sim) {}

  async load(): Promise<void> {
    this.byBranch.clear();
    const rows = await this.sim.db
      .selectFrom('customer as c')
      .innerJoin('org_unit as o', 'o.id', 'c.unit_id')
      .select(['c.id', 'c.kind', 'c.segment', 'o.code', 'c.created_at'])
      .where('c.created_at', '<=', new Date(this.sim.now))
      .orderBy('c.created_at')
      .orderBy('c.name')
      .execute();
    for (const r of rows) this.list(r.code).push({ id: r.id, kind: r.kind as Customer['kind'], segment: r.segment, phone: null });
  }

  private list(branch: string): Customer[] {
    let list = this.byBranch.get(branch);
    if (!list) this.byBranch.set(branch, (list = []));
    return list;
  }

  /**
   * The customer at the counter: someone the branch knows (more likely as the branch knows more
   * people), or a newcomer the teller registers. Null when registration was refused.
   */
  async visitor(branch: string, kind: Customer['kind'], teller: string): Promise<Customer | null> {
    const known = this.list(branch).filter((c) => c.kind === kind);
    const returning = kind === 'corporate' ? known.length >= 4 && this.sim.rng.chance(0.7) : this.sim.rng.chance(Math.min(0.65, known.length / 120));
    if (returning && known.length > 0) return this.sim.rng.pick(known);
    return this.register(branch, kind, teller);
  }

  private async register(branch: string, kind: Customer['kind'], teller: string): Promise<Customer | null> {
    const rng = this.sim.rng;
    const segment = kind === 'corporate' ? rng.weighted([['standard', 6], ['gold', 3], ['platinum', 1]] as const) : rng.weighted([['standard', 70], ['gold', 20], ['platinum', 7], ['private', 3]] as const);
    const idNumber = kind === 'corporate' ? usccOf(rng, branch) : residentIdOf(rng, branch);
    const phone = mobile(rng);
    const expiry = new Date(this.sim.now + rng.between(0.5, 20) * 365 * 86_400_000).toISOString().slice(0, 10);
    const name = kind === 'corporate' ? `${DISTRICTS[branch]?.place ?? ''}${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_KINDS)}` : personName(rng);
    const body = {
      kind,
      name,
      idType: kind === 'corporate' ? 'uscc' : 'resident_id',
      idNumber,
      idExpiry: kind === 'corporate' ? null : expiry,
      phone,
      segment,
      consents: { marketing: rng.chance(0.4), sms: rng.chance(0.95), dataSharing: rng.chance(0.2) },
    };
    try {
      const created = await this.sim.api.post<{ id: string }>(teller, '/api/v1/customers', body);
      const customer: Customer = { id: created.id, kind, segment, phone };
      this.list(branch).push(customer);
      return customer;
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status >= 500) throw error;
      // already a customer (the same number drawn twice): the teller finds them instead
      const found = await this.sim.api.post<{ items: { id: string; kind: Customer['kind']; segment: string }[] }>(teller, '/api/v1/customers/search', { idNumber }).catch(() => null);
      const hit = found?.items[0];
      return hit ? { id: hit.id, kind: hit.kind, segment: hit.segment, phone: null } : null;
    }
  }
}
