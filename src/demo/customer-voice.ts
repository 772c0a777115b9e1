import type { Sim } from './sim.ts';

const PRAISE = ['办理很顺利，谢谢', '柜员专业耐心', '比预想的快', '服务很好'];
const GRIPES = ['等待时间太长', '需要跑好几趟', '流程太复杂', '没有人主动告知进度'];

/**
 * Customers answering the survey link in the SMS they got when their case or complaint closed:
 * about a third answer, within hours; a low score starts the branch manager's follow-up. The
 * link's token is read from the SMS outbox, where the customer's phone would show it.
 */
export class CustomerVoice {
  private seenUntil: Date;

  constructor(private readonly sim: Sim) {
    this.seenUntil = new Date(sim.now);
  }

  /** Looks at the survey invitations sent since the last look and schedules the answers. */
  async readInbox(): Promise<void> {
    const until = new Date(this.sim.now);
    const invites = await this.sim.db
      .selectFrom('notification')
      .select(['body', 'template'])
      .where('template', 'in', ['survey_invite', 'complaint_survey'])
      .where('created_at', '>', this.seenUntil)
      .where('created_at', '<=', until)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    this.seenUntil = until;
    for (const invite of invites) {
      const token = /\/survey\/([\w-]+)/.exec(invite.body)?.[1];
      if (!token || !this.sim.rng.chance(invite.template === 'complaint_survey' ? 0.5 : 0.35)) continue;
      this.sim.after(Math.min(30 * 60, this.sim.rng.lognormal(90, 0.9)), 'survey answer', () => this.answer(token));
    }
  }

  private async answer(token: string): Promise<void> {
    const rng = this.sim.rng;
    const csat = rng.weighted([[5, 48], [4, 30], [3, 11], [2, 7], [1, 4]] as const);
    const nps = Math.max(0, Math.min(10, Math.round(csat * 2 - 1 + rng.between(-1.5, 1.5))));
    const comment = csat >= 4 ? (rng.chance(0.4) ? rng.pick(PRAISE) : undefined) : rng.pick(GRIPES);
    const done = await this.sim.attempt('survey', () => this.sim.api.post(null, `/api/v1/public/surveys/${token}`, comment ? { csat, nps, comment } : { csat, nps }));
    if (done !== null) this.sim.figures.surveys++;
    await this.sim.runDueJobs();
  }
}
