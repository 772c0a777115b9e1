/**
 * Simplified Chinese strings shared by own-customer operations (客户经营): the menu group. Each
 * part (products, segments, offers, campaigns, experience) keeps its strings in a file of its own.
 */
export const engagementZhCN = {
  'nav.engagement': '客户经营',
};
