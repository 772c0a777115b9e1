import { api, seg } from './client';

export const idTypes = ['resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_id', 'uscc'] as const;
export type IdType = (typeof idTypes)[number];
export type CustomerKind = 'individual' | 'corporate';

export type Consents = { marketing: boolean; sms: boolean; dataSharing: boolean };

/** A customer as staff see them: name, numbers and contacts masked by the server. */
export type Customer = {
  id: string;
  kind: CustomerKind;
  name: string;
  idType: IdType;
  idNumber: string;
  /** `YYYY-MM-DD`, or null for documents without an expiry. */
  idExpiry: string | null;
  phone: string | null;
  email: string | null;
  segment: string;
  relationshipManager: string | null;
  unitId: string;
  unitCode: string;
  consents: Partial<Consents>;
  blacklisted: boolean;
  pep: boolean;
  createdAt: string;
  version: number;
};

export type NewCustomer = {
  kind: CustomerKind;
  name: string;
  idType: IdType;
  idNumber: string;
  idExpiry?: string | null;
  phone?: string | null;
  email?: string | null;
  segment?: string;
  relationshipManager?: string | null;
  unitCode?: string;
  consents?: Consents;
};

/** Exact identity search; the numbers travel in the body so that they stay out of URLs and logs. */
export type CustomerSearch = { idType?: IdType; idNumber?: string; phone?: string };

export type Segment = { code: string; nameZh: string; nameEn: string; rank: number };

export type RevealField = 'name' | 'idNumber' | 'phone' | 'email';

export type CaseSummary = {
  id: string;
  ref: string;
  status: 'open' | 'completed' | 'rejected' | 'cancelled';
  serviceCode: string;
  serviceNameZh: string;
  serviceNameEn: string;
  channel: string;
  unitCode: string;
  createdAt: string;
  dueAt: string | null;
  closedAt: string | null;
};

export type InquirySummary = { id: string; channel: string; topic: string; serviceCode: string | null; caseId: string | null; createdAt: string };
export type AppointmentSummary = { code: string; status: 'booked' | 'cancelled' | 'checked_in' | 'no_show'; serviceCode: string | null; startsAt: string; unitCode: string };
export type SurveyAnswer = { caseRef: string; csat: number | null; nps: number | null; comment: string | null; answeredAt: string };

/** Everything the bank has with one customer, within the caller's branches. */
export type Customer360 = {
  customer: Customer;
  cases: CaseSummary[];
  inquiries: InquirySummary[];
  appointments: AppointmentSummary[];
  surveys: SurveyAnswer[];
};

export const customersApi = {
  list: (query: { name?: string; segment?: string; limit: number; offset: number }, signal?: AbortSignal) =>
    api.get<{ total: number; items: Customer[] }>('/customers', { query, signal }),
  search: (search: CustomerSearch) => api.post<{ items: Customer[] }>('/customers/search', search).then((r) => r.items),
  create: (customer: NewCustomer) => api.post<Customer>('/customers', customer),
  get: (id: string, signal?: AbortSignal) => api.get<Customer>(`/customers/${seg(id)}`, { signal }),
  setRiskFlags: (id: string, flags: { version: number; blacklisted: boolean; pep: boolean; reason: string }) =>
    api.put<Customer>(`/customers/${seg(id)}/risk-flags`, flags),
  /** Audited on the server: the reason is stored with who asked and when. */
  reveal: (id: string, fields: RevealField[], reason: string) =>
    api.post<Partial<Record<RevealField, string | null>>>(`/customers/${seg(id)}/reveal`, { fields, reason }),
  view360: (id: string, signal?: AbortSignal) => api.get<Customer360>(`/customers/${seg(id)}/360`, { signal }),
  segments: (signal?: AbortSignal) => api.get<{ items: Segment[] }>('/customer-segments', { signal }).then((r) => r.items),
};
