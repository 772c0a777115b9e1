import { api, ApiError, seg, type Problem } from '../api/client';
import type { ProcessInstance } from '../api/process.api';
import type { Task } from '../api/tasks.api';

/*
 * Every request of the merchant screens and the shapes the server answers with (src/merchants/:
 * merchant.routes.ts, risk.routes.ts). Personal data and the settlement account come masked.
 */

export const MERCHANT_STATUSES = ['applying', 'active', 'restricted', 'suspended', 'terminated', 'refused'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];
export const RATINGS = ['low', 'medium', 'high'] as const;
export type RiskRating = (typeof RATINGS)[number];
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const KINDS = ['store', 'online'] as const;
export type MerchantKind = (typeof KINDS)[number];
export const SCALES = ['micro', 'small', 'medium', 'large'] as const;
export type MerchantScale = (typeof SCALES)[number];
export const TIERS = ['standard', 'key', 'strategic'] as const;
export type MerchantTier = (typeof TIERS)[number];
export const PERSON_ID_TYPES = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_id'] as const;
export type PersonIdType = (typeof PERSON_ID_TYPES)[number];
export const ALERT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const RISK_LIST_KINDS = ['uscc', 'id_number', 'account'] as const;
export type RiskListKind = (typeof RISK_LIST_KINDS)[number];

export type Merchant = {
  id: string;
  code: string;
  name: string;
  uscc: string;
  kind: MerchantKind;
  mcc: string;
  region: string;
  scale: MerchantScale;
  address: string;
  unitCode: string;
  /** Masked: `622202*********0001`. */
  settlementAccount: string;
  contactName: string;
  contactPhone: string | null;
  tier: MerchantTier;
  riskRating: RiskRating | null;
  status: MerchantStatus;
  controls: { settlementDelayDays?: number; dailyLimit?: string; singleLimit?: string; restrictedCardTypes?: string[] } & Record<string, unknown>;
  nextReviewOn: string | null;
  createdAt: string;
  version: number;
};

export type NewPerson = { name: string; idType: PersonIdType; idNumber: string };
export type NewMerchant = {
  name: string;
  uscc: string;
  kind: MerchantKind;
  mcc: string;
  region: string;
  scale: MerchantScale;
  address: string;
  unitCode?: string;
  settlementAccount: string;
  contactName: string;
  contactPhone?: string | null;
  tier?: MerchantTier;
  legalRepresentative: NewPerson;
  beneficialOwners?: (NewPerson & { share: number })[];
};

export type MerchantPerson = { role: 'legal_representative' | 'beneficial_owner'; name: string; idType: PersonIdType; idNumber: string; share: number | null };
export type TerminalStatus = 'ordered' | 'installed' | 'active' | 'faulty' | 'recovered';
export type Terminal = { id: string; serial: string; model: string; location: string; region: string; status: TerminalStatus; installedOn: string | null };
export type NewTerminal = { serial: string; model: string; location: string; region: string };
/** `feeRate` is exact percent text (`"0.3800"`), never a float. */
export type Agreement = { version: number; feeRate: string; startsOn: string; endsOn: string | null; signedBy: string };
export type Rating = { rating: RiskRating; reason: string; inputs: Record<string, unknown>; decidedBy: string | null; decidedAt: string };
export type MerchantAlert = { id: string; ruleCode: string; day: string; lastDay: string; occurrences: number; severity: Severity; status: AlertStatus };
export type RiskListHit = {
  matched: 'merchant' | 'legal_representative' | 'beneficial_owner' | 'settlement_account';
  kind: RiskListKind;
  valueMasked: string;
  reason: string;
  source: string;
  listedOn: string;
};

export type Merchant360 = {
  merchant: Merchant;
  people: MerchantPerson[];
  terminals: Terminal[];
  agreements: Agreement[];
  ratings: Rating[];
  alerts: MerchantAlert[];
  /** Amounts as exact decimal text. */
  last30Days: { days: number; count: number; amount: string; chargebacks: number; refunds: string };
  riskListHits: RiskListHit[];
};

export type TxnDay = {
  day: string;
  count: number;
  amount: string;
  refunds: string;
  chargebacks: number;
  declined: number;
  nightShare: number;
  cnpShare: number;
  foreignShare: number;
  maxAmount: string;
  nearLimitCount: number;
  outsideRegionCount: number;
};

export type AlertItem = {
  id: string;
  rule: { code: string; nameZh: string; nameEn: string };
  severity: Severity;
  status: AlertStatus;
  firstDay: string;
  lastDay: string;
  occurrences: number;
  /** The figures the rule read on the last day it fired, by the names it uses (`chargebackRatio`, `baseline.amount.mean`). */
  values: Record<string, number | null>;
  merchant: { id: string; code: string; name: string; status: MerchantStatus; riskRating: RiskRating | null; unitCode: string };
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
  /** The risk case the alert is handled in (the latest), if any. */
  riskCase: { ref: string; status: 'investigating' | 'awaiting_approval' | 'actions_applied' | 'closed' } | null;
};
export type AlertQuery = { status?: AlertStatus | 'active'; severity?: Severity; merchant?: string; limit: number; offset: number };

