import { EditOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useMe } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { SeverityTag } from '../merchant-display';
import { merchantsApi, type Rule } from '../merchants.api';
import { RuleDrawer } from './RuleDrawer';

/** 预警规则 (`/merchants/rules`, `merchant.risk` to read and dry-run, `merchant.configure` to change). */
export function RulesPage() {
  const { t, pick, lang } = useT();
  const { can } = useMe();
  const editable = can('merchant.configure');
  const rules = useRequest((signal) => merchantsApi.rules(signal), [lang]);
  const [open, setOpen] = useState<Rule | null>(null);

  return (
    <>
      <PageHeader title={t('nav.merchantRules')} section="nav.merchants" extra={<Button icon={<ReloadOutlined />} onClick={rules.reload}>{t('common.reload')}</Button>} />
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mch.rules.intro')}</Typography.Paragraph>
        <Table<Rule>
          rowKey="code"
          size="small"
          pagination={false}
          loading={rules.loading}
          dataSource={rules.data ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' }, 'data-testid': `rule-row-${r.code}` }) as HTMLAttributes<HTMLElement>}
          data-testid="rule-table"
          columns={[
            {
              key: 'name',
              title: t('mch.rules.name'),
              render: (_, r) => (
                <Flex vertical style={{ maxWidth: 260 }}>
                  <Typography.Text strong>{pick(r)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{r.code}</Typography.Text>
                </Flex>
              ),
            },
            { key: 'expression', title: t('mch.rules.expression'), render: (_, r) => <Typography.Text code style={{ display: 'block', maxWidth: 460, whiteSpace: 'normal', wordBreak: 'break-word', fontSize: 12 }}>{r.expression}</Typography.Text> },
            { key: 'severity', title: t('mch.alerts.severity'), render: (_, r) => <SeverityTag severity={r.severity} /> },
            { key: 'active', title: t('mch.rules.active'), render: (_, r) => (r.active ? <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('mch.rules.on')}</Tag> : <Tag style={{ marginInlineEnd: 0 }}>{t('mch.rules.off')}</Tag>) },
            { key: 'updated', title: t('mch.rules.updated'), render: (_, r) => <Flex vertical style={{ whiteSpace: 'nowrap' }}><span>v{r.version} · {r.updatedBy ?? t('mch.rules.shipped')}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.updatedAt).slice(0, 16)}</Typography.Text></Flex> },
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right',
              render: (_, r) => (
                <Button size="small" type="link" icon={editable ? <EditOutlined /> : <EyeOutlined />} onClick={(e) => { e.stopPropagation(); setOpen(r); }} data-testid={`rule-edit-${r.code}`}>
                  {editable ? t('common.edit') : t('mch.rules.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <RuleDrawer
        rule={open}
        editable={editable}
        onClose={() => setOpen(null)}
        onSaved={(saved) => {
          setOpen(saved);
          rules.reload();
        }}
      />
    </>
  );
}
