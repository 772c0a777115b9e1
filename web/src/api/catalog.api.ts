import { api, seg } from './client';

export const serviceCategories = ['account', 'card', 'loan', 'payment', 'wealth', 'corporate', 'merchant', 'other'] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

export const customerTypes = ['individual', 'corporate', 'both'] as const;
export type CustomerType = (typeof customerTypes)[number];

export const channels = ['counter', 'phone', 'online', 'mobile'] as const;
export type Channel = (typeof channels)[number];

export const timeUnits = ['workingDays', 'workingHours', 'calendarDays', 'minutes'] as const;
export type TimeUnit = (typeof timeUnits)[number];

export type TimeLimit = { amount: number; unit: TimeUnit };

export type Material = { nameZh: string; nameEn: string; required: boolean; validityZh?: string; validityEn?: string };

/** `amount` is exact decimal text in yuan ("10.00"), never a float. */
export type Fee = { nameZh: string; nameEn: string; amount: string; conditionZh?: string; conditionEn?: string };

/** What the catalogue says about a service; the body of a create or change. */
export type ServiceDefinition = {
  nameZh: string;
  nameEn: string;
  category: ServiceCategory;
  customerType: CustomerType;
  materials: Material[];
  fees: Fee[];
  timeLimit: TimeLimit;
  channels: Channel[];
  /** Unit codes where the service is offered; empty means every branch. */
  branches: string[];
  /** The BPMN process that runs the service; null: done at the counter and closed by hand. */
  processKey: string | null;
};

export type Service = ServiceDefinition & {
  code: string;
  /** Optimistic-lock version; send it back with every change. */
  version: number;
  /** false: withdrawn (停办), no longer offered to customers. */
  active: boolean;
  updatedAt: string;
};

export type ServiceVersion = { version: number; definition: ServiceDefinition; changedBy: string | null; changedAt: string };

/** The same rule as the server's `Money`: up to 12 integer digits, at most 2 decimals. */
export const moneyPattern = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** The definition part of a service, as the server accepts it back (no extra fields). */
export function definitionOf(service: Service): ServiceDefinition {
  const { nameZh, nameEn, category, customerType, materials, fees, timeLimit, channels: offered, branches, processKey } = service;
  return { nameZh, nameEn, category, customerType, materials, fees, timeLimit, channels: offered, branches, processKey };
}

export const catalogApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Service[] }>('/services', { signal }).then((r) => r.items),
  create: (code: string, definition: ServiceDefinition) => api.post<Service>('/services', { code, definition }),
  /** Refused with 409 when someone else changed the service since `version`. */
  change: (code: string, version: number, definition: ServiceDefinition, active?: boolean) =>
    api.put<Service>(`/services/${seg(code)}`, { version, definition, ...(active === undefined ? {} : { active }) }),
  versions: (code: string, signal?: AbortSignal) =>
    api.get<{ items: ServiceVersion[] }>(`/services/${seg(code)}/versions`, { signal }).then((r) => r.items),
};
