import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DateOnly = ColumnType<string, string, string>;

export type DayCount = 'calendar' | 'working';

export type ComplaintSettingTable = {
  id: string;
  base_days: number;
  first_extension_to_days: number;
  second_extension_by_days: number;
  max_days: number;
  day_count: DayCount;
  at_risk_share: ColumnType<string, string | number, string | number>;
  repeat_step_threshold: number;
  repeat_window_days: number;
  attachment_max_bytes: number;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type CategoryKind = 'business' | 'cause';
export type ComplaintCategoryTable = { code: string; kind: CategoryKind; parent_code: string | null; name_zh: string; name_en: string; position: Generated<number>; active: Generated<boolean> };

export type ComplaintChannel = 'counter' | 'phone' | 'online' | 'mobile' | 'letter' | 'regulator';
export type SubjectType = 'case' | 'ticket' | 'product' | 'staff' | 'branch' | 'none';
export type ComplaintPriority = 'normal' | 'high' | 'urgent';
export type ComplaintStatus = 'received' | 'investigating' | 'awaiting_approval' | 'decided' | 'under_review' | 'remediation' | 'closed' | 'declined';
export type Decision = { outcome: 'upheld' | 'partly_upheld' | 'not_upheld'; text: string; compensation: string };
export type Suggestion = { category: string | null; cause: string | null; priority: ComplaintPriority; handlingLevel: 'branch' | 'region' | 'head_office'; unitId: string };

export type ComplaintTable = {
  id: string;
  ref: string;
  channel: ComplaintChannel;
  regulator_ref: string | null;
  received_at: Timestamp;
  unit_id: string;
  intake_unit_id: string;
  customer_id: string | null;
  complainant_name: string;
  complainant_phone_sealed: string | null;
  complainant_phone_masked: string | null;
  complainant_email_sealed: string | null;
  complainant_email_masked: string | null;
  subject_type: SubjectType;
  subject_ref: string | null;
  subject_case_id: string | null;
  subject_ticket_id: string | null;
  subject_staff: string | null;
  subject_unit_id: string | null;
  description: string;
  request: string;
  category_code: string | null;
  cause_code: string | null;
  priority: ComplaintPriority;
  suggestion: Json<Suggestion> | null;
  classification_corrected: boolean | null;
  recused: Json<string[]>;
  handler: string | null;
  status: ComplaintStatus;
  decline_reason: string | null;
  decision: Json<Decision> | null;
  decided_at: Timestamp | null;
  response: 'accepted' | 'disputed' | null;
  /** How the clock counts, fixed at receipt. */
  day_count: DayCount;
  /** The limit in days, with the extensions granted. */
  limit_days: number;
  due_at: Timestamp;
  at_risk_at: Timestamp;
  extended_days: Generated<number>;
  escalation: 'at_risk' | 'breached' | null;
  instance_id: string | null;
  origin_survey_id: string | null;
  created_by: string;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
};

export type ComplaintPartyTable = { complaint_id: string; position: number; name: string; phone_sealed: string | null; phone_masked: string | null };

export type ComplaintEventKind = 'received' | 'note' | 'contact' | 'evidence' | 'classified' | 'declined' | 'assigned' | 'proposed' | 'approved' | 'returned' | 'decided' | 'response' | 'review' | 'extension_requested' | 'extension_approved' | 'extension_refused' | 'at_risk' | 'breached' | 'root_cause' | 'action' | 'action_done' | 'closed' | 'attachment';
export type ComplaintEventTable = { id: string; complaint_id: string; kind: ComplaintEventKind; body: Json<Record<string, unknown>>; actor: string | null; at: Timestamp };

export type ComplaintExtensionTable = {
  id: string;
  complaint_id: string;
  step: 1 | 2;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
};

export type ComplaintAttachmentTable = { id: string; complaint_id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; content: Buffer; uploaded_by: string; uploaded_at: Timestamp };

export type ComplaintRootCauseTable = { complaint_id: string; cause_code: string; process_key: string | null; step_id: string | null; staff_issue: string | null; finding: string; recorded_by: string; recorded_at: Timestamp };

export type ComplaintActionTable = { id: string; complaint_id: string; action: string; owner: string; due_date: DateOnly; status: 'open' | 'done'; done_at: Timestamp | null; done_note: string | null; created_by: string; created_at: Timestamp };
