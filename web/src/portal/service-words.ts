import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import type { Service, ServiceCategory } from './portal.api';

export const CATEGORY_ORDER: readonly ServiceCategory[] = ['account', 'card', 'loan', 'payment', 'wealth', 'corporate', 'merchant', 'other'];

const CATEGORY: Record<ServiceCategory, MessageKey> = {
  account: 'portal.category.account',
  card: 'portal.category.card',
  loan: 'portal.category.loan',
  payment: 'portal.category.payment',
  wealth: 'portal.category.wealth',
  corporate: 'portal.category.corporate',
  merchant: 'portal.category.merchant',
  other: 'portal.category.other',
};

export const categoryName = (category: ServiceCategory, t: Translate) => t(CATEGORY[category] ?? CATEGORY.other);

const CHANNEL: Record<string, MessageKey> = {
  counter: 'portal.channel.counter',
  online: 'portal.channel.online',
  mobile: 'portal.channel.mobile',
  phone: 'portal.channel.phone',
};

/** Where a service can be done, in a customer's words; unknown channels show as sent. */
export const channelName = (channel: string, t: Translate) => {
  const key = CHANNEL[channel];
  return key ? t(key) : channel;
};

/** Appointments are for visits: only services done at a branch counter can be booked. */
export const bookable = (service: { channels: string[] }) => service.channels.includes('counter');

const CUSTOMER_TYPE: Record<Service['customerType'], MessageKey> = {
  individual: 'portal.customerType.individual',
  corporate: 'portal.customerType.corporate',
  both: 'portal.customerType.both',
};

export const customerTypeName = (type: Service['customerType'], t: Translate) => t(CUSTOMER_TYPE[type] ?? CUSTOMER_TYPE.both);
