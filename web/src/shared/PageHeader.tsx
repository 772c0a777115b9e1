import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';

type Props = {
  title: string;
  /** Section between Home and this page, e.g. `nav.admin`. */
  section?: MessageKey;
  extra?: ReactNode;
  /** Off on the home page, where the trail would only repeat the title. */
  breadcrumb?: boolean;
};

/** Breadcrumb and page title shown at the top of every page. */
export function PageHeader({ title, section, extra, breadcrumb = true }: Props) {
  const { t } = useT();
  const items = [
    { key: 'home', title: <Link to="/">{t('nav.home')}</Link> },
    ...(section ? [{ key: 'section', title: t(section) }] : []),
    { key: 'page', title },
  ];
  return (
    <div style={{ marginBottom: 16 }}>
      {breadcrumb ? <Breadcrumb items={items} /> : null}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: breadcrumb ? 8 : 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
    </div>
  );
}
