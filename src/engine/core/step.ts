import { evaluateCondition, evaluateExpression, type Expression } from '../expressions/index.ts';
import type { FlowNode, ProcessModel } from '../model/process-model.ts';
import type { ActivityRecord, Effect } from './effects.ts';
import type { Attachment, InstanceState, ScopeInstance, Token, Wait } from './state.ts';

/** What the core is given besides model and state: the clock, ids, and pure lookups. */
export type Env = {
  now: Date;
  newId: () => string;
  currentUser?: string | null;
  currentUserGroups?: string[];
  /** Evaluates a deployed decision (DMN); pure. */
  decide?: (decisionRef: string, variables: Record<string, unknown>) => { ok: true; value: unknown } | { ok: false; error: string };
  /** Resolves a due/follow-up date text (ISO date-time or duration) to an instant; working time on the business calendar when asked. */
  resolveDate?: (text: string, from: Date, workingTime: boolean) => Date | null;
};

/** A refusal of a command (wrong state, maker-checker): nothing changes. */
export class StepRefusal extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_state' | 'maker_checker',
    message: string,
  ) {
    super(message);
  }
}

/** The most node entries one step may make without reaching a wait state (a loop guard). */
const MAX_ENTRIES = 10_000;

/**
 * One step of one instance: a working copy of its state, the effects so far, and the agenda of
 * work still to do. Everything the behaviours do goes through here.
 */
export class Step {
  readonly effects: Effect[] = [];
  private readonly agenda: (() => void)[] = [];
  private entries = 0;

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly env: Env,
  ) {
    this.nowIso = env.now.toISOString();
  }

  /** The step's instant as ISO text, computed once: every record and token of the step carries it. */
  readonly nowIso: string;

  node(id: string): FlowNode {
    const node = this.model.nodes[id];
    if (!node) throw new Error(`unknown element ${id}`);
    return node;
  }

  /** Queues work; `run` drains the queue, so long pass-through chains never deepen the stack. */
  schedule(work: () => void): void {
    this.agenda.push(work);
  }

  run(): void {
    for (let work = this.agenda.shift(); work; work = this.agenda.shift()) {
      if (++this.entries > MAX_ENTRIES) throw new Error('more than 10000 steps without reaching a wait state: the model loops without waiting');
      work();
    }
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  record(id: string, node: FlowNode | { id: string; type: string; name: string | null }, scopeId: string, event: ActivityRecord['event']): void {
    this.emit({ type: 'activity', record: { activityInstanceId: id, elementId: node.id, elementType: node.type, name: node.name, scopeId, event, at: this.nowIso } });
  }

  scope(id: string): ScopeInstance {
    const scope = this.state.scopes[id];
    if (!scope) throw new Error(`unknown scope ${id}`);
    return scope;
  }

  newScope(init: Omit<ScopeInstance, 'joins' | 'interrupted' | 'attachments' | 'multiInstance'> & Partial<ScopeInstance>): ScopeInstance {
    const scope: ScopeInstance = { joins: {}, interrupted: false, attachments: [], multiInstance: null, ...init };
    this.state.scopes[scope.id] = scope;
    return scope;
  }

  addToken(token: Omit<Token, 'attachments' | 'startedAt'> & Partial<Token>): Token {
    const full: Token = { attachments: [], startedAt: this.nowIso, ...token };
    this.state.tokens[full.id] = full;
    return full;
  }

  tokensIn(scopeId: string): Token[] {
    return Object.values(this.state.tokens).filter((t) => t.scopeId === scopeId);
  }

  /** Every variable visible from a scope, outer scopes first, then the activity's locals. */
  variables(scopeId: string, locals: Record<string, unknown> = {}): Record<string, unknown> {
    const chain: ScopeInstance[] = [];
    for (let s: ScopeInstance | undefined = this.state.scopes[scopeId]; s; s = s.parentId ? this.state.scopes[s.parentId] : undefined) chain.unshift(s);
    return Object.assign({}, ...chain.map((s) => s.variables), locals);
  }

  /**
   * Sets variables as Camunda does: a name already present in the activity's locals or in a scope
   * on the chain is updated where it lives; a new name goes to the process instance.
   */
  setVariables(scopeId: string, values: Record<string, unknown>, locals?: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) {
      if (locals && Object.hasOwn(locals, name)) {
        locals[name] = value;
        continue;
      }
      let target: ScopeInstance | undefined;
      for (let s: ScopeInstance | undefined = this.state.scopes[scopeId]; s; s = s.parentId ? this.state.scopes[s.parentId] : undefined) {
        if (Object.hasOwn(s.variables, name)) {
          target = s;
          break;
        }
        if (!s.parentId) target ??= s;
      }
      if (target) target.variables[name] = value;
    }
  }

  evaluate(expression: Expression, scopeId: string, locals?: Record<string, unknown>): { ok: true; value: unknown } | { ok: false; error: string } {
    return evaluateExpression(expression, this.evalContext(scopeId, locals));
  }

  condition(expression: Expression, scopeId: string, locals?: Record<string, unknown>): { ok: true; value: boolean } | { ok: false; error: string } {
    return evaluateCondition(expression, this.evalContext(scopeId, locals));
  }

  private evalContext(scopeId: string, locals?: Record<string, unknown>) {
    return {
      variables: this.variables(scopeId, locals),
      now: this.env.now,
      currentUser: this.env.currentUser ?? null,
      currentUserGroups: this.env.currentUserGroups ?? [],
    };
  }

  /** Makes a token wait; returns it. */
  wait(token: Token, wait: Wait): Token {
    token.wait = wait;
    return token;
  }

  /** Stops listening for these boundary events, gateway branches or event sub-process starts. */
  removeAttachments(attachments: Attachment[]): void {
    for (const a of attachments) {
      if (a.kind === 'timer') this.emit({ type: 'jobRemoved', jobId: a.jobId });
      else this.emit({ type: 'subscriptionRemoved', subscriptionId: a.subscriptionId });
    }
  }
}
