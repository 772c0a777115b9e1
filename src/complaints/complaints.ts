import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { systemContext } from '../platform/access/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { Periodic } from '../platform/periodic.ts';
import type { Engine } from '../engine/engine.ts';
import { deployResources } from '../engine/process.service.ts';
import { registerComplaintHandlers } from './complaint-handlers.ts';
import { ensureComplaintSetup } from './complaint-setup.service.ts';
import { escalateComplaints } from './complaint-sweeper.ts';
import { complaintRoutes } from './complaint.routes.ts';

type Routes = (app: FastifyInstance, deps: Deps) => void;

const PROCESS_DIR = new URL('./processes/', import.meta.url);

/**
 * Complaint handling under the regulatory clock (S1.5, S8): sets up the default rules, category
 * tree, handling process and decisions; gives its routes; escalates complaints as their clock runs.
 */
export class Complaints {
  private readonly sweeper = new Periodic(() => this.tick());

  constructor(
    private readonly deps: Deps,
    private readonly engine: Engine,
  ) {}

  async setUp(): Promise<void> {
    await ensureComplaintSetup(this.deps);
    registerComplaintHandlers(this.deps, this.engine);
    await this.deployShipped();
  }

  routes(): Routes[] {
    return [complaintRoutes(this.engine)];
  }

  /** One round of background work: escalation of complaints at risk or past their due date. */
  async tick(): Promise<void> {
    await escalateComplaints(this.deps);
  }

  /** Background work every `intervalMs` (nodes that run background work). */
  startSweeping(intervalMs: number, onError: (error: unknown) => void): void {
    this.sweeper.start(intervalMs, onError);
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
  }

  /**
   * Deploys the handling process and its decisions where the bank has no version yet (a bank's
   * own later versions are never overwritten). Complaints are regulated: always, demo or not.
   */
  private async deployShipped(): Promise<void> {
    const db = this.deps.db;
    const resources: { name: string; content: string }[] = [];
    if (!(await db.selectFrom('process_definition').select('id').where('key', '=', 'complaintHandling').limit(1).executeTakeFirst())) {
      resources.push({ name: 'complaint-handling.bpmn', content: await readFile(new URL('complaint-handling.bpmn', PROCESS_DIR), 'utf8') });
    }
    if (!(await db.selectFrom('decision_definition').select('id').where('key', '=', 'complaintApprovalLevel').limit(1).executeTakeFirst())) {
      resources.push({ name: 'complaint-decisions.dmn', content: await readFile(new URL('complaint-decisions.dmn', PROCESS_DIR), 'utf8') });
    }
    if (resources.length) await deployResources(this.engine, systemContext(), { name: 'banklane-complaints', resources, duplicateFiltering: true, source: 'banklane' });
  }
}
