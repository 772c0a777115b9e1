import { api, seg } from '../../api/client';

/*
 * Own-customer operations as staff use them: the product catalogue, the risk-tolerance
 * questionnaire, customers' assessments and the sales refused as unsuitable.
 */

export const PRODUCT_KINDS = ['deposit', 'wealth', 'card', 'loan', 'insurance'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export type ProductStatus = 'active' | 'withdrawn';
/** Every channel sells through the same suitability check; an active product is on sale in each. */
export const CHANNELS = ['counter', 'phone', 'portal', 'mobile'] as const;
export type Channel = (typeof CHANNELS)[number];
export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type Product = {
  code: string;
  kind: ProductKind;
  nameZh: string;
  nameEn: string;
  /** 1–5. */
  riskLevel: number;
  /** `R1`–`R5`. */
  risk: string;
  eligibility: string | null;
  /** Decimal text, yuan ("10000.00"). */
  minAmount: string | null;
  termMonths: number | null;
  rateText: string | null;
  salaryAccount: boolean;
  status: ProductStatus;
  version: number;
  updatedAt: string;
};

export type ProductInput = {
  nameZh: string;
  nameEn: string;
  riskLevel: number;
  eligibility: string | null;
  minAmount: string | null;
  termMonths: number | null;
  rateText: string | null;
  salaryAccount: boolean;
};

export type Localized = { en: string; zh: string };
export type Option = Localized & { id: string; score: number; capLevel?: RiskLevel };
export type Question = Localized & { id: string; options: Option[] };
export type Questionnaire = { version: number; questions: Question[]; thresholds: Record<'C2' | 'C3' | 'C4' | 'C5', number>; validMonths: number };

export type Assessment = {
  id: string;
  level: RiskLevel;
  levelName: Localized;
  score: number;
  questionnaireVersion: number;
  answers: Record<string, string>;
  channel: Channel;
  assessedBy: string;
  assessedAt: string;
  validUntil: string;
  valid: boolean;
};

export type Reason = Localized & { code: string };
export type Refusal = {
  id: string;
  customerId: string;
  customerName: string;
  productCode: string;
  amount: string;
  channel: Channel;
  offerId: string | null;
  reasons: Reason[];
  attemptedBy: string;
  unitCode: string;
  at: string;
};

export type DecisionVersion = { key: string; version: number };

export const productsApi = {
  list: (query: { kind?: ProductKind; status?: ProductStatus; risk?: number; q?: string; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ total: number; items: Product[] }>('/products', { query, signal }),
  create: (body: ProductInput & { code: string; kind: ProductKind }) => api.post<Product>('/products', body),
  change: (code: string, body: Partial<ProductInput> & { version: number; status?: ProductStatus }) => api.patch<Product>(`/products/${seg(code)}`, body),
  /** The latest deployed version of each decision (needs `process.read`). */
  decisionVersions: (signal?: AbortSignal) =>
    api.get<{ items: DecisionVersion[] }>('/decision-definitions', { signal }).then((r) => {
      const latest = new Map<string, number>();
      for (const d of r.items) latest.set(d.key, Math.max(latest.get(d.key) ?? 0, d.version));
      return latest;
    }),
  questionnaire: (signal?: AbortSignal) => api.get<Questionnaire>('/risk-questionnaire', { signal }),
  publishQuestionnaire: (body: Omit<Questionnaire, 'version'>) => api.post<Questionnaire>('/risk-questionnaire', body),
  assessments: (customerId: string, signal?: AbortSignal) => api.get<{ current: Assessment | null; items: Assessment[] }>(`/customers/${seg(customerId)}/risk-assessments`, { signal }),
  assess: (customerId: string, body: { questionnaireVersion: number; answers: Record<string, string>; channel: Channel }) =>
    api.post<Assessment>(`/customers/${seg(customerId)}/risk-assessments`, body),
  refusals: (query: { customer?: string; product?: string; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ total: number; items: Refusal[] }>('/suitability-refusals', { query, signal }),
};
