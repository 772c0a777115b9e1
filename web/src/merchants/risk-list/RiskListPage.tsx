import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { PageHeader } from '../../shared/PageHeader';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { merchantsApi, RISK_LIST_KINDS, type RiskListEntry, type RiskListKind } from '../merchants.api';
import { AddEntriesModal } from './AddEntriesModal';

const kindColor: Record<RiskListKind, string> = { uscc: 'volcano', id_number: 'magenta', account: 'purple' };

/** 风险信息名单 (`/merchants/risk-list`, `merchant.risk`): entries newest first, values masked (only a digest is kept). */
export function RiskListPage() {
  const { t } = useT();
  const { params, page, size, update, pagination } = useUrlFilters<'kind'>();
  const kind = RISK_LIST_KINDS.find((k) => k === params.get('kind'));
  const list = useRequest((signal) => merchantsApi.riskList({ kind, limit: size, offset: (page - 1) * size }, signal), [kind, page, size]);
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title={t('nav.merchantRiskList')}
        section="nav.merchants"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="risk-list-add">{t('mch.riskList.add')}</Button>
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('mch.riskList.intro')}</Typography.Paragraph>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Select
            value={kind}
            placeholder={t('mch.riskList.allKinds')}
            allowClear
            options={RISK_LIST_KINDS.map((k) => ({ value: k, label: t(`mch.riskList.kind.${k}`) }))}
            onChange={(next?: RiskListKind) => update({ kind: next })}
            style={{ width: 180 }}
            data-testid="risk-list-filter-kind"
          />
        </Flex>
        <Table<RiskListEntry>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mch.riskList.empty') }}
          data-testid="risk-list-table"
          columns={[
            { key: 'kind', title: t('mch.riskList.kind'), render: (_, e) => <Tag color={kindColor[e.kind]} style={{ marginInlineEnd: 0 }}>{t(`mch.riskList.kind.${e.kind}`)}</Tag> },
            { key: 'value', title: t('mch.riskList.valueMasked'), render: (_, e) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{e.valueMasked}</span> },
            { key: 'reason', title: t('mch.riskList.reason'), render: (_, e) => <div style={{ maxWidth: 360 }}>{e.reason}</div> },
            { key: 'source', title: t('mch.riskList.source'), render: (_, e) => e.source },
            { key: 'listedOn', title: t('mch.riskList.listedOn'), render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{e.listedOn}</span> },
          ]}
          pagination={pagination(list.data?.total ?? 0)}
        />
      </Card>
      <AddEntriesModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          list.reload();
        }}
      />
    </>
  );
}
