import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { MerchantStatusTag } from '../merchant-display';
import { OpenCaseModal } from './OpenCaseModal';
import { ActionList, CaseKindTag, CaseStatusTag } from './risk-case-display';
import { RISK_CASE_STATUSES, riskCasesApi, type RiskCase, type RiskCaseStatus } from './risk-case.api';

type FilterKey = 'status' | 'merchant';
/** Still being handled (any but closed), each status, or all. */
const STATUS_FILTERS = ['open', ...RISK_CASE_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** 风险事件处置 (`/merchants/risk-cases`, `merchant.risk`): the cases of the user's branches, open ones first, newest first. */
export function RiskCaseListPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { params, page, size, update, pagination } = useUrlFilters<FilterKey>();
  const status: StatusFilter = STATUS_FILTERS.find((s) => s === params.get('status')) ?? 'open';
  const merchant = params.get('merchant') ?? '';
  const [reporting, setReporting] = useState(false);
  const list = useRequest(
    (signal) => riskCasesApi.list({ status: status === 'all' ? undefined : status, merchant: merchant || undefined, limit: size, offset: (page - 1) * size }, signal),
    [status, merchant, page, size, lang],
  );
  const open = (c: RiskCase) => navigate(`/merchants/risk-cases/${encodeURIComponent(c.ref)}`);

  const columns: TableProps<RiskCase>['columns'] = [
    {
      key: 'ref',
      title: t('mch.case.ref'),
      fixed: 'left',
      render: (_, c) => <Link to={`/merchants/risk-cases/${encodeURIComponent(c.ref)}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{c.ref}</Link>,
    },
    {
      key: 'merchant',
      title: t('mch.alertBoard.merchant'),
      render: (_, c) => (
        <Flex vertical style={{ maxWidth: 220 }}>
          <Typography.Text ellipsis={{ tooltip: c.merchant.name }}>{c.merchant.name}</Typography.Text>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{c.merchant.code}</Typography.Text>
            <MerchantStatusTag status={c.merchant.status} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.merchant.unitCode}</Typography.Text>
          </Space>
        </Flex>
      ),
    },
    {
      key: 'kind',
      title: t('mch.case.kindCol'),
      render: (_, c) => (
        <Flex vertical gap={2} align="start">
          <CaseKindTag kind={c.kind} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`mch.case.source.${c.source}`)}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'status', title: t('mch.case.statusCol'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'description', title: t('mch.case.description'), render: (_, c) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.description }} style={{ maxWidth: 280, marginBottom: 0 }}>{c.description}</Typography.Paragraph> },
    { key: 'actions', title: t('mch.case.actions'), render: (_, c) => <div style={{ maxWidth: 260 }}><ActionList actions={c.actions} /></div> },
    {
      key: 'opened',
      title: t('mch.case.opened'),
      render: (_, c) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{formatDateTime(c.createdAt).slice(0, 16)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.createdBy}</Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.merchantRiskCases')}
        section="nav.merchants"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="risk-case-report">{t('mch.case.report')}</Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select
            value={status}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: s === 'open' || s === 'all' ? t(`mch.case.filter.${s}`) : t(`mch.case.status.${s as RiskCaseStatus}`) }))}
            onChange={(next: StatusFilter) => update({ status: next === 'open' ? undefined : next })}
            style={{ width: 150 }}
            data-testid="risk-case-filter-status"
          />
          <SearchInput value={merchant} onSearch={(text) => update({ merchant: text })} normalise={(s) => s.toUpperCase()} placeholder={t('mch.alertBoard.merchantPlaceholder')} width={240} testId="risk-case-filter-merchant" />
        </Flex>
        <Table<RiskCase>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mch.case.empty') }}
          onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' }, 'data-testid': `risk-case-row-${c.ref}` }) as HTMLAttributes<HTMLElement>}
          data-testid="risk-case-table"
          pagination={pagination(list.data?.total ?? 0)}
        />
      </Card>
      <OpenCaseModal open={reporting} onClose={() => setReporting(false)} onOpened={(ref) => navigate(`/merchants/risk-cases/${encodeURIComponent(ref)}`)} />
    </>
  );
}
