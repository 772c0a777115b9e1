import type { engagementZhCN } from './engagement.zh-CN';

/** English strings shared by own-customer operations; the same keys as the Chinese ones. */
export const engagementEn: Record<keyof typeof engagementZhCN, string> = {
  'nav.engagement': 'Customer engagement',
};
