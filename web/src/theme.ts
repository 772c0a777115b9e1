import type { ThemeConfig } from 'antd';

/** A calm bank blue, modest radii, and compact tables for screens full of records. */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fbf',
    colorInfo: '#1d5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerHeight: 56, bodyBg: '#f3f5f8', siderBg: '#ffffff' },
    Table: { headerBg: '#f5f7fa' },
  },
};
