import { CheckOutlined, CloseCircleOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { SearchInput } from '../../shared/SearchInput';
import { useRequest } from '../../shared/use-request';
import { useUrlFilters } from '../../shared/use-url-filters';
import { AlertStatusTag, FiredValues, MerchantStatusTag, RatingTag, SeverityTag } from '../merchant-display';
import { ALERT_STATUSES, merchantsApi, SEVERITIES, type AlertItem, type Severity } from '../merchants.api';
import { OpenCaseModal } from '../risk-cases/OpenCaseModal';
import { CaseStatusTag } from '../risk-cases/risk-case-display';
import { AlertNoteModal, type AlertAction } from './AlertNoteModal';

type FilterKey = 'status' | 'severity' | 'merchant';
/** The board's status choices: still to deal with (open or acknowledged), each status, or everything. */
const STATUS_FILTERS = ['active', ...ALERT_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** 风险预警看板 (`/merchants/alerts`, `merchant.risk`): alerts still to deal with first, the most severe first. */
export function AlertsBoardPage() {
  const { t, pick, lang } = useT();
  const { params, page, size, update, pagination } = useUrlFilters<FilterKey>();
  const status: StatusFilter = STATUS_FILTERS.find((s) => s === params.get('status')) ?? 'active';
  const severity = SEVERITIES.find((s) => s === params.get('severity'));
  const merchant = params.get('merchant') ?? '';
  const navigate = useNavigate();
  const [acting, setActing] = useState<{ alert: AlertItem; action: AlertAction } | null>(null);
  const [casing, setCasing] = useState<AlertItem | null>(null);
  const list = useRequest(
    (signal) => merchantsApi.alerts({ status: status === 'all' ? undefined : status, severity, merchant: merchant || undefined, limit: size, offset: (page - 1) * size }, signal),
    [status, severity, merchant, page, size, lang],
  );

  const columns: TableProps<AlertItem>['columns'] = [
    {
      key: 'merchant',
      title: t('mch.alertBoard.merchant'),
      fixed: 'left',
      render: (_, a) => (
        <Flex vertical style={{ maxWidth: 220 }}>
          <Link to={`/merchants/${encodeURIComponent(a.merchant.code)}`} style={{ fontFamily: 'monospace' }}>{a.merchant.code}</Link>
          <Typography.Text ellipsis={{ tooltip: a.merchant.name }}>{a.merchant.name}</Typography.Text>
          <Space size={4} wrap>
            <MerchantStatusTag status={a.merchant.status} />
            <RatingTag rating={a.merchant.riskRating} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.merchant.unitCode}</Typography.Text>
          </Space>
        </Flex>
      ),
    },
    {
      key: 'rule',
      title: t('mch.alertBoard.rule'),
      render: (_, a) => (
        <Flex vertical gap={2} style={{ maxWidth: 220 }}>
          <Typography.Text strong>{pick(a.rule)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{a.rule.code}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'severity', title: t('mch.alerts.severity'), render: (_, a) => <SeverityTag severity={a.severity} /> },
    {
      key: 'status',
      title: t('mch.alerts.status'),
      render: (_, a) => (
        <Flex vertical gap={2} style={{ maxWidth: 200 }}>
          <span><AlertStatusTag status={a.status} testId={`alert-status-${a.id}`} /></span>
          {a.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: a.note }}>{a.note}</Typography.Text> : null}
          {a.closedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.closedBy} · {formatDateTime(a.closedAt).slice(0, 16)}</Typography.Text> : null}
          {a.riskCase ? (
            <Space size={4}>
              <Link to={`/merchants/risk-cases/${encodeURIComponent(a.riskCase.ref)}`} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid={`alert-case-${a.id}`}>{a.riskCase.ref}</Link>
              <CaseStatusTag status={a.riskCase.status} />
            </Space>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'days',
      title: t('mch.alertBoard.days'),
      render: (_, a) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{t('mch.alertBoard.first', { day: a.firstDay })}</span>
          <span>{t('mch.alertBoard.last', { day: a.lastDay })}</span>
        </Flex>
      ),
    },
    { key: 'occurrences', title: t('mch.alertBoard.occurrences'), align: 'right', render: (_, a) => <Typography.Text strong={a.occurrences > 1}>{a.occurrences}</Typography.Text> },
    { key: 'values', title: t('mch.alertBoard.values'), render: (_, a) => <FiredValues values={a.values} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, a) =>
        a.status === 'closed' ? null : (
          <Space size={4}>
            {!a.riskCase || a.riskCase.status === 'closed' ? (
              <Button size="small" type="primary" ghost icon={<FileSearchOutlined />} onClick={() => setCasing(a)} data-testid={`alert-open-case-${a.id}`}>{t('mch.case.fromAlert')}</Button>
            ) : null}
            {a.status === 'open' ? (
              <Button size="small" icon={<CheckOutlined />} onClick={() => setActing({ alert: a, action: 'acknowledge' })} data-testid={`alert-ack-${a.id}`}>{t('mch.alertBoard.acknowledge')}</Button>
            ) : null}
            <Button size="small" danger icon={<CloseCircleOutlined />} onClick={() => setActing({ alert: a, action: 'close' })} data-testid={`alert-close-${a.id}`}>{t('mch.alertBoard.close')}</Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.merchantAlerts')} section="nav.merchants" extra={<Button icon={<ReloadOutlined />} onClick={list.reload}>{t('common.reload')}</Button>} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }} data-testid="alert-filters">
          <Select
            value={status}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`mch.alertBoard.filter.${s}`) }))}
            onChange={(next: StatusFilter) => update({ status: next === 'active' ? undefined : next })}
            style={{ width: 140 }}
            data-testid="alert-filter-status"
          />
          <Select
            value={severity}
            placeholder={t('mch.alertBoard.allSeverities')}
            allowClear
            options={SEVERITIES.map((s) => ({ value: s, label: t(`mch.severity.${s}`) }))}
            onChange={(next?: Severity) => update({ severity: next })}
            style={{ width: 130 }}
            data-testid="alert-filter-severity"
          />
          <SearchInput value={merchant} onSearch={(text) => update({ merchant: text })} normalise={(s) => s.toUpperCase()} placeholder={t('mch.alertBoard.merchantPlaceholder')} width={240} testId="alert-filter-merchant" />
        </Flex>
        <Table<AlertItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('mch.alertBoard.empty') }}
          onRow={(a) => ({ 'data-testid': `alert-row-${a.merchant.code}-${a.rule.code}` }) as HTMLAttributes<HTMLElement>}
          data-testid="alert-table"
          pagination={pagination(list.data?.total ?? 0)}
        />
      </Card>
      <OpenCaseModal open={casing !== null} alert={casing} onClose={() => setCasing(null)} onOpened={(ref) => navigate(`/merchants/risk-cases/${encodeURIComponent(ref)}`)} />
      <AlertNoteModal
        alert={acting?.alert ?? null}
        action={acting?.action ?? 'acknowledge'}
        onClose={() => setActing(null)}
        onDone={() => {
          setActing(null);
          list.reload();
        }}
      />
    </>
  );
}
