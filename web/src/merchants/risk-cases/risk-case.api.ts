import { api, seg } from '../../api/client';
import type { AlertStatus, MerchantStatus, RiskRating, Severity } from '../merchants.api';

/*
 * The requests of the risk-case screens and the shapes the server answers with
 * (src/merchants/risk-case.routes.ts, risk-case.repository.ts). A case's steps are tasks of the
 * process `merchantRiskCase`, worked through the task API as every other step.
 */

/** What a case is about; `rectification` (整改复查) reviews a restricted or suspended merchant's controls. */
export const RISK_CASE_KINDS = ['cash_out', 'laundering', 'fraud', 'moved_terminal', 'data_leak', 'rectification', 'other'] as const;
export type RiskCaseKind = (typeof RISK_CASE_KINDS)[number];
export const RISK_CASE_STATUSES = ['investigating', 'awaiting_approval', 'actions_applied', 'closed'] as const;
export type RiskCaseStatus = (typeof RISK_CASE_STATUSES)[number];

/** One decided action; amounts are exact decimal text in yuan. Kinds the screens do not know are shown by name. */
export type RiskAction =
  | { type: 'settlement_delay'; days: number }
  | { type: 'limits'; dailyLimit: string | null; singleLimit: string | null }
  | { type: 'restrict_card_types'; cardTypes: string[] }
  | { type: 'suspend' }
  | { type: 'recover_terminals' }
  | { type: 'terminate'; blacklistReason: string }
  | { type: 'lift_controls'; controls: string[] }
  | { type: string; [key: string]: unknown };

export type MerchantControls = { settlementDelayDays?: number; dailyLimit?: string; singleLimit?: string; restrictedCardTypes?: string[] } & Record<string, unknown>;

export type RiskCase = {
  id: string;
  ref: string;
  kind: RiskCaseKind;
  source: 'alert' | 'report';
  alertId: string | null;
  description: string;
  status: RiskCaseStatus;
  findings: string | null;
  actions: RiskAction[];
  decidedBy: string | null;
  approvedBy: string | null;
  instanceId: string | null;
  merchant: { id: string; code: string; name: string; status: MerchantStatus; riskRating: RiskRating | null; controls: MerchantControls; unitCode: string };
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
};

export type RiskCaseDetail = RiskCase & {
  alert: { id: string; ruleCode: string; severity: Severity; status: AlertStatus; firstDay: string; lastDay: string; note: string | null } | null;
  /** Where the case waits: the open person's step, or null while a system step runs or once it is closed. */
  openStep: { taskId: string; elementId: string; name: string; candidateGroups: string[]; assignee: string | null; dueAt: string | null; excludedUsers: string[] } | null;
  steps: { elementId: string; name: string; completedBy: string | null; completedAt: string | null }[];
};

export type NewRiskCase = { merchantId?: string; alertId?: string; kind?: RiskCaseKind; description: string };
export type CaseQuery = { status?: RiskCaseStatus | 'open'; merchant?: string; limit: number; offset: number };

export const riskCasesApi = {
  list: (query: CaseQuery, signal?: AbortSignal) => api.get<{ total: number; items: RiskCase[] }>('/merchant-risk-cases', { query, signal }),
  get: (idOrRef: string, signal?: AbortSignal) => api.get<RiskCaseDetail>(`/merchant-risk-cases/${seg(idOrRef)}`, { signal }),
  open: (body: NewRiskCase) => api.post<{ id: string; ref: string; instanceId: string; kind: RiskCaseKind; merchantCode: string }>('/merchant-risk-cases', body),
};
