export { step, type Command, type StepResult } from './commands.ts';
export { StepRefusal, type Env } from './step.ts';
export type { InstanceState, Token, ScopeInstance, Wait } from './state.ts';
export type { Effect, TaskSpec, JobSpec, SubscriptionSpec, ActivityRecord, IncidentSpec, ParentOutcome } from './effects.ts';
