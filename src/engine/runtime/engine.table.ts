import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Generated<T> = ColumnType<T, T | undefined, T>;

export type DeploymentTable = { id: string; name: string; source: string | null; deployed_by: string | null; deployed_at: Timestamp };
export type DeploymentResourceTable = { deployment_id: string; name: string; content: string; hash: string };

export type ProcessDefinitionTable = {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deployment_id: string;
  resource_name: string;
  executable: boolean;
  model: Json;
  hash: string;
  deployed_at: Timestamp;
};

export type DecisionDefinitionTable = Omit<ProcessDefinitionTable, 'executable'>;

export type ProcessInstanceTable = {
  id: string;
  definition_id: string;
  process_key: string;
  business_key: string | null;
  status: string;
  state: Json;
  version: Generated<number>;
  parent_instance_id: string | null;
  unit_id: string | null;
  started_by: string | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
};

export type TaskTable = {
  id: string;
  instance_id: string;
  token_id: string;
  element_id: string;
  name: string | null;
  process_key: string;
  business_key: string | null;
  unit_id: string | null;
  assignee: string | null;
  candidate_users: Json<string[]>;
  candidate_groups: Json<string[]>;
  due_at: Timestamp | null;
  follow_up_at: Timestamp | null;
  priority: number;
  form_key: string | null;
  form_schema: ColumnType<unknown, string | null, string | null>;
  not_completed_by: Json<string[]>;
  excluded_users: Json<string[]>;
  pool: string | null;
  qualification: string | null;
  gates: Json<string[]>;
  status: Generated<string>;
  created_at: Timestamp;
  ended_at: Timestamp | null;
  completed_by: string | null;
  version: Generated<number>;
};

export type JobTable = {
  id: string;
  instance_id: string | null;
  definition_id: string | null;
  token_id: string | null;
  element_id: string;
  kind: string;
  topic: string | null;
  due_at: Timestamp;
  retries: number;
  payload: ColumnType<unknown, string | null, string | null>;
  lock_owner: string | null;
  lock_expires_at: Timestamp | null;
  last_error: string | null;
  last_error_details: string | null;
  created_at: Timestamp;
};

export type EventSubscriptionTable = {
  id: string;
  instance_id: string | null;
  definition_id: string | null;
  token_id: string | null;
  element_id: string;
  kind: string;
  name: string;
  correlation_key: string | null;
  created_at: Timestamp;
};

export type IncidentTable = {
  id: string;
  instance_id: string | null;
  token_id: string | null;
  job_id: string | null;
  element_id: string;
  kind: string;
  message: string;
  created_at: Timestamp;
  resolved_at: Timestamp | null;
};

export type EventLogTable = {
  id: Generated<number>;
  instance_id: string;
  activity_instance_id: string;
  element_id: string;
  element_type: string;
  name: string | null;
  process_key: string;
  lifecycle: string;
  at: Timestamp;
  resource: string | null;
  unit_id: string | null;
};

export type IdempotencyKeyTable = {
  key: string;
  actor_id: string;
  operation: string;
  request_hash: string;
  status: number;
  response: Json;
  created_at: Timestamp;
};