export type Rule = { code: string; nameZh: string; nameEn: string; expression: string; severity: Severity; active: boolean; version: number; updatedBy: string | null; updatedAt: string };
export type RuleChange = { version: number; nameZh?: string; nameEn?: string; expression?: string; severity?: Severity; active?: boolean };
export type DryRun = { from: string; to: string; merchantDays: number; rules: { code: string; firings: number; merchants: number; byDay: { day: string; firings: number }[] }[] };

export type RiskListEntry = { id: string; kind: RiskListKind; valueMasked: string; reason: string; source: string; listedOn: string };
export type NewRiskListEntry = { kind: RiskListKind; value: string; reason: string; source: string; listedOn?: string };

/** A fault of an imported row; the message in both languages (the report is not localised by the server). */
export type RowFault = { line: number; column: string | null; message: { en: string; zh: string } | string };
export type ImportReport = {
  importId: string;
  alreadyImported: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  replaced: number;
  faults: RowFault[];
  faultsListed: number;
  alerts: { opened: number; repeated: number };
};

export type OnboardingStarted = { instanceId: string; merchantCode: string };

type Page<T> = { total: number; items: T[] };

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'bl_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Uploads a transaction file as multipart: `acceptValid` first (the server reads it before the
 * file), then `file`. Problems come back as `ApiError`, like every other call.
 */
async function uploadTransactions(file: File, acceptValid: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('acceptValid', acceptValid ? 'true' : 'false');
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await fetch('/api/v1/merchant-transactions', { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { title: 'network error' });
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, (body && typeof body === 'object' ? body : { title: response.statusText }) as Problem);
  return body as ImportReport;
}

export const merchantsApi = {
  list: (query: { q?: string; status?: MerchantStatus; rating?: RiskRating; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<Page<Merchant>>('/merchants', { query, signal }),
  register: (body: NewMerchant) => api.post<Merchant>('/merchants', body),
  view360: (idOrCode: string, signal?: AbortSignal) => api.get<Merchant360>(`/merchants/${seg(idOrCode)}`, { signal }),
  startOnboarding: (id: string) => api.post<OnboardingStarted>(`/merchants/${seg(id)}/onboarding`),
  addTerminal: (id: string, body: NewTerminal) => api.post<Terminal>(`/merchants/${seg(id)}/terminals`, body),
  addAgreement: (id: string, body: { feeRate: string; startsOn: string; endsOn?: string | null }) => api.post<Agreement>(`/merchants/${seg(id)}/agreements`, body),
  /** The onboarding instances of a merchant (business key: its code), newest first. */
  onboardings: (code: string, signal?: AbortSignal) =>
    api.get<{ items: ProcessInstance[] }>('/process-instances', { query: { processKey: 'merchantOnboarding', businessKey: code, limit: 10 }, signal }).then((r) => r.items),
  /** The open tasks of an instance. */
  openTasks: (instanceId: string, signal?: AbortSignal) => api.get<{ items: Task[] }>('/tasks', { query: { instanceId }, signal }).then((r) => r.items),
  transactions: (id: string, from: string, to: string, signal?: AbortSignal) =>
    api.get<{ items: TxnDay[] }>(`/merchants/${seg(id)}/transactions`, { query: { from, to }, signal }).then((r) => r.items),

  alerts: (query: AlertQuery, signal?: AbortSignal) => api.get<Page<AlertItem>>('/risk-alerts', { query, signal }),
  acknowledge: (id: string, note?: string) => api.post<{ id: string; status: AlertStatus }>(`/risk-alerts/${seg(id)}/acknowledge`, note ? { note } : {}),
  close: (id: string, note: string) => api.post<{ id: string; status: AlertStatus }>(`/risk-alerts/${seg(id)}/close`, { note }),

  rules: (signal?: AbortSignal) => api.get<{ items: Rule[] }>('/risk-rules', { signal }).then((r) => r.items),
  changeRule: (code: string, change: RuleChange) => api.patch<Rule>(`/risk-rules/${seg(code)}`, change),
  dryRun: (body: { expression: string; from: string; to: string }) => api.post<DryRun>('/risk-rules/dry-run', body),

  riskList: (query: { kind?: RiskListKind; limit: number; offset: number }, signal?: AbortSignal) => api.get<Page<RiskListEntry>>('/risk-list', { query, signal }),
  addRiskList: (entries: NewRiskListEntry[]) => api.post<{ added: number; alreadyListed: number }>('/risk-list', { entries }),

  importTransactions: uploadTransactions,
};
